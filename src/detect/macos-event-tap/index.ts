import type { Snapshot } from '../../snapshot/schema.js';
import { processesByPid, processEvidence, said } from '../lib.js';
import { WHAT } from '../messages.js';
import { isApple } from '../macos-lib.js';
import type { BehaviourFinding, Detector } from '../types.js';

/** Enabled event taps of key events owned by a program that is not part of macOS. */
export function detectEventTaps(s: Snapshot): BehaviourFinding[] {
  const procs = processesByPid(s);
  const out: BehaviourFinding[] = [];
  (s.event_taps ?? []).forEach((t, row) => {
    if (!t.enabled || !t.keyboard) return;
    const p = procs.get(t.tapping_pid);
    const path = t.path ?? p?.p.path;
    if ((t.bundle_id && isApple(t.bundle_id)) || (path && isApple(path))) return;
    const name = t.process ?? p?.p.name ?? `pid ${t.tapping_pid}`;
    out.push({
      id: 'macos.event-tap',
      capabilities: ['keystrokes'],
      // a listen-only tap of all keys, system-wide, is what a key logger installs
      confidence: t.listen_only && !t.target_pid ? 'high' : 'medium',
      subject: { kind: 'process', pid: t.tapping_pid, name, ...(path ? { path } : {}) },
      evidence: [...(p ? [processEvidence(p)] : []), { table: 'event_taps', row, ...said(`detect.tap.${t.listen_only ? 'listen' : 'filter'}${t.target_pid ? '.pid' : ''}`, { id: t.tap_id, mask: t.mask ?? '?', pid: t.target_pid || undefined }), what: WHAT.tap }],
    });
  });
  return out;
}

export const eventTap: Detector = {
  id: 'macos.event-tap',
  platforms: ['macos'],
  capabilities: ['keystrokes'],
  sources: ['https://developer.apple.com/documentation/coregraphics/1454426-cggeteventtaplist', 'https://github.com/osquery/osquery/blob/master/specs/darwin/event_taps.table', 'https://objective-see.org/products/reikey.html'],
  detect: detectEventTaps,
};
