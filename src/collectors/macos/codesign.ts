import type { CoverageRow, TableName } from '../../snapshot/schema.js';
import type { CollectContext, ExecResult } from '../types.js';
import { sampleOf } from '../shared/answer.js';
import { coverage } from './util.js';
import { joinReasons, maybeReasons, reason, reasonsOf, why, type Reason } from '../shared/reason.js';

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

/**
 * What one `codesign -dv` answer says. Signed code prints "Executable=" and "Identifier=" lines on standard error and
 * exits 0; unsigned code prints "…: code object is not signed at all" and exits 1 (codesign(1): 1 = the operation
 * failed, 2 = bad arguments). That exit 1 is an answer; any other failure or unknown output is not.
 */
export type CodesignAnswer = { kind: 'signed'; signature: Signature } | { kind: 'unsigned' } | { kind: 'unreadable'; why: string };

export function readCodesign(r: Pick<ExecResult, 'stderr' | 'stdout' | 'code'>): CodesignAnswer {
  if (/: code object is not signed at all\s*$/m.test(r.stderr)) return { kind: 'unsigned' };
  const first = (r.stderr || r.stdout).split(/\r?\n/).find((l) => l.trim());
  if (r.code !== 0) return { kind: 'unreadable', why: `exit code ${r.code ?? 'none'}${first ? `: ${sampleOf(first)}` : ''}` };
  const sig = /^Executable=\S/m.test(r.stderr) && /^Identifier=\S/m.test(r.stderr) ? parseCodesign(r.stderr) : undefined;
  if (!sig) return { kind: 'unreadable', why: first ? `unrecognised output "${sampleOf(first)}"` : 'no output' };
  return { kind: 'signed', signature: sig };
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
  /** Answers that were neither a signature nor "not signed" (an error message or unrecognised output). */
  unreadable: number;
  /** The first such answer, escaped. */
  unreadableSample?: string;
  unavailable: boolean;
}

/** Runs `codesign -dv --verbose=2` on each distinct non-Apple path, bounded in count and total time. */
export async function readSignatures(ctx: Pick<CollectContext, 'exec'>, paths: Iterable<string>, budget: SignatureBudget, now: () => number = Date.now): Promise<SignatureResult> {
  const todo = [...new Set([...paths].filter((p) => p.startsWith('/') && !isApplePlatformPath(p)))].sort();
  const res: SignatureResult = { byPath: new Map(), checked: 0, skipped: 0, failed: 0, unreadable: 0, unavailable: false };
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
      const a = readCodesign(r);
      if (a.kind === 'signed') res.byPath.set(p, a.signature);
      else if (a.kind === 'unreadable') {
        res.unreadable++;
        res.unreadableSample ??= a.why;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  res.skipped = todo.length - res.checked;
  return res;
}

/** One coverage line for the Team IDs of a table: ok only when every non-Apple item was looked at. */
export function signatureCoverage(table: TableName, what: string, r: SignatureResult): CoverageRow {
  const source = 'macos/codesign';
  const kind = table === 'apps' ? 'apps' : 'processes';
  if (r.unavailable) return coverage(source, table, 'unavailable', reason(`codesign-missing-${kind}`));
  if (r.skipped > 0 || r.failed > 0 || r.unreadable > 0) {
    const read = r.checked - r.failed - r.unreadable;
    const parts: Reason[] = [
      why(`codesign-read-${kind}`, { read, total: r.checked + r.skipped }),
      ...(r.skipped > 0 ? [why('codesign-skipped', { count: r.skipped })] : []),
      ...(r.failed > 0 ? [why('codesign-timed-out', { count: r.failed })] : []),
      ...(r.unreadable > 0 ? [why('codesign-unread', { count: r.unreadable, sample: r.unreadableSample ?? '?' })] : []),
    ];
    // nothing read at all is a failed check, not a partial one
    const status = read === 0 && r.checked > 0 ? 'error' : 'partial';
    return coverage(source, table, status, joinReasons(parts as [Reason, ...Reason[]]));
  }
  return coverage(source, table, 'ok');
}
