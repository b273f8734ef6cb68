import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { readSmall as read } from '../shared/read.js';
import type { CoverageRow, DeviceAccessRow, NetworkRow, ProcessRow } from '../../snapshot/schema.js';
import type { Collector, CollectorResult } from '../types.js';
import { reason } from '../shared/reason.js';

// Reading /proc synchronously is ~20x faster than systeminformation and keeps argv boundaries (ps-list loses them).

export interface RawProc {
  pid: number;
  stat?: string;
  status?: string;
  cmdline?: string;
  exe?: string;
}

/** comm sits between the first '(' and the last ')', because it may itself contain ')' or spaces. */
export function parseStat(stat: string): { comm: string; ppid: number; state: string } | undefined {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const rest = stat.slice(close + 2).split(' ');
  return { comm: stat.slice(open + 1, close), ppid: Number(rest[1]), state: rest[0] };
}

export function parseStatusUid(status: string): number | undefined {
  const m = /^Uid:\s+(\d+)/m.exec(status);
  return m ? Number(m[1]) : undefined;
}

export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 3 && /^\d+$/.test(f[2])) users.set(Number(f[2]), f[0]);
  }
  return users;
}

export function parseCmdline(raw: string): string[] {
  return raw.replace(/\0+$/, '').split('\0').filter((a, i) => i === 0 || a !== undefined);
}

