import { canonicalJson, digestJson, sha256 } from './canonical.js';
import type { Platform } from '../snapshot/constants.js';

export interface Manifest {
  tool: { name: string; version: string };
  created_at: string;
  platform: Platform;
  rules: { count: number; digest: string; extra: boolean };
  snapshot: { digest: string; collected_at: string; identifiers: 'redacted' | 'included'; tenant: 'kept' | 'redacted' };
  checked: string[];
  not_checked: { table: string; source: string; status: 'ok' | 'partial' | 'denied' | 'unavailable' | 'error'; reason?: string }[];
  report_digest: string;
}

/** The digest `manifest.report_digest` holds: SHA-256 of the canonical report with that one field left out. */
export function reportDigestOf(report: { manifest?: object }): string {
  const { manifest, ...rest } = report as { manifest?: Record<string, unknown> } & Record<string, unknown>;
  if (!manifest) return digestJson(rest);
  const { report_digest: _omit, ...m } = manifest;
  return sha256(canonicalJson({ ...rest, manifest: m }));
}

/** Tables whose every coverage row is ok, and the coverage rows that are not. */
export function coverageSplit(coverage: readonly { table: string; source: string; status: Manifest['not_checked'][number]['status']; reason?: string }[]): Pick<Manifest, 'checked' | 'not_checked'> {
  const bad = new Set<string>();
  const not_checked: Manifest['not_checked'] = [];
  for (const c of coverage) {
    if (c.status === 'ok') continue;
    bad.add(c.table);
    not_checked.push({ table: c.table, source: c.source, status: c.status, ...(c.reason ? { reason: c.reason } : {}) });
  }
  const checked = [...new Set(coverage.filter((c) => c.status === 'ok' && !bad.has(c.table)).map((c) => c.table))].sort();
  return { checked, not_checked };
}
