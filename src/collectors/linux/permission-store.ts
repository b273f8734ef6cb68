import type { CoverageRow, SettingRow } from '../../snapshot/schema.js';
import { fileUnreadable, homeReadScope, readRegular } from '../shared/read.js';
import { maybeReasons, why, type Reason } from '../shared/reason.js';
import type { Collector, CollectorResult } from '../types.js';
import { homeDirs } from './homes.js';

// Screen-cast and remote-desktop permissions the desktop portal saved so an app can start again without asking
// (xdg-desktop-portal persist mode): the permission store's tables ~/.local/share/flatpak/db/{screencast,remote-desktop},
// GVDB files (glib's gvdb-format.h) whose "main" table maps a restore token to a GVariant (v a{sas}): data and
// {app id: ["yes"]}. Read as bytes with every offset checked; nothing is run and no D-Bus service is started.

const SOURCE = 'linux/portal-permissions';
export const PORTAL_TABLES = ['screencast', 'remote-desktop'] as const;
const MAX_DB = 4 * 1024 * 1024;

/** The file is not a GVDB permission table we can read. */
export class GvdbFormatError extends Error {}

export interface StoredPermission {
  /** The entry id: for screen-casts, the restore token an app presents to skip the dialog. */
  id: string;
  app: string;
  permissions: string[];
}

const fail = (why: string): never => {
  throw new GvdbFormatError(why);
};

class Bytes {
  constructor(readonly b: Buffer) {}
  u32(at: number): number {
    if (at < 0 || at + 4 > this.b.length) fail('offset outside the file');
    return this.b.readUInt32LE(at);
  }
  u16(at: number): number {
    if (at < 0 || at + 2 > this.b.length) fail('offset outside the file');
    return this.b.readUInt16LE(at);
  }
  slice(start: number, end: number): Buffer {
    if (start < 0 || end < start || end > this.b.length) fail('range outside the file');
    return this.b.subarray(start, end);
  }
}

interface HashItem {
  key: string;
  type: string;
  start: number;
  end: number;
}

/** One GVDB hash table: its items with full keys (parent chains joined), bounded. */
function hashTable(f: Bytes, start: number, end: number): HashItem[] {
  if (end - start < 8) fail('hash table too small');
  const bloom = f.u32(start) & ((1 << 27) - 1);
  const buckets = f.u32(start + 4);
  const itemsAt = start + 8 + 4 * bloom + 4 * buckets;
  if (itemsAt > end || (end - itemsAt) % 24 !== 0) fail('hash table of the wrong size');
  const n = (end - itemsAt) / 24;
  if (n > 100_000) fail('hash table too large');
  const raw: { parent: number; part: string; type: string; start: number; end: number }[] = [];
  for (let i = 0; i < n; i++) {
    const at = itemsAt + 24 * i;
    const parent = f.u32(at + 4);
    const keyStart = f.u32(at + 8);
    const keySize = f.u16(at + 12);
    const type = String.fromCharCode(f.b[at + 14]);
    raw.push({ parent, part: f.slice(keyStart, keyStart + keySize).toString('utf8'), type, start: f.u32(at + 16), end: f.u32(at + 20) });
  }
  const full = (i: number, depth = 0): string => {
    const r = raw[i];
    if (r.parent === 0xffffffff) return r.part;
    if (r.parent >= n || depth > 64) fail('broken key chain');
    return full(r.parent, depth + 1) + r.part;
  };
  return raw.map((r, i) => ({ key: full(i), type: r.type, start: r.start, end: r.end }));
}

// GVariant serialisation (https://docs.gtk.org/glib/gvariant-format-strings.html; the binary format in GVariant's
// specification): framing offsets of 1, 2, 4 or 8 bytes depending on the container's size.
const offsetSize = (size: number) => (size <= 0xff ? 1 : size <= 0xffff ? 2 : size <= 0xffffffff ? 4 : 8);
function readOffset(b: Buffer, at: number, size: number): number {
  if (at < 0 || at + size > b.length) fail('framing offset outside its container');
  if (size === 1) return b[at];
  if (size === 2) return b.readUInt16LE(at);
  if (size === 4) return b.readUInt32LE(at);
  return Number(b.readBigUInt64LE(at));
}

function gString(b: Buffer): string {
  if (!b.length || b[b.length - 1] !== 0) fail('string without its terminating zero');
  return b.subarray(0, b.length - 1).toString('utf8');
}

