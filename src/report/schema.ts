import { z } from 'zod';
import { CAPABILITY_DEFAULTS, CATEGORIES, HIDDEN_MODE } from '../rules/vocabulary.js';
import { Coverage, Host, TABLE_NAMES } from '../snapshot/schema.js';

const Strength = z.enum(['high', 'medium', 'low']);
const Table = z.enum(TABLE_NAMES);

export const ReportSchema = z.object({
  format: z.literal('bosswatch-report'),
  version: z.literal(1),
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
        }),
      ),
      references: z.array(z.object({ url: z.string(), title: z.string().optional() })),
    }),
  ),
  coverage: z.array(Coverage),
  checked: z.record(z.string(), z.number().int()),
  observations: z.object({
    input_devices: z.array(
      z.object({ pid: z.number().int(), process: z.string(), path: z.string().optional(), device: z.string(), kind: z.string(), expected: z.boolean() }),
    ),
  }),
  privacy: z.object({ identifiers: z.enum(['redacted', 'included']) }),
});
