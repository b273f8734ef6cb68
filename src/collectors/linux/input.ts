import { readdirSync } from 'node:fs';
import type { CoverageRow, InputDeviceRow, SettingRow } from '../../snapshot/schema.js';
import { readSmall as read } from '../shared/read.js';
import type { Collector, CollectorResult } from '../types.js';
import { reason } from '../shared/reason.js';

// Which event node is a keyboard (kernel input docs: /proc/bus/input/devices, capability bitmaps in hex words, highest first).

const KEY_Q = 16n;
const KEY_A = 30n;

/** The lowest bitmap word of a "B: KEY=" line (bits 0..31 at least, on 32- and 64-bit kernels alike). */
function lowWord(bitmap: string | undefined): bigint {
  const words = (bitmap ?? '').trim().split(/\s+/);
  const last = words[words.length - 1];
  return last && /^[0-9a-f]+$/i.test(last) ? BigInt(`0x${last}`) : 0n;
}

const bit = (v: bigint, n: bigint) => ((v >> n) & 1n) === 1n;

/** Blank-line separated records of /proc/bus/input/devices, one row per event handler. */
export function parseInputDevices(text: string): InputDeviceRow[] {
  const rows: InputDeviceRow[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const field = (prefix: string) => block.split('\n').find((l) => l.startsWith(prefix))?.slice(prefix.length).trim();
    const handlers = (field('H: Handlers=') ?? '').split(/\s+/).filter(Boolean);
    const events = handlers.filter((h) => /^event\d+$/.test(h));
    if (!events.length) continue;
    const name = (field('N: Name=') ?? '').replace(/^"(.*)"$/, '$1');
    const keys = lowWord(field('B: KEY='));
    const rel = lowWord(field('B: REL='));
    // a keyboard has letter keys; power buttons and hotkey devices also carry the kbd handler but no letters
    const keyboard = bit(keys, KEY_Q) && bit(keys, KEY_A);
    const mouse = handlers.some((h) => /^mouse\d+$/.test(h)) || (bit(rel, 0n) && bit(rel, 1n));
    const virtual = (field('S: Sysfs=') ?? '').startsWith('/devices/virtual/');
    for (const handler of events) rows.push({ handler, name, keyboard, mouse, virtual });
  }
  return rows;
}

/** Members of one group in /etc/group format. */
export function groupMembers(text: string, group: string): string[] {
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 4 && f[0] === group) return f[3].split(',').map((m) => m.trim()).filter(Boolean);
  }
  return [];
}

const TARGETS_INPUT = /SUBSYSTEM=="(input|hidraw)"|KERNEL=="[^"]*(event|uinput|hidraw|mouse|mice)/;
const GRANTS = /\bMODE:?="0?\d\d[4-7]"|\bGROUP:?="[^"]+"|TAG\+="uaccess"|\bOWNER:?="[^"]+"/;

/** udev rule lines that target input devices and change who may open them (mode, group, owner, uaccess). */
export function parseUdevRules(text: string): { line: number; rule: string }[] {
  const out: { line: number; rule: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const l = raw.trim();
    if (!l || l.startsWith('#')) return;
    if (TARGETS_INPUT.test(l) && GRANTS.test(l)) out.push({ line: i + 1, rule: l });
  });
  return out;
}

export const UDEV_DIRS = ['/etc/udev/rules.d', '/run/udev/rules.d', '/lib/udev/rules.d', '/usr/lib/udev/rules.d', '/usr/local/lib/udev/rules.d'];

const list = (d: string) => {
  try {
    return readdirSync(d).filter((n) => n.endsWith('.rules')).sort();
  } catch {
    return [];
  }
};

export const inputCollector: Collector = {
  id: 'linux/input',
  tables: ['input_devices', 'settings'],
  async collect(): Promise<CollectorResult> {
    const coverage: CoverageRow[] = [];
    const devicesText = read('/proc/bus/input/devices');
    const input_devices = devicesText ? parseInputDevices(devicesText) : [];
    coverage.push(
      devicesText === undefined
        ? { source: this.id, table: 'input_devices', status: 'unavailable', ...reason('input-devices-unreadable') }
        : { source: this.id, table: 'input_devices', status: 'ok' },
    );
    const settings: SettingRow[] = [];
    const group = read('/etc/group');
    if (group !== undefined) {
      const members = groupMembers(group, 'input');
      if (members.length) settings.push({ source: this.id, file: '/etc/group', key: 'group input', value: members.join(',') });
    }
    // /lib and /usr/lib hold the same files on merged-/usr systems
    const seen = new Set<string>();
    for (const d of UDEV_DIRS) {
      for (const f of list(d)) {
        const text = read(`${d}/${f}`);
        if (!text || seen.has(`${f}\0${text.length}`)) continue;
        seen.add(`${f}\0${text.length}`);
        for (const r of parseUdevRules(text)) settings.push({ source: this.id, file: `${d}/${f}`, key: `udev rule line ${r.line}`, value: r.rule });
      }
    }
    coverage.push(
      group === undefined
        ? { source: this.id, table: 'settings', status: 'partial', ...reason('group-unreadable') }
        : { source: this.id, table: 'settings', status: 'ok' },
    );
    return { tables: { input_devices, settings }, coverage };
  },
};
