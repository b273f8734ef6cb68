import type { InputDeviceRow, Snapshot } from '../../snapshot/schema.js';
import { processesByPid, processSubject, processEvidence, said } from '../lib.js';
import { WHAT } from '../messages.js';
import type { BehaviourEvidence, BehaviourFinding, Confidence, Detector } from '../types.js';

// Programs that normally read keyboards and mice directly: display servers, compositors, login, input methods and input daemons.
export const INPUT_STACK = new Set([
  'Xorg', 'X', 'Xwayland', 'gnome-shell', 'mutter', 'kwin_wayland', 'kwin_x11', 'sway', 'weston', 'Hyprland', 'labwc',
  'wayfire', 'river', 'cage', 'gamescope', 'cosmic-comp', 'systemd-logind', 'acpid', 'gpm', 'keyd', 'kmonad',
  'input-remapper-service', 'thermald', 'upowerd', 'touchegg', 'triggerhappy', 'thd',
  'gsd-media-keys', 'gsd-power', 'kded5', 'kded6', 'ibus-daemon', 'fcitx5', 'Xvfb', 'Xtigervnc', 'Xvnc',
]);

/** input_devices by handler name ("event3", "hidraw0"). */
export function devicesByHandler(s: Snapshot): Map<string, InputDeviceRow> {
  return new Map((s.input_devices ?? []).map((d) => [d.handler, d]));
}

const handlerOf = (device: string) => device.slice(device.lastIndexOf('/') + 1);

/** Processes outside the usual input stack with event or hidraw devices open, one finding per process. */
export function detectDeviceReaders(s: Snapshot): BehaviourFinding[] {
  const procs = processesByPid(s);
  const devices = devicesByHandler(s);
  const byPid = new Map<number, { evidence: BehaviourEvidence[]; keyboard: boolean }>();
  (s.device_access ?? []).forEach((d, row) => {
    if (d.kind === 'input-injection' || d.device === '/dev/uinput') return;
    const p = procs.get(d.pid);
    if (p && INPUT_STACK.has(p.p.name)) return;
    const info = devices.get(handlerOf(d.device));
    let entry = byPid.get(d.pid);
    if (!entry) byPid.set(d.pid, (entry = { evidence: [], keyboard: false }));
    if (info?.keyboard) entry.keyboard = true;
    entry.evidence.push({ table: 'device_access', row, ...said('detect.device', { device: d.device, name: info?.name }), what: WHAT.openDevice });
  });
  const out: BehaviourFinding[] = [];
  for (const [pid, e] of byPid) {
    const p = procs.get(pid);
    // a keyboard is what a key logger needs; a mouse-only or unknown device is a weaker sign
    const confidence: Confidence = e.keyboard ? 'high' : 'medium';
    out.push({
      id: 'input.device-reader',
      capabilities: e.keyboard ? ['keystrokes', 'mouse-activity'] : ['mouse-activity', 'keystrokes'],
      confidence,
      subject: processSubject(p?.p, pid),
      evidence: [...(p ? [processEvidence(p)] : []), ...e.evidence],
    });
  }
  return out;
}

export const deviceReader: Detector = {
  id: 'input.device-reader',
  platforms: ['linux'],
  capabilities: ['keystrokes', 'mouse-activity'],
  sources: [
    'https://www.kernel.org/doc/html/latest/input/input.html',
    'https://www.kernel.org/doc/html/latest/hid/hidraw.html',
    'https://github.com/kernc/logkeys',
  ],
  detect: detectDeviceReaders,
};
