import type { PackageRow } from '../../snapshot/schema.js';
import type { Collector } from '../types.js';
import { isDict, parsePlist, str } from './plist.js';
import { coverage, defaultFs, execFailure, isMissing, type MacFs } from './util.js';

const SOURCE = 'macos/pkgutil';
const PKGUTIL = '/usr/sbin/pkgutil';
const RECEIPTS = '/var/db/receipts';
const TIMEOUT_MS = 20_000;

/** Parses `pkgutil --pkgs`: one receipt id per line. */
export function parsePkgutilPkgs(raw: string): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const token of raw.split(/\s+/)) {
    // Receipt ids are reverse-DNS names; anything else (prompts, blank lines) is not a receipt.
    if (!/^[A-Za-z0-9][\w.+-]*\.[\w.+-]+$/.test(token) || seen.has(token)) continue;
    seen.add(token);
    ids.push(token);
  }
  return ids;
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
      let unreadable = 0;
      const packages = await Promise.all(
        parsePkgutilPkgs(r.stdout).map(async (id): Promise<PackageRow> => {
          try {
            return parseReceiptPlist(await fs.readFile(`${RECEIPTS}/${id}.plist`), id);
          } catch (e) {
            if (!isMissing(e)) unreadable++;
            return { name: id, source: 'pkgutil' };
          }
        }),
      );
      const cov = unreadable
        ? coverage(SOURCE, 'packages', 'partial', `${unreadable} installer receipt(s) in ${RECEIPTS} could not be read, so their versions are missing.`)
        : coverage(SOURCE, 'packages', 'ok');
      return { tables: { packages }, coverage: [cov] };
    },
  };
}

export const pkgutilCollector = createPkgutilCollector();
