import type { PackageRow } from '../../snapshot/schema.js';
import type { Collector } from '../types.js';
import { isDict, parsePlist, str } from './plist.js';
import { AnswerBuilder, type Answer } from '../shared/answer.js';
import { answerFailure, coverage, defaultFs, execFailure, isMissing, type MacFs } from './util.js';
import { joinReasons, maybeReasons, reason, reasonsOf, why, type Reason } from '../shared/reason.js';

const SOURCE = 'macos/pkgutil';
const PKGUTIL = '/usr/sbin/pkgutil';
const RECEIPTS = '/var/db/receipts';
const TIMEOUT_MS = 20_000;

/** Parses `pkgutil --pkgs`: one receipt id per line. */
export function parsePkgutilPkgs(raw: string): string[] {
  return readPkgutilPkgs(raw).rows;
}

// Receipt ids are reverse-DNS names (pkgbuild --identifier); a line that is not one is not a receipt.
const RECEIPT_ID = /^[A-Za-z0-9][\w.+-]*\.[\w.+-]+$/;

/**
 * Reads `pkgutil --pkgs`. Every Mac lists Apple's own receipts (com.apple.pkg.…), so an empty list is not an answer.
 */
export function readPkgutilPkgs(raw: string): Answer<string> {
  const a = new AnswerBuilder<string>();
  const seen = new Set<string>();
  for (const line of raw.split(/\r?\n/)) {
    const tokens = line.trim().split(/\s+/).filter(Boolean);
    if (!tokens.length) continue;
    // a line that is not only receipt ids is not pkgutil's; its ids are still kept (a pasted listing)
    if (!tokens.every((t) => RECEIPT_ID.test(t))) a.reject(line);
    for (const t of tokens.filter((x) => RECEIPT_ID.test(x))) {
      if (seen.has(t)) continue;
      seen.add(t);
      a.row(t);
    }
  }
  return a.done(a.rows.length || a.bad ? undefined : 'no installer receipt was listed');
}

/** Version, install location and date from a receipt plist in /var/db/receipts (what `pkgutil --pkg-info` prints). */
export function parseReceiptPlist(raw: string | Uint8Array, id: string): PackageRow {
  const row: PackageRow = { name: id, source: 'pkgutil' };
  const p = parsePlist(raw);
  if (!isDict(p)) return row;
  const version = str(p.PackageVersion);
  if (version) row.version = version;
  const prefix = str(p.InstallPrefixPath);
  if (prefix !== undefined) row.install_location = prefix.startsWith('/') ? prefix : `/${prefix}`;
  if (p.InstallDate instanceof Date && !Number.isNaN(p.InstallDate.getTime())) row.install_date = p.InstallDate.toISOString();
  const file = str(p.PackageFileName);
  if (file) row.package_file = file;
  return row;
}

export function createPkgutilCollector(deps: { fs?: MacFs } = {}): Collector {
  const fs = deps.fs ?? defaultFs;
  return {
    id: SOURCE,
    tables: ['packages'],
    async collect(ctx) {
      const r = await ctx.exec(PKGUTIL, ['--pkgs'], { timeoutMs: TIMEOUT_MS });
      const fail = execFailure(SOURCE, 'packages', 'pkgutil', r);
      if (fail) return { tables: {}, coverage: [fail] };
      const answer = readPkgutilPkgs(r.stdout);
      const bad = answerFailure(SOURCE, 'packages', 'pkgutil', answer);
      if (bad?.status === 'error') return { tables: {}, coverage: [bad] };
      let unreadable = 0;
      const packages = await Promise.all(
        answer.rows.map(async (id): Promise<PackageRow> => {
          try {
            return parseReceiptPlist(await fs.readFile(`${RECEIPTS}/${id}.plist`), id);
          } catch (e) {
            if (!isMissing(e)) unreadable++;
            return { name: id, source: 'pkgutil' };
          }
        }),
      );
      const notes = [...reasonsOf(bad), ...(unreadable ? [why('receipts-unreadable', { count: unreadable, dir: RECEIPTS })] : [])];
      const cov = notes.length ? coverage(SOURCE, 'packages', 'partial', joinReasons(notes as [Reason, ...Reason[]])) : coverage(SOURCE, 'packages', 'ok');
      return { tables: { packages }, coverage: [cov] };
    },
  };
}

export const pkgutilCollector = createPkgutilCollector();
