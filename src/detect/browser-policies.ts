import type { SettingRow, Snapshot } from '../snapshot/schema.js';
import { settingRows } from './lib.js';

// Browser policy rows from every platform: policy files (key = policy name) and registry values (name = policy name).
export const BROWSERS = new Set(['chrome', 'chromium', 'edge', 'brave', 'firefox']);

export interface PolicyRow {
  r: SettingRow;
  row: number;
  app: string;
  policy: string;
  value: unknown;
}

const parse = (v: string | undefined): unknown => {
  if (v === undefined) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

export function browserPolicies(s: Snapshot): PolicyRow[] {
  return settingRows(s, (r) => BROWSERS.has(r.app ?? '')).map(({ r, row }) => ({ r, row, app: r.app!, policy: r.name ?? r.key, value: parse(r.value) }));
}

export const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';
