import type { CapabilityId } from '../../rules/vocabulary.js';
import type { SettingRow, Snapshot } from '../../snapshot/schema.js';
import { said } from '../lib.js';
import { WHAT } from '../messages.js';
import type { BehaviourFinding, Confidence, Detector } from '../types.js';

// Rules narrowed to one kind of device that is not a keyboard or mouse (joysticks, hardware wallets, AV controllers).
const NARROW_OTHER = /ENV\{ID_(?!INPUT_KEYBOARD\}|INPUT_KEY\}|INPUT_MOUSE\})[A-Z_]+\}=="[^"]*"/;
// Rules narrowed to one vendor's or one model's device.
const NARROW_DEVICE = /ATTRS?\{(idVendor|idProduct|name)\}=="|KERNELS=="/;
// A KERNEL match on other nodes of the input subsystem (joysticks js*) leaves keyboards alone.
const KERNEL = /\bKERNEL=="([^"]*)"/;
const WORLD_MODE = /\bMODE:?="0?\d\d([4-7])"/;
const GROUP = /\bGROUP:?="([^"]+)"/;
const OWNER = /\bOWNER:?="([^"]+)"/;

/** What one udev rule line gives away, or undefined when it keeps the defaults (root and the input group). */
export function udevGrant(rule: string): { confidence: Confidence; capabilities: CapabilityId[] } | undefined {
  if (NARROW_OTHER.test(rule)) return undefined;
  const kernel = KERNEL.exec(rule)?.[1];
  if (kernel !== undefined && !/event|uinput|hidraw|mouse|mice/.test(kernel)) return undefined;
  const injection = /uinput/.test(rule);
  const group = GROUP.exec(rule)?.[1];
  const owner = OWNER.exec(rule)?.[1];
  const world = WORLD_MODE.test(rule);
  const uaccess = /TAG\+="uaccess"/.test(rule);
  const otherGroup = group !== undefined && group !== 'input' && group !== 'root';
  const otherOwner = owner !== undefined && owner !== 'root';
  if (!world && !uaccess && !otherGroup && !otherOwner) return undefined;
  const narrowed = NARROW_DEVICE.test(rule);
  const capabilities: CapabilityId[] = injection ? ['remote-control'] : ['keystrokes', 'mouse-activity'];
  if (injection || narrowed) return { confidence: 'low', capabilities };
  return { confidence: world ? 'high' : 'medium', capabilities };
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

export function detectInputAccess(s: Snapshot): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  const byFile = new Map<string, BehaviourFinding>();
  (s.settings ?? []).forEach((r: SettingRow, row) => {
    if (r.source !== 'linux/input') return;
    if (r.key === 'group input' && r.value) {
      out.push({
        id: 'input.group-access',
        capabilities: ['keystrokes', 'mouse-activity'],
        confidence: 'medium',
        subject: { kind: 'setting', file: r.file, key: r.key, value: r.value },
        evidence: [{ table: 'settings', row, ...said('detect.input-group', { file: r.file ?? r.source, members: r.value }), what: WHAT.group }],
      });
      return;
    }
    if (!r.key.startsWith('udev rule') || !r.value) return;
    const g = udevGrant(r.value);
    if (!g) return;
    // one finding per rules file: a package's file often has one line per supported device
    const file = r.file ?? '';
    let f = byFile.get(file);
    if (!f) {
      f = { id: 'input.group-access', capabilities: [], confidence: 'low', subject: { kind: 'setting', file: r.file, key: r.key, value: r.value }, evidence: [] };
      byFile.set(file, f);
      out.push(f);
    }
    if (RANK[g.confidence] > RANK[f.confidence]) {
      f.confidence = g.confidence;
      f.subject = { kind: 'setting', file: r.file, key: r.key, value: r.value };
    }
    for (const c of g.capabilities) if (!f.capabilities.includes(c)) f.capabilities.push(c);
    f.evidence.push({ table: 'settings', row, ...said('detect.in-file', { file: r.file ?? r.source, value: r.value }), what: WHAT.udev });
  });
  const order: CapabilityId[] = ['keystrokes', 'mouse-activity', 'remote-control'];
  for (const f of byFile.values()) f.capabilities.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return out;
}

export const inputGroupAccess: Detector = {
  id: 'input.group-access',
  platforms: ['linux'],
  capabilities: ['keystrokes', 'mouse-activity'],
  sources: [
    'https://www.freedesktop.org/software/systemd/man/latest/udev.html',
    'https://wiki.archlinux.org/title/Users_and_groups#Pre-systemd_groups',
    'https://github.com/systemd/systemd/blob/main/rules.d/50-udev-default.rules.in',
  ],
  detect: detectInputAccess,
};
