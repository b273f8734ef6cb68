import { existsSync, readdirSync } from 'node:fs';
import { readText } from '../shared/read.js';
import type { CoverageRow, PackageRow } from '../../snapshot/schema.js';
import type { Collector, CollectorResult } from '../types.js';
import { homeDirs } from './homes.js';

// dpkg's status file is parsed directly (4-7 ms) rather than forking dpkg-query.

/** Installed packages from /var/lib/dpkg/status; fields are found with indexOf because the file is large (~1 MB). */
export function parseDpkgStatus(text: string): PackageRow[] {
  const rows: PackageRow[] = [];
  const src = text.startsWith('Package: ') ? '\n' + text : text;
  let at = src.indexOf('\nPackage: ');
  while (at >= 0) {
    const next = src.indexOf('\nPackage: ', at + 1);
    const end = next < 0 ? src.length : next;
    const field = (name: string): string | undefined => {
      const i = src.indexOf(`\n${name}: `, at);
      if (i < 0 || i >= end) return undefined;
      const j = src.indexOf('\n', i + name.length + 3);
      return src.slice(i + name.length + 3, j < 0 || j > end ? end : j).trim();
    };
    const name = field('Package');
    // "install ok installed"; removed packages keep a stanza with "deinstall ok config-files"
    if (name && / installed$/.test(field('Status') ?? '')) {
      const row: PackageRow = { name, source: 'dpkg' };
      const version = field('Version');
      const maintainer = field('Maintainer');
      if (version) row.version = version;
      if (maintainer) row.publisher = maintainer;
      rows.push(row);
    }
    at = next;
  }
  return rows;
}

/** Output of `rpm -qa --qf '%{NAME}\t%{VERSION}-%{RELEASE}\t%{VENDOR}\n'`. */
export function parseRpmQuery(text: string): PackageRow[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [name, version, vendor] = l.split('\t');
      const row: PackageRow = { name, source: 'rpm' };
      if (version) row.version = version;
      if (vendor && vendor !== '(none)') row.publisher = vendor;
      return row;
    });
}

const dirNames = (dir: string) => {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
};

export const RPM_QUERY = ['-qa', '--qf', '%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{VENDOR}\\n'];

export const packagesCollector: Collector = {
  id: 'linux/packages',
  tables: ['packages'],
  async collect(ctx): Promise<CollectorResult> {
    const packages: PackageRow[] = [];
    const coverage: CoverageRow[] = [];
    let any = false;
    if (existsSync('/var/lib/dpkg/status')) {
      any = true;
      try {
        packages.push(...parseDpkgStatus(readText('/var/lib/dpkg/status', { max: 256 * 1024 * 1024 })));
        coverage.push({ source: 'linux/dpkg', table: 'packages', status: 'ok' });
      } catch (e) {
        coverage.push({ source: 'linux/dpkg', table: 'packages', status: 'denied', reason: `could not read /var/lib/dpkg/status (${(e as Error).message})` });
      }
    }
    if (existsSync('/var/lib/rpm') || existsSync('/usr/lib/sysimage/rpm')) {
      any = true;
      const r = await ctx.exec('rpm', RPM_QUERY, { timeoutMs: 30_000 });
      if (r.error === 'ENOENT') coverage.push({ source: 'linux/rpm', table: 'packages', status: 'unavailable', reason: 'an RPM database exists but the rpm command is not installed' });
      else if (r.code !== 0) coverage.push({ source: 'linux/rpm', table: 'packages', status: 'error', reason: `rpm failed: ${(r.error ?? r.stderr.trim().split('\n')[0]) || `exit ${r.code}`}` });
      else {
        packages.push(...parseRpmQuery(r.stdout));
        coverage.push({ source: 'linux/rpm', table: 'packages', status: 'ok' });
      }
    }
    // snaps and flatpaks are packages too, and agents ship that way (e.g. as a snap)
    for (const name of dirNames('/snap')) if (name !== 'bin') packages.push({ name, source: 'snap' });
    const flatpakDirs = ['/var/lib/flatpak/app', ...homeDirs(ctx.home, ctx.elevated).map((h) => `${h}/.local/share/flatpak/app`)];
    for (const d of flatpakDirs) for (const name of dirNames(d)) packages.push({ name, source: 'flatpak' });
    if (!any) coverage.push({ source: 'linux/packages', table: 'packages', status: 'unavailable', reason: 'no dpkg or rpm package database found on this system' });
    return { tables: { packages }, coverage };
  },
};
