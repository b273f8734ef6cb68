import type { ProcessRow, Snapshot } from '../snapshot/schema.js';
import { WHAT } from './messages.js';
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
