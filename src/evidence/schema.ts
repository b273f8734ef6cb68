import { z } from 'zod';
import { COVERAGE_STATUSES, PLATFORMS } from '../snapshot/constants.js';

const Digest = z.string().regex(/^sha256:[0-9a-f]{64}$/);
const Code = z.string().regex(/^[a-z0-9-]+$/);
const Params = z.record(z.string(), z.union([z.string(), z.number()]));

/** What a report was made from and with, so that it can be checked later (`bosswatch verify`). */
export const ManifestSchema = z.object({
  tool: z.object({ name: z.string(), version: z.string() }),
  created_at: z.string().describe('when the report was made (ISO-8601, UTC)'),
  platform: z.enum(PLATFORMS),
  rules: z.object({
    count: z.number().int(),
    digest: Digest.describe('SHA-256 over the rule set (the same as the report\'s rules.digest)'),
    extra: z.boolean().describe('rules from --rules folders were added to the built-in ones'),
  }),
  snapshot: z.object({
    digest: Digest.describe('SHA-256 of the canonical snapshot (keys sorted recursively, no whitespace), as bosswatch writes it with the same privacy options'),
    collected_at: z.string(),
    identifiers: z.enum(['redacted', 'included']),
    tenant: z.enum(['kept', 'redacted']),
  }),
  checked: z.array(z.string()).describe('tables every collector read fully'),
  not_checked: z
    .array(
      z.object({
        table: z.string(),
        source: z.string(),
        status: z.enum(COVERAGE_STATUSES),
        reason: z.string().optional().describe('in English, for older readers'),
        code: Code.optional().describe('what reason says as a message code (reason.<code> in the catalogues), for readers in any language'),
        params: Params.optional(),
        more: z.array(z.object({ code: Code, params: Params.optional() })).optional().describe('further notes of the same row, each its own sentence'),
      }),
    )
    .describe('what a collector could read only partly or not at all, and why'),
  report_digest: Digest.describe('SHA-256 of the canonical report without this field'),
});
