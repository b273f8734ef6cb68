import type { ProcessRow, Snapshot } from '../../snapshot/schema.js';
import type { CapabilityId } from '../../rules/vocabulary.js';
import { basename, commandLineEvidence, processEvidence, processSubject, type IndexedProcess } from '../lib.js';
import type { BehaviourFinding, Confidence, Detector } from '../types.js';

// ffmpeg input formats that read a screen: X11, the kernel's KMS/DRM planes, the framebuffer, Windows GDI/Desktop Duplication.
const FFMPEG_SCREEN = new Set(['x11grab', 'kmsgrab', 'fbdev', 'gdigrab', 'ddagrab']);
// GStreamer source elements that read a screen or a screen-cast stream.
const GST_SCREEN = new Set(['ximagesrc', 'pipewiresrc', 'kmssrc', 'gdiscreencapsrc', 'dx9screencapsrc', 'd3d11screencapturesrc', 'd3d12screencapturesrc']);
// Screen recorders whose only job is recording the screen.
// a Map, since the key is a program name from the machine (`toString` must not find a method)
const RECORDERS = new Map<string, Confidence>([
  ['wf-recorder', 'high'], ['simplescreenrecorder', 'high'], ['recordmydesktop', 'high'], ['kazam', 'medium'], ['vokoscreenNG', 'medium'],
  ['obs', 'medium'], ['peek', 'medium'], ['kooha', 'medium'], ['gpu-screen-recorder', 'high'],
]);
// Screenshot tools: short-lived unless they run in a loop or on a timer.
const SHOOTERS = new Set(['scrot', 'grim', 'maim', 'xwd', 'gnome-screenshot', 'spectacle', 'flameshot']);

const FFMPEGS = /^(ffmpeg|avconv)(\.exe)?$/i;
const GST = /^gst-launch(-1\.0)?(\.exe)?$/i;

export interface ScreenCapture {
  how: string;
  confidence: Confidence;
  capabilities: CapabilityId[];
}

/** What a command line says about screen capture, or undefined. */
export function screenCaptureOf(p: ProcessRow): ScreenCapture | undefined {
  const argv = p.argv ?? [];
  const prog = argv[0] ? basename(argv[0]) : p.name;
  const names = new Set([p.name, prog]);
  const is = (re: RegExp) => [...names].some((n) => re.test(n));
  if (is(FFMPEGS)) {
    for (let i = 0; i + 1 < argv.length; i++) {
      if (argv[i] === '-f' && FFMPEG_SCREEN.has(argv[i + 1])) return { how: `ffmpeg -f ${argv[i + 1]}`, confidence: 'high', capabilities: ['screen-recording'] };
    }
    return undefined;
  }
  if (is(GST)) {
    // elements are separate words or "element prop=value" when the pipeline is one quoted argument
    for (const a of argv.slice(1)) {
      for (const w of a.split(/[\s!]+/)) if (GST_SCREEN.has(w)) return { how: `gst-launch ${w}`, confidence: 'high', capabilities: ['screen-recording'] };
    }
    return undefined;
  }
  if (names.has('import')) {
    const i = argv.indexOf('-window');
    if (i > 0 && argv[i + 1] === 'root') return { how: 'import -window root', confidence: 'high', capabilities: ['screenshots'] };
    return undefined;
  }
  for (const n of names) {
    const rec = RECORDERS.get(n);
    if (rec) return { how: n, confidence: rec, capabilities: ['screen-recording'] };
    if (SHOOTERS.has(n)) return { how: n, confidence: 'medium', capabilities: ['screenshots'] };
  }
  return undefined;
}

export function detectScreenCapture(s: Snapshot): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  (s.processes ?? []).forEach((p, row) => {
    const c = screenCaptureOf(p);
    if (!c) return;
    const ip: IndexedProcess = { row, p };
    out.push({
      id: 'screen.capture-process',
      capabilities: c.capabilities,
      confidence: c.confidence,
      subject: processSubject(p, p.pid),
      evidence: [p.argv && p.argv.length > 1 ? commandLineEvidence(ip) : processEvidence(ip)],
    });
  });
  return out;
}

export const screenCaptureProcess: Detector = {
  id: 'screen.capture-process',
  platforms: ['linux', 'windows', 'macos'],
  capabilities: ['screen-recording', 'screenshots'],
  sources: [
    'https://ffmpeg.org/ffmpeg-devices.html#x11grab',
    'https://ffmpeg.org/ffmpeg-devices.html#kmsgrab',
    'https://gstreamer.freedesktop.org/documentation/ximagesrc/index.html',
    'https://gstreamer.freedesktop.org/documentation/pipewire/pipewiresrc.html',
    'https://imagemagick.org/script/import.php',
    'https://github.com/ammen99/wf-recorder',
  ],
  detect: detectScreenCapture,
};
