import { existsSync, readdirSync } from 'node:fs';
import { readBytes } from '../shared/read.js';
import type { CoverageRow, PackageRow } from '../../snapshot/schema.js';
import type { Collector, CollectorResult, ExecResult } from '../types.js';
import { AnswerBuilder, judgeAnswer, sampleOf, type Answer } from '../shared/answer.js';
import { homeDirs } from './homes.js';
import { joinReasons, reason, why, type Reason } from '../shared/reason.js';

// dpkg's status file is parsed directly (4-7 ms) rather than forking dpkg-query.

/**
 * Installed packages from /var/lib/dpkg/status (~1 MB); fields are found with indexOf, the fastest way even before
 * the code is optimised. Given the file's bytes (what a scan does), they are read as Latin-1, one character per byte
 * (a one-byte string, quicker to search than decoded UTF-8), and only the fields kept are decoded as UTF-8; a test
 * holds this to the text parser on real, synthetic and random files.
 */
export function parseDpkgStatus(input: string | Uint8Array): PackageRow[] {
  const bytes = typeof input !== 'string';
  const text = bytes ? Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1') : input;
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
      const raw = src.slice(i + name.length + 3, j < 0 || j > end ? end : j);
      return (bytes && NON_ASCII.test(raw) ? Buffer.from(raw, 'latin1').toString('utf8') : raw).trim();
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

const NON_ASCII = /[\x80-\xff]/;

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

/**
 * Reads the rpm query's output: three tab-separated fields a line (RPM names and versions have no spaces). An RPM
 * database always holds packages (rpm itself), so empty output is not an answer.
 */
export function readRpmQuery(text: string): Answer<PackageRow> {
  const a = new AnswerBuilder<PackageRow>();
  for (const l of text.split('\n')) {
    if (!l.trim()) continue;
    const f = l.replace(/\r$/, '').split('\t');
    if (f.length !== 3 || !/^[^\s\x00-\x1f]+$/.test(f[0]) || !/^[^\s\x00-\x1f]+-[^\s\x00-\x1f]+$/.test(f[1])) {
      a.reject(l);
      continue;
    }
    const row: PackageRow = { name: f[0], source: 'rpm', version: f[1] };
    if (f[2] && f[2] !== '(none)') row.publisher = f[2];
    a.row(row);
  }
  return a.done(a.rows.length || a.bad ? undefined : 'no package was listed');
}

/** What `rpm -qa` gave: its rows and one coverage line (a failure, garbage, or part garbage is never `ok`). */
export function rpmResult(r: ExecResult): { packages: PackageRow[]; coverage: CoverageRow } {
  const cov = (status: CoverageRow['status'], w?: Reason): CoverageRow => ({ source: 'linux/rpm', table: 'packages', status, ...(w ? joinReasons([w]) : {}) });
  if (r.error === 'ENOENT') return { packages: [], coverage: cov('unavailable', why('rpm-missing')) };
  if (r.code !== 0) {
    const said = r.error ?? sampleOf(r.stderr.trim().split('\n')[0] ?? '');
    return { packages: [], coverage: cov('error', said ? why('rpm-failed', { detail: said }) : why('rpm-failed-code', { code: r.code ?? 'none' })) };
  }
  const a = readRpmQuery(r.stdout);
  const v = judgeAnswer('rpm', a);
  if (v?.status === 'error') return { packages: [], coverage: cov('error', v.why) };
  return { packages: a.rows, coverage: v ? cov('partial', v.why) : cov('ok') };
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
        packages.push(...parseDpkgStatus(readBytes('/var/lib/dpkg/status', { max: 256 * 1024 * 1024 })));
        coverage.push({ source: 'linux/dpkg', table: 'packages', status: 'ok' });
      } catch (e) {
        coverage.push({ source: 'linux/dpkg', table: 'packages', status: 'denied', ...reason('dpkg-unreadable', { detail: (e as Error).message }) });
      }
    }
    if (existsSync('/var/lib/rpm') || existsSync('/usr/lib/sysimage/rpm')) {
      any = true;
      const r = await ctx.exec('rpm', RPM_QUERY, { timeoutMs: 30_000 });
      const rpm = rpmResult(r);
      packages.push(...rpm.packages);
      coverage.push(rpm.coverage);
    }
    // snaps and flatpaks are packages too, and agents ship that way (e.g. as a snap)
    for (const name of dirNames('/snap')) if (name !== 'bin') packages.push({ name, source: 'snap' });
    const flatpakDirs = ['/var/lib/flatpak/app', ...homeDirs(ctx.home, ctx.elevated).map((h) => `${h}/.local/share/flatpak/app`)];
    for (const d of flatpakDirs) for (const name of dirNames(d)) packages.push({ name, source: 'flatpak' });
    if (!any) coverage.push({ source: 'linux/packages', table: 'packages', status: 'unavailable', ...reason('no-package-database') });
    return { tables: { packages }, coverage };
  },
};
