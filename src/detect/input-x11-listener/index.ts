import type { ProcessRow, Snapshot } from '../../snapshot/schema.js';
import { basename, commandLineEvidence, processSubject } from '../lib.js';
import type { BehaviourFinding, Confidence, Detector } from '../types.js';

// Key loggers for X11 and evdev that are known by name.
const LOGGERS = new Set(['logkeys', 'xspy', 'xkeylogger', 'xkbcat', 'lkl', 'uberkey']);

/** Whether a command line listens to all keyboard input of the X display (or is a known key logger). */
export function x11ListenerOf(p: ProcessRow): { how: string; confidence: Confidence } | undefined {
  const argv = p.argv ?? [];
  const prog = argv[0] ? basename(argv[0]) : p.name;
  const names = new Set([p.name, prog]);
  if (names.has('xinput')) {
    const sub = argv[1];
    if (sub === 'test-xi2') return { how: argv.includes('--root') ? 'xinput test-xi2 --root' : 'xinput test-xi2', confidence: 'high' };
    if (sub === 'test') return { how: 'xinput test', confidence: 'high' };
    return undefined;
  }
  if (names.has('xev') && argv.includes('-root')) return { how: 'xev -root', confidence: 'medium' };
  for (const n of names) if (LOGGERS.has(n)) return { how: n, confidence: 'high' };
  return undefined;
}

export function detectX11Listeners(s: Snapshot): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  (s.processes ?? []).forEach((p, row) => {
    const l = x11ListenerOf(p);
    if (!l) return;
    out.push({ id: 'input.x11-listener', capabilities: ['keystrokes'], confidence: l.confidence, subject: processSubject(p, p.pid), evidence: [commandLineEvidence({ row, p })] });
  });
  return out;
}

export const x11Listener: Detector = {
  id: 'input.x11-listener',
  platforms: ['linux'],
  capabilities: ['keystrokes'],
  sources: [
    'https://manpages.debian.org/bookworm/xinput/xinput.1.en.html',
    'https://manpages.debian.org/bookworm/x11-utils/xev.1.en.html',
    'https://github.com/kernc/logkeys',
  ],
  detect: detectX11Listeners,
};
