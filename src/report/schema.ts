import { z } from 'zod';
import { CAPABILITIES, CAPABILITY_DEFAULTS, CATEGORIES, HIDDEN_MODE } from '../rules/vocabulary.js';
import { Coverage, Host, TABLE_NAMES } from '../snapshot/schema.js';
import { FINDING_GROUPS } from './types.js';
import { ManifestSchema } from '../evidence/schema.js';

const Strength = z.enum(['high', 'medium', 'low']);
const Table = z.enum(TABLE_NAMES);
const CapabilityId = z.enum(Object.keys(CAPABILITIES) as [keyof typeof CAPABILITIES, ...(keyof typeof CAPABILITIES)[]]);

// What a finding means for the person, most invasive first (decided in build.ts, never in a renderer).
export { FINDING_GROUPS };

// Contract item 4: a behaviour seen on the computer (src/detect), with or without a product that explains it.
export const ReportBehaviourSchema = z.object({
  id: z.string(),
  title: z.string(),
  capabilities: z.array(CapabilityId),
  confidence: Strength,
  subject: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('process'), pid: z.number().int().optional(), name: z.string(), path: z.string().optional() }),
    z.object({ kind: z.literal('setting'), file: z.string().optional(), key: z.string().optional(), value: z.string().optional() }),
  ]),
  evidence: z.array(
    z.object({
      table: Table,
      item: z.string().describe('the evidence line in English (older readers); renderers say it from key and params'),
      what: z.string(),
      key: z.string().optional().describe('message key of the evidence line (src/i18n/detect.*.ts); unknown keys fall back to item'),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe('values from the machine that fill the line (redacted like item)'),
    }),
  ),
  means: z.string(),
  not_proof: z.string(),
  explained_by: z.string().optional().describe('the product rule whose finding accounts for the same program or setting'),
});

export const ReportSchema = z.object({
  format: z.literal('bosswatch-report'),
  version: z.literal(2),
  tool: z.object({ name: z.string(), version: z.string() }),
  rules: z.object({ count: z.number().int(), digest: z.string() }),
  host: Host,
  collected_at: z.string(),
  findings: z.array(
    z.object({
      rule: z.string(),
      name: z.string(),
      vendor: z.string(),
      category: z.enum(Object.keys(CATEGORIES) as [string, ...string[]]),
      category_label: z.string(),
      group: z.enum(FINDING_GROUPS).describe('what the finding means for the person; groups are listed most invasive first'),
      confidence: Strength,
      running: z.boolean().describe('true when a process of the product was seen running'),
      summary: z.string(),
      website: z.string(),
      capabilities: z.array(
        z.object({ id: z.string(), text: z.string(), default: z.enum(CAPABILITY_DEFAULTS), source: z.string(), note: z.string().optional() }),
      ),
      hidden_mode: z.object({ supported: z.enum(HIDDEN_MODE), source: z.string().optional(), note: z.string().optional() }),
      evidence: z.array(
        z.object({
          table: Table,
          item: z.string(),
          what: z.string(),
          indicator: z.object({ kind: z.string(), value: z.string() }),
          strength: Strength,
          also: z.array(z.object({ kind: z.string(), value: z.string() })).optional().describe('other rule indicators the same item matched'),
          permission: z.object({ service: z.string(), granted: z.boolean() }).optional().describe('for privacy-permission evidence: which permission, and whether it is granted'),
        }),
      ),
      references: z.array(z.object({ url: z.string(), title: z.string().optional() })),
      behaviours: z.array(ReportBehaviourSchema).optional().describe('behaviours seen on the computer that this product explains'),
    }),
  ),
  behaviours: z.array(ReportBehaviourSchema).optional().describe('behaviours seen on the computer that no product in the rules explains'),
  coverage: z.array(Coverage),
  checked: z.record(z.string(), z.number().int()),
  privacy: z.object({ identifiers: z.enum(['redacted', 'included']) }),
  manifest: ManifestSchema.describe('what the report was made from and with; bosswatch verify recomputes its digests'),
});
