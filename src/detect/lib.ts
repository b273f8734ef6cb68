import type { ProcessRow, SettingRow, Snapshot } from '../snapshot/schema.js';
import { WHAT, type WhatKey } from './messages.js';
import type { BehaviourEvidence, BehaviourSubject } from './types.js';

export interface IndexedProcess {
  row: number;
  p: ProcessRow;
}

/** Processes by pid, with their row index (evidence points at rows). */
export function processesByPid(s: Snapshot): Map<number, IndexedProcess> {
  const m = new Map<number, IndexedProcess>();
  (s.processes ?? []).forEach((p, row) => m.set(p.pid, { row, p }));
  return m;
}

export function processSubject(p: ProcessRow | undefined, pid: number): BehaviourSubject {
  if (!p) return { kind: 'process', pid, name: `pid ${pid}` };
  return p.path ? { kind: 'process', pid, name: p.name, path: p.path } : { kind: 'process', pid, name: p.name };
}

export function processEvidence(ip: IndexedProcess): BehaviourEvidence {
  return { table: 'processes', row: ip.row, item: ip.p.path ?? ip.p.cmdline ?? ip.p.name, what: WHAT.process };
}

/** The command line shown as evidence: the argv joined, bounded in length. */
export function commandLineEvidence(ip: IndexedProcess): BehaviourEvidence {
  const cmd = ip.p.cmdline ?? (ip.p.argv ?? [ip.p.name]).join(' ');
  return { table: 'processes', row: ip.row, item: cmd.length > 300 ? `${cmd.slice(0, 297)}...` : cmd, what: WHAT.commandLine };
}

export const basename = (p: string) => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);

/** Settings rows with their index, filtered. */
export function settingRows(s: Snapshot, pred: (r: SettingRow) => boolean): { r: SettingRow; row: number }[] {
  const out: { r: SettingRow; row: number }[] = [];
  (s.settings ?? []).forEach((r, row) => {
    if (pred(r)) out.push({ r, row });
  });
  return out;
}

const short = (v: string | undefined) => (v && v.length > 300 ? `${v.slice(0, 297)}...` : v);

export function settingSubject(r: SettingRow): BehaviourSubject {
  const key = r.name ? `${r.key}\\${r.name}` : r.key;
  return { kind: 'setting', ...(r.file ? { file: r.file } : {}), key, ...(r.value !== undefined ? { value: short(r.value) } : {}) };
}

export function settingEvidence(r: SettingRow, row: number, what: WhatKey = 'setting'): BehaviourEvidence {
  const where = r.file ?? r.source;
  const name = r.name ?? r.key;
  return { table: 'settings', row, item: `${where}: ${name}${r.value !== undefined ? ` = ${short(r.value)}` : ''}`, what };
}
