import type { CoverageRow, TableName } from '../../snapshot/schema.js';
import type { CollectContext } from '../types.js';
import { coverage } from './util.js';

export const CODESIGN = '/usr/bin/codesign';
const CALL_TIMEOUT_MS = 3_000;
const CONCURRENCY = 4;

export interface Signature {
  team_id?: string;
  identifier?: string;
  /** First Authority line: "Developer ID Application: Microsoft Corporation (UBF8T346G9)". */
  authority?: string;
  adhoc?: boolean;
}

/** Parses what `codesign -dv --verbose=2` prints (on standard error): Key=value lines. */
export function parseCodesign(stderr: string): Signature | undefined {
  if (/code object is not signed at all/.test(stderr)) return undefined;
  const sig: Signature = {};
  for (const line of stderr.split(/\r?\n/)) {
    const m = /^([A-Za-z][A-Za-z .]*?)=(.*)$/.exec(line);
    if (!m) continue;
    const [, k, v] = m;
    if (k === 'TeamIdentifier' && v && v !== 'not set') sig.team_id = v.trim();
    else if (k === 'Identifier' && !sig.identifier) sig.identifier = v.trim();
    else if (k === 'Authority' && !sig.authority) sig.authority = v.trim();
    else if (k === 'Signature' && v.trim() === 'adhoc') sig.adhoc = true;
  }
  return Object.keys(sig).length ? sig : undefined;
}

// Apple's own programs: signed by Apple (no Team ID), and there are hundreds of them
const APPLE_PREFIXES = ['/System/', '/usr/bin/', '/usr/sbin/', '/usr/libexec/', '/usr/lib/', '/bin/', '/sbin/', '/Library/Apple/', '/private/var/db/', '/Applications/Safari.app/'];

export const isApplePlatformPath = (p: string): boolean => APPLE_PREFIXES.some((x) => p.startsWith(x));

export interface SignatureBudget {
  /** At most this many codesign calls. */
  maxCount: number;
  /** And no new call after this much time. */
  maxTotalMs: number;
}

export interface SignatureResult {
  byPath: Map<string, Signature>;
  checked: number;
  /** Non-Apple paths left out because the budget ran out. */
  skipped: number;
  failed: number;
  unavailable: boolean;
}

/** Runs `codesign -dv --verbose=2` on each distinct non-Apple path, bounded in count and total time. */
export async function readSignatures(ctx: Pick<CollectContext, 'exec'>, paths: Iterable<string>, budget: SignatureBudget, now: () => number = Date.now): Promise<SignatureResult> {
  const todo = [...new Set([...paths].filter((p) => p.startsWith('/') && !isApplePlatformPath(p)))].sort();
  const res: SignatureResult = { byPath: new Map(), checked: 0, skipped: 0, failed: 0, unavailable: false };
  const start = now();
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      if (res.unavailable || res.checked >= budget.maxCount || now() - start > budget.maxTotalMs) return;
      const p = todo[next++];
      res.checked++;
      const r = await ctx.exec(CODESIGN, ['-dv', '--verbose=2', p], { timeoutMs: CALL_TIMEOUT_MS });
      if (r.error === 'ENOENT') {
        res.unavailable = true;
        return;
      }
      if (r.error) {
        res.failed++;
        continue;
      }
      const sig = parseCodesign(r.stderr);
      if (sig) res.byPath.set(p, sig);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  res.skipped = todo.length - res.checked;
  return res;
}

/** One coverage line for the Team IDs of a table: ok only when every non-Apple item was looked at. */
export function signatureCoverage(table: TableName, what: string, r: SignatureResult): CoverageRow {
  const source = 'macos/codesign';
  if (r.unavailable) return coverage(source, table, 'unavailable', `codesign is not available, so the developers' Team IDs of ${what} were not read.`);
  if (r.skipped > 0 || r.failed > 0) {
    const parts = [r.skipped > 0 ? `${r.skipped} were left out to keep the scan short` : '', r.failed > 0 ? `${r.failed} could not be checked in time` : ''].filter(Boolean);
    return coverage(source, table, 'partial', `Team IDs (who signed the program) were read for ${r.checked - r.failed} of ${r.checked + r.skipped} ${what}; ${parts.join(', ')}.`);
  }
  return coverage(source, table, 'ok');
}