/** An array of variable-size elements: the last framing offset says where the offsets begin. */
function variableArray(b: Buffer): Buffer[] {
  if (!b.length) return [];
  const os = offsetSize(b.length);
  const last = readOffset(b, b.length - os, os);
  if (last > b.length || (b.length - last) % os !== 0) fail('array framing is inconsistent');
  const n = (b.length - last) / os;
  const out: Buffer[] = [];
  let from = 0;
  for (let i = 0; i < n; i++) {
    const to = readOffset(b, last + i * os, os);
    if (to < from || to > last) fail('array element outside the array');
    out.push(b.subarray(from, to));
    from = to;
  }
  return out;
}

/** A {s as} dict entry: the key's end is the entry's one framing offset. */
function dictEntry(b: Buffer): { key: string; values: string[] } {
  const os = offsetSize(b.length);
  const keyEnd = readOffset(b, b.length - os, os);
  if (keyEnd > b.length - os) fail('dict entry key outside the entry');
  return { key: gString(b.subarray(0, keyEnd)), values: variableArray(b.subarray(keyEnd, b.length - os)).map(gString) };
}

/** The value of one permission-store entry: a variant holding (v a{sas}); the data member is skipped. */
export function permissionsOfValue(v: Buffer): { app: string; permissions: string[] }[] {
  const sep = v.lastIndexOf(0);
  if (sep < 0 || v.subarray(sep + 1).toString('latin1') !== '(va{sas})') fail('entry is not a (va{sas}) value');
  const tuple = v.subarray(0, sep);
  const os = offsetSize(tuple.length);
  const dataEnd = readOffset(tuple, tuple.length - os, os);
  if (dataEnd > tuple.length - os) fail('entry data outside the entry');
  return variableArray(tuple.subarray(dataEnd, tuple.length - os)).map(dictEntry).map((e) => ({ app: e.key, permissions: e.values }));
}

/** Every app permission in a permission-store table file. */
export function parsePermissionDb(buf: Buffer): StoredPermission[] {
  const f = new Bytes(buf);
  if (buf.length < 24 || buf.subarray(0, 8).toString('latin1') !== 'GVariant') fail('not a GVDB file (no GVariant signature)');
  if (f.u32(8) !== 0) fail('unknown GVDB version');
  const root = hashTable(f, f.u32(16), f.u32(20));
  const main = root.find((i) => i.key === 'main' && i.type === 'H') ?? fail('no main table');
  const out: StoredPermission[] = [];
  for (const item of hashTable(f, main.start, main.end)) {
    if (item.type !== 'v') continue;
    for (const p of permissionsOfValue(f.slice(item.start, item.end))) out.push({ id: item.key, app: p.app, permissions: p.permissions });
  }
  return out.sort((a, b) => (a.app < b.app ? -1 : a.app > b.app ? 1 : a.id < b.id ? -1 : 1));
}

export interface PermissionStoreDeps {
  homes?: () => string[];
}

export function createPermissionStoreCollector(deps: PermissionStoreDeps = {}): Collector {
  return {
    id: SOURCE,
    tables: ['settings'],
    async collect(ctx): Promise<CollectorResult> {
      const homes = deps.homes ? deps.homes() : homeDirs(ctx.home, ctx.elevated);
      const settings: SettingRow[] = [];
      const problems: Reason[] = [];
      for (const home of homes) {
        for (const table of PORTAL_TABLES) {
          const file = `${home}/.local/share/flatpak/db/${table}`;
          // a symlink planted there must not lead the read out of the home folder
          const r = readRegular(file, { max: MAX_DB, within: homeReadScope(home, ctx.elevated) });
          if (!r.ok) {
            if (r.why !== 'missing') problems.push(fileUnreadable(file, r.why));
            continue;
          }
          try {
            for (const p of parsePermissionDb(r.data)) {
              settings.push({ source: SOURCE, app: 'xdg-desktop-portal', file, key: table, name: p.app, value: p.permissions.join(','), scope: home });
            }
          } catch (e) {
            problems.push(why('portal-table-unreadable', { path: file, detail: (e as Error).message }));
          }
        }
      }
      if (!ctx.elevated && !deps.homes) problems.push(why('portal-own-only'));
      const cov: CoverageRow = problems.length
        ? { source: SOURCE, table: 'settings', status: 'partial', ...maybeReasons(problems) }
        : { source: SOURCE, table: 'settings', status: 'ok' };
      return { tables: { settings }, coverage: [cov] };
    },
  };
}

export const permissionStoreCollector = createPermissionStoreCollector();
