import type { Rule } from '../rules/schema.js';
import type { TableName } from '../snapshot/schema.js';

/** A rule as the matcher and reports use it: test cases are dropped from the runtime bundle. */
// `platforms` is required in rule files; code that builds rules in memory (tests, packs) may leave it out.
export type RuntimeRule = Omit<Rule, 'tests' | 'platforms'> & { tests?: Rule['tests']; platforms?: Rule['platforms'] };

export type Strength = 'high' | 'medium' | 'low';
export const STRENGTH_ORDER: Record<Strength, number> = { low: 1, medium: 2, high: 3 };

export type IndicatorKind =
  | 'processes'
  | 'services'
  | 'packages'
  | 'paths'
  | 'registry'
  | 'drivers'
  | 'autostart'
  | 'browser_extensions'
  | 'bundle_ids'
  | 'launchd'
  | 'signers'
  | 'agent_domains'
  | 'website_domains'
  | 'os_component';

export interface Evidence {
  table: TableName;
  /** Index of the row in its snapshot table. */
  row: number;
  /** The row's identifying value that matched (a path, a name, a host). */
  item: string;
  indicator: { kind: IndicatorKind; value: string };
  strength: Strength;
  /** Plain words on what the evidence shows, e.g. "running process", "installed package". */
  what: string;
  /** The row's field the item came from when it is not the row's main value (e.g. `command`, `install_location`). */
  field?: string;
}

export interface Finding {
  rule: RuntimeRule;
  confidence: Strength;
  evidence: Evidence[];
  /** Rules of one family merged into this finding (ids), when more than one matched. */
  members?: string[];
}