/** Quotes an argument only when needed, so the joined command line stays unambiguous. */
export function joinArgv(argv: readonly string[]): string {
  return argv.map((a) => (a === '' || /[\s"'\\]/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a)).join(' ');
}

export function parseProc(raw: RawProc, users: ReadonlyMap<number, string>): ProcessRow | undefined {
  const st = raw.stat ? parseStat(raw.stat) : undefined;
  if (!st) return undefined;
  const argv = raw.cmdline ? parseCmdline(raw.cmdline) : [];
  const exe = raw.exe?.replace(/ \(deleted\)$/, '');
  const uid = raw.status ? parseStatusUid(raw.status) : undefined;
  const row: ProcessRow = { pid: raw.pid, ppid: st.ppid, name: exe ? exe.slice(exe.lastIndexOf('/') + 1) : st.comm };
  if (exe) row.path = exe;
  if (argv.length && argv[0] !== '') {
    row.argv = argv;
    row.cmdline = joinArgv(argv);
  }
  if (uid !== undefined) row.user = users.get(uid) ?? String(uid);
  return row;
}

/** /proc/net/tcp rows in state 01 (established); addresses are little-endian hex. */
export function parseProcNetTcp(text: string, v6: boolean): { address: string; port: number; inode: number }[] {
  const out: { address: string; port: number; inode: number }[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== '01') continue;
    const [hex, portHex] = f[2].split(':');
    out.push({ address: v6 ? decodeV6(hex) : decodeV4(hex), port: parseInt(portHex, 16), inode: Number(f[9]) });
  }
  return out;
}

/** /proc/net/tcp rows in state 0A (listening): the local address and port a server waits on. */
export function parseProcNetTcpListening(text: string, v6: boolean): { address: string; port: number; inode: number }[] {
  const out: { address: string; port: number; inode: number }[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== '0A') continue;
    const [hex, portHex] = f[1].split(':');
    out.push({ address: v6 ? decodeV6(hex) : decodeV4(hex), port: parseInt(portHex, 16), inode: Number(f[9]) });
  }
  return out;
}

function decodeV4(hex: string): string {
  const n = parseInt(hex, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.');
}

function decodeV6(hex: string): string {
  const words: string[] = [];
  for (let i = 0; i < 32; i += 8) {
    const w = hex.slice(i, i + 8).match(/../g)!.reverse().join('');
    words.push(w.slice(0, 4), w.slice(4));
  }
  const v4mapped = words.slice(0, 5).every((w) => w === '0000') && words[5].toLowerCase() === 'ffff';
  if (v4mapped) return decodeV4(hex.slice(24));
  return words.map((w) => w.replace(/^0+(?=.)/, '')).join(':').toLowerCase();
}

const link = (p: string) => {
  try {
    return readlinkSync(p);
  } catch {
    return undefined;
  }
};

export interface ProcScan {
  processes: ProcessRow[];
  devices: DeviceAccessRow[];
  sockets: Map<number, number>;
  exeHidden: number;
  fdHidden: number;
}

/** Reads every process and, when asked, its open input devices and sockets, in one pass over /proc. */
export function scanProc(root = '/proc', passwd = read('/etc/passwd') ?? '', scanFds = true): ProcScan {
  const users = parsePasswd(passwd);
  const processes: ProcessRow[] = [];
  const devices: DeviceAccessRow[] = [];
  const sockets = new Map<number, number>();
  let exeHidden = 0;
  let fdHidden = 0;
  for (const name of readdirSync(root)) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const base = `${root}/${name}/`;
    const stat = read(base + 'stat');
    const st = stat && parseStat(stat);
    if (!st) continue; // exited while we looked
    const cmdline = read(base + 'cmdline');
    // kernel threads (kthreadd and its children) have no command line, program or files; in a container pid 2 may be a real process
    if ((pid === 2 || st.ppid === 2) && !cmdline) continue;
    const row = parseProc({ pid, stat, status: read(base + 'status'), cmdline, exe: link(base + 'exe') }, users);
    if (!row) continue;
    // a zombie has no program any more: that is not something we failed to read
    if (!row.path && st.state !== 'Z') exeHidden++;
    processes.push(row);
    if (!scanFds) continue;
    let fds: string[];
    try {
      fds = readdirSync(base + 'fd');
    } catch {
      fdHidden++;
      continue;
    }
    for (const fd of fds) {
      const target = link(`${base}fd/${fd}`);
      if (!target) continue;
      if (target.startsWith('socket:[')) sockets.set(Number(target.slice(8, -1)), pid);
      else if (target.startsWith('/dev/input/') || target === '/dev/uinput' || target.startsWith('/dev/hidraw')) {
        devices.push({ pid, device: target, kind: target === '/dev/uinput' ? 'input-injection' : target.startsWith('/dev/hidraw') ? 'hidraw' : 'input' });
      }
    }
  }
  return { processes, devices, sockets, exeHidden, fdHidden };
}

/** The hidepid (or subset) option of the /proc mount, from /proc/mounts text: other users' processes are invisible. */
export function procHidepid(mounts: string): string | undefined {
  for (const line of mounts.split('\n')) {
    const [, dir, type, options] = line.split(' ');
    if (dir !== '/proc' || type !== 'proc' || !options) continue;
    const opt = options.split(',').find((o) => /^hidepid=(?!0$|off$)/.test(o) || o === 'subset=pid');
    if (opt) return opt;
  }
  return undefined;
}

export const procCollector: Collector = {
  id: 'linux/proc',
  tables: ['processes', 'device_access', 'network'],
  async collect(ctx): Promise<CollectorResult> {
    const tcpText = (['/proc/net/tcp', '/proc/net/tcp6'] as const).map((f) => read(f) ?? '');
    const tcp = tcpText.flatMap((t, i) => parseProcNetTcp(t, i === 1));
    const listening = tcpText.flatMap((t, i) => parseProcNetTcpListening(t, i === 1));
    // open files are only worth reading when there are input devices or connections to attribute
    const hasInput = existsSync('/dev/input') || existsSync('/dev/uinput') || existsSync('/dev/hidraw0');
    const scan = scanProc('/proc', undefined, hasInput || tcp.length > 0 || listening.length > 0);
    const coverage: CoverageRow[] = [];
    const hidepid = procHidepid(read('/proc/mounts') ?? '');
    coverage.push(
      hidepid && !ctx.elevated
        ? { source: this.id, table: 'processes', status: 'partial', ...reason('hidepid', { option: hidepid }) }
        : scan.exeHidden
        ? {
            source: this.id,
            table: 'processes',
            status: 'partial',
            ...(ctx.elevated ? reason('exe-hidden-root', { count: scan.exeHidden }) : reason('exe-hidden-need-sudo', { count: scan.exeHidden })),
          }
        : { source: this.id, table: 'processes', status: 'ok' },
    );
    coverage.push(
      !hasInput
        ? { source: this.id, table: 'device_access', status: 'ok', ...reason('no-input-devices') }
        : scan.fdHidden && !ctx.elevated
        ? { source: this.id, table: 'device_access', status: 'partial', ...reason('input-fds-need-sudo', { count: scan.fdHidden }) }
        : { source: this.id, table: 'device_access', status: 'ok' },
    );
    const network: NetworkRow[] = tcp.map((c) => {
      const pid = scan.sockets.get(c.inode);
      return pid === undefined ? { address: c.address, port: c.port, source: 'connection' } : { address: c.address, port: c.port, pid, source: 'connection' };
    });
    for (const l of listening) {
      const pid = scan.sockets.get(l.inode);
      const row: NetworkRow = { source: 'listening', state: 'listen', protocol: 'tcp', local_address: l.address, local_port: l.port };
      if (pid !== undefined) row.pid = pid;
      network.push(row);
    }
    coverage.push({ source: this.id, table: 'network', status: 'partial', ...reason('no-dns-cache') });
    return { tables: { processes: scan.processes, device_access: scan.devices, network }, coverage };
  },
};
