import { z } from 'zod';
import { ReportSchema } from './report/schema.js';
import { Rule } from './rules/schema.js';
import { Snapshot } from './snapshot/schema.js';

/** JSON Schemas of the three contracts, generated from the zod schemas that validate them. */
export function jsonSchemas(): Record<'snapshot' | 'report' | 'rule', unknown> {
  const opts = { unrepresentable: 'any', io: 'input' } as const;
  return {
    snapshot: { title: 'bosswatch snapshot v1', ...z.toJSONSchema(Snapshot, opts) },
    report: { title: 'bosswatch report v1', ...z.toJSONSchema(ReportSchema, opts) },
    rule: { title: 'bosswatch rule', ...z.toJSONSchema(Rule, opts) },
  };
}
