import type { SettingRow } from '../../snapshot/schema.js';

// Policy and managed-settings files (browsers, AI tools) turned into settings rows: one row per top-level policy.

const MAX_VALUE = 2000;

const text = (v: unknown): string => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 3)}...` : s;
};

/** A Chromium-family managed policy JSON file: { "PolicyName": value, ... }. */
export function chromiumPolicyRows(json: string, file: string, app: string, source: string): SettingRow[] {
  let p: unknown;
  try {
    p = JSON.parse(json);
  } catch {
    return [];
  }
  if (!p || typeof p !== 'object' || Array.isArray(p)) return [];
  return Object.entries(p as Record<string, unknown>).map(([key, v]) => ({ source, app, file, key, value: text(v) }));
}

/** Firefox policies.json: { "policies": { "PolicyName": value } }. */
export function firefoxPolicyRows(json: string, file: string, source: string): SettingRow[] {
  let p: { policies?: unknown };
  try {
    p = JSON.parse(json);
  } catch {
    return [];
  }
  const pol = p?.policies;
  if (!pol || typeof pol !== 'object' || Array.isArray(pol)) return [];
  return Object.entries(pol as Record<string, unknown>).map(([key, v]) => ({ source, app: 'firefox', file, key, value: text(v) }));
}

/** Claude Code managed-settings.json: one row per env variable (env.NAME) and per other top-level key. */
export function claudeManagedRows(json: string, file: string, source: string): SettingRow[] {
  let p: unknown;
  try {
    p = JSON.parse(json);
  } catch {
    return [];
  }
  if (!p || typeof p !== 'object' || Array.isArray(p)) return [];
  const rows: SettingRow[] = [];
  for (const [key, v] of Object.entries(p as Record<string, unknown>)) {
    if (key === 'env' && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [name, val] of Object.entries(v as Record<string, unknown>)) {
        // header values carry credentials (Authorization=Bearer ...): keep only that they are set
        const value = /HEADERS$/.test(name) ? '(set)' : text(val);
        rows.push({ source, app: 'claude-code', file, key: `env.${name}`, value });
      }
    } else rows.push({ source, app: 'claude-code', file, key, value: text(v) });
  }
  return rows;
}

/** Managed-settings files of AI tools, per platform (from the tools' own documentation). */
export const CLAUDE_MANAGED_SETTINGS = {
  linux: ['/etc/claude-code/managed-settings.json'],
  macos: ['/Library/Application Support/ClaudeCode/managed-settings.json'],
  windows: ['C:\\ProgramData\\ClaudeCode\\managed-settings.json'],
} as const;
