import type { Snapshot } from '../../snapshot/schema.js';
import { processesByPid, processSubject, processEvidence, said } from '../lib.js';
import { WHAT } from '../messages.js';
import type { BehaviourEvidence, BehaviourFinding, Detector } from '../types.js';

/** Processes holding /dev/uinput, the kernel's door for creating virtual keyboards and mice. */
export function detectVirtualDevices(s: Snapshot): BehaviourFinding[] {
  const procs = processesByPid(s);
  const byPid = new Map<number, BehaviourEvidence[]>();
  (s.device_access ?? []).forEach((d, row) => {
    if (d.kind !== 'input-injection' && d.device !== '/dev/uinput') return;
    const list = byPid.get(d.pid) ?? [];
    list.push({ table: 'device_access', row, ...said('detect.device', { device: d.device }), what: WHAT.openDevice });
    byPid.set(d.pid, list);
  });
  return [...byPid].map(([pid, evidence]) => {
    const p = procs.get(pid);
    return {
      id: 'input.virtual-device',
      capabilities: ['remote-control'],
      confidence: 'medium',
      subject: processSubject(p?.p, pid),
      evidence: [...(p ? [processEvidence(p)] : []), ...evidence],
    };
  });
}

export const virtualDevice: Detector = {
  id: 'input.virtual-device',
  platforms: ['linux'],
  capabilities: ['remote-control'],
  sources: ['https://www.kernel.org/doc/html/latest/input/uinput.html', 'https://snapcraft.io/docs/uinput-interface'],
  detect: detectVirtualDevices,
};
