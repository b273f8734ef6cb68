import type { CapabilityDefault, Category } from '../rules/vocabulary.js';
import type { CoverageRow, Host, TableName } from '../snapshot/schema.js';
import type { IndicatorKind, Strength } from '../match/types.js';

export const REPORT_FORMAT = 'bosswatch-report';
export const REPORT_VERSION = 1;

export interface ReportCapability {
  id: string;
  text: string;
  default: CapabilityDefault;
  source: string;
  note?: string;
}

export interface ReportEvidence {
  table: TableName;
  item: string;
  what: string;
  indicator: { kind: IndicatorKind; value: string };
  strength: Strength;
}

export interface ReportFinding {
  rule: string;
  name: string;
  vendor: string;
  category: Category;
  category_label: string;
  confidence: Strength;
  summary: string;
  website: string;
  capabilities: ReportCapability[];
  hidden_mode: { supported: 'yes' | 'no' | 'unknown'; source?: string; note?: string };
  evidence: ReportEvidence[];
  references: { url: string; title?: string }[];
}

export interface InputDeviceObservation {
  pid: number;
  process: string;
  path?: string;
  device: string;
  kind: string;
  expected: boolean;
}

export interface Report {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  tool: { name: string; version: string };
  rules: { count: number; digest: string };
  host: Host;
  collected_at: string;
  findings: ReportFinding[];
  coverage: CoverageRow[];
  checked: Partial<Record<TableName, number>>;
  observations: { input_devices: InputDeviceObservation[] };
  privacy: { identifiers: 'redacted' | 'included' };
}

export interface RenderOptions {
  verbose: boolean;
  color: import('chalk').ChalkInstance;
}
