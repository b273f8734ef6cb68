import type { ProcessRow, SettingRow, Snapshot } from '../snapshot/schema.js';
import { evidenceText, WHAT, type DetectKey, type EvidenceParams, type WhatKey } from './messages.js';
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

/** An evidence line said by key and machine values: the English text for older readers, key and params for renderers. */
export function said(key: DetectKey, params: Readonly<Record<string, string | number | undefined>>): { item: string; key: DetectKey; params: EvidenceParams } {
  const kept: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) kept[k] = v;
  return { item: evidenceText(key, kept, 'en'), key, params: kept };
}

export function processEvidence(ip: IndexedProcess): BehaviourEvidence {
  return { table: 'processes', row: ip.row, ...said('detect.value', { value: ip.p.path ?? ip.p.cmdline ?? ip.p.name }), what: WHAT.process };
}

/** The command line shown as evidence: the argv joined, bounded in length. */
export function commandLineEvidence(ip: IndexedProcess): BehaviourEvidence {
  const cmd = ip.p.cmdline ?? (ip.p.argv ?? [ip.p.name]).join(' ');
  return { table: 'processes', row: ip.row, ...said('detect.value', { value: cmd.length > 300 ? `${cmd.slice(0, 297)}...` : cmd }), what: WHAT.commandLine };
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
  return { table: 'settings', row, ...said('detect.setting', { where, name, value: short(r.value) }), what };
}
