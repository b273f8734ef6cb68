import type { Snapshot } from '../../snapshot/schema.js';
import { said } from '../lib.js';
import { WHAT } from '../messages.js';
import type { BehaviourFinding, Detector } from '../types.js';

/** Keyboard and mouse class UpperFilters other than Windows' own kbdclass / mouclass. */
export function detectInputFilters(s: Snapshot): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  (s.drivers ?? []).forEach((d, row) => {
    const kind = d.kind;
    if (kind !== 'keyboard-filter' && kind !== 'mouse-filter') return;
    if ((d as { standard?: boolean }).standard === true || /^(kbdclass|mouclass)$/i.test(d.name)) return;
    const keyboard = kind === 'keyboard-filter';
    out.push({
      id: 'windows.input-filter-driver',
      capabilities: keyboard ? ['keystrokes'] : ['mouse-activity'],
      confidence: keyboard ? 'high' : 'medium',
      subject: { kind: 'setting', key: `${keyboard ? 'Keyboard' : 'Mouse'} class UpperFilters`, value: d.path ? `${d.name} (${d.path})` : d.name },
      evidence: [{ table: 'drivers', row, ...said('detect.value', { value: d.path ?? d.name }), what: WHAT.driver }],
    });
  });
  return out;
}

export const inputFilterDriver: Detector = {
  id: 'windows.input-filter-driver',
  platforms: ['windows'],
  capabilities: ['keystrokes', 'mouse-activity'],
  sources: [
    'https://learn.microsoft.com/en-us/windows-hardware/drivers/install/system-defined-device-setup-classes-available-to-vendors',
    'https://learn.microsoft.com/en-us/windows-hardware/drivers/hid/keyboard-and-mouse-class-drivers',
    'https://securelist.com/keyloggers-implementing-keyloggers-in-windows-part-two/36358/',
  ],
  detect: detectInputFilters,
};
