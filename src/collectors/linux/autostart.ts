import { readdirSync } from 'node:fs';
import { ReadTally, homeReadScope } from '../shared/read.js';
import type { AutostartRow, CoverageRow } from '../../snapshot/schema.js';
import type { Collector, CollectorResult } from '../types.js';
import { homeDirs } from './homes.js';
import { reason } from '../shared/reason.js';

export interface DesktopEntry {
  name?: string;
  exec?: string;
  hidden: boolean;
}

/** The [Desktop Entry] group of a .desktop file (XDG Desktop Entry spec). */
export function parseDesktopEntry(text: string): DesktopEntry {
  const out: DesktopEntry = { hidden: false };
  let inEntry = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inEntry = line === '[Desktop Entry]';
      continue;
    }
    if (!inEntry || line.startsWith('#')) continue;
    const i = line.indexOf('=');
    if (i < 0) continue;
    const key = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    if (key === 'Name') out.name = value;
    else if (key === 'Exec') out.exec = value;
    else if ((key === 'Hidden' && value === 'true') || (key === 'X-GNOME-Autostart-enabled' && value === 'false')) out.hidden = true;
  }
  return out;
}

/** First word of a command line, unquoted: the program an entry starts. */
export function commandPath(cmd: string): string | undefined {
  const m = /^\s*(?:"([^"]+)"|'([^']+)'|(\S+))/.exec(cmd);
  const exe = m?.[1] ?? m?.[2] ?? m?.[3];
  return exe && exe.includes('/') ? exe : undefined;
}

/** Lines of /etc/crontab and /etc/cron.d files (with a user field) or user crontabs (without). */
export function parseCrontab(text: string, withUser: boolean): string[] {
  const cmds: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || /^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(line)) continue;
    const fields = line.split(/\s+/);
    const skip = line.startsWith('@') ? 1 : 5;
    const cmd = fields.slice(skip + (withUser ? 1 : 0)).join(' ');
    if (cmd) cmds.push(cmd);
  }
  return cmds;
}

// pipes and devices are kept so that the reader refuses and counts them, rather than skipping them unseen;
// a folder that cannot be listed is counted too
const files = (dir: string, tally: ReadTally) => tally.list(dir).filter((e) => !e.isDirectory()).map((e) => e.name);

export const autostartCollector: Collector = {
  id: 'linux/autostart',
  tables: ['autostart'],
  async collect(ctx): Promise<CollectorResult> {
    const rows: AutostartRow[] = [];
    const coverage: CoverageRow[] = [];
    const tally = new ReadTally();
    const xdgDirs: [string, readonly string[] | undefined][] = [
      ['/etc/xdg/autostart', undefined],
      ...homeDirs(ctx.home, ctx.elevated).map((h): [string, readonly string[] | undefined] => [`${h}/.config/autostart`, homeReadScope(h, ctx.elevated)]),
    ];
    for (const [dir, within] of xdgDirs) {
      for (const f of files(dir, tally).filter((n) => n.endsWith('.desktop'))) {
        const text = tally.read(`${dir}/${f}`, { within });
        if (text === undefined) continue;
        const e = parseDesktopEntry(text);
        const row: AutostartRow = { kind: 'xdg-autostart', name: f, path: `${dir}/${f}` };
        if (e.exec) row.command = e.exec;
        if (e.hidden) (row as Record<string, unknown>).disabled = true;
        rows.push(row);
        // the program it starts is a path the rules may name
        const exe = e.exec && commandPath(e.exec);
        if (exe) rows.push({ kind: 'xdg-autostart-program', name: f, path: exe });
      }
    }
    const cronFiles: [string, boolean][] = [['/etc/crontab', true], ...files('/etc/cron.d', tally).map((f): [string, boolean] => [`/etc/cron.d/${f}`, true])];
    let spoolDenied = false;
    try {
      for (const f of readdirSync('/var/spool/cron/crontabs')) cronFiles.push([`/var/spool/cron/crontabs/${f}`, false]);
    } catch (e) {
      spoolDenied = (e as NodeJS.ErrnoException).code === 'EACCES';
    }
    for (const [file, withUser] of cronFiles) {
      const text = tally.read(file);
      if (text === undefined) continue;
      for (const cmd of parseCrontab(text, withUser)) {
        const row: AutostartRow = { kind: 'cron', name: file.slice(file.lastIndexOf('/') + 1), command: cmd };
        const exe = commandPath(cmd);
        if (exe) row.path = exe;
        rows.push(row);
      }
    }
    if (tally.total) coverage.push({ source: this.id, table: 'autostart', status: tally.denied ? 'denied' : 'partial', ...tally.describeReason('autostart') });
    coverage.push(
      spoolDenied
        ? { source: this.id, table: 'autostart', status: 'partial', ...reason('crontabs-need-root') }
        : { source: this.id, table: 'autostart', status: 'ok' },
    );
    // one unreadable file makes the whole check partial, never `ok`
    if (tally.total) return { tables: { autostart: rows }, coverage: coverage.filter((c) => c.status !== 'ok') };
    return { tables: { autostart: rows }, coverage };
  },
};
