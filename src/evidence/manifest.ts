import { canonicalJson, digestJson, sha256 } from './canonical.js';
import type { Platform } from '../snapshot/constants.js';

export interface Manifest {
  tool: { name: string; version: string };
  created_at: string;
  platform: Platform;
  rules: { count: number; digest: string; extra: boolean };
  snapshot: { digest: string; collected_at: string; identifiers: 'redacted' | 'included'; tenant: 'kept' | 'redacted' };
  checked: string[];
  not_checked: NotChecked[];
  report_digest: string;
}

type CoverageStatus = 'ok' | 'partial' | 'denied' | 'unavailable' | 'error';
type ReasonParams = Readonly<Record<string, string | number>>;
/** What a reason says as a message code (src/i18n/coverage.*.ts `reason.<code>`), with further notes of the same row. */
export interface ReasonCode {
  code: string;
  params?: ReasonParams;
  more?: { code: string; params?: ReasonParams }[];
}

/** A coverage row that was not ok: the English reason for older readers, its code for readers in other languages. */
export interface NotChecked extends Partial<ReasonCode> {
  table: string;
  source: string;
  status: CoverageStatus;
  reason?: string;
}

/** The digest `manifest.report_digest` holds: SHA-256 of the canonical report with that one field left out. */
export function reportDigestOf(report: { manifest?: object }): string {
  const { manifest, ...rest } = report as { manifest?: Record<string, unknown> } & Record<string, unknown>;
  if (!manifest) return digestJson(rest);
  const { report_digest: _omit, ...m } = manifest;
  return sha256(canonicalJson({ ...rest, manifest: m }));
}

/**
 * Tables whose every coverage row is ok, and the coverage rows that are not, each with its reason's code: the row's own,
 * else what codeOf recognises in its English (a snapshot from before codes); a reason no template made keeps no code.
 */
export function coverageSplit(
  coverage: readonly ({ table: string; source: string; status: CoverageStatus; reason?: string } & Partial<ReasonCode>)[],
  codeOf: (reason: string) => ReasonCode | undefined = () => undefined,
): Pick<Manifest, 'checked' | 'not_checked'> {
  const bad = new Set<string>();
  const not_checked: Manifest['not_checked'] = [];
  for (const c of coverage) {
    if (c.status === 'ok') continue;
    bad.add(c.table);
    const coded = c.code ? { code: c.code, params: c.params, more: c.more } : c.reason ? codeOf(c.reason) : undefined;
    not_checked.push({
      table: c.table,
      source: c.source,
      status: c.status,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(coded ? { code: coded.code, ...(coded.params && Object.keys(coded.params).length ? { params: coded.params } : {}), ...(coded.more?.length ? { more: coded.more } : {}) } : {}),
    });
  }
  const checked = [...new Set(coverage.filter((c) => c.status === 'ok' && !bad.has(c.table)).map((c) => c.table))].sort();
  return { checked, not_checked };
}
