import type { CapabilityId } from '../../rules/vocabulary.js';
import type { MediaStreamRow, Snapshot } from '../../snapshot/schema.js';
import { processesByPid, processEvidence, processSubject, said } from '../lib.js';
import { WHAT } from '../messages.js';
import type { BehaviourEvidence, BehaviourFinding, BehaviourSubject, Confidence, Detector } from '../types.js';

// A program receiving video through PipeWire right now: its Stream/Input/Video node linked to a video source, which on a
// Wayland desktop is a screen-cast the portal made for it or a camera. A source nobody is linked to captures nothing.

const CAMERA_APIS = new Set(['v4l2', 'libcamera']);

/** Whether the linked source is a camera (device node or role Camera); anything else that sends video is taken as a screen-cast. */
export const isCamera = (r: MediaStreamRow) => (r.linked_device_api !== undefined && CAMERA_APIS.has(r.linked_device_api)) || r.linked_role === 'Camera';

/** High while frames flow (node running, link active); a linked stream that is paused is medium. */
function confidenceOf(r: MediaStreamRow): Confidence {
  const flowing = r.state === 'running' && (r.link_state === undefined || r.link_state === 'active');
  return flowing ? 'high' : 'medium';
}

const describe = (r: MediaStreamRow) =>
  said(r.state ? 'detect.stream' : 'detect.stream.no-state', {
    session: r.session || undefined,
    who: r.binary ?? r.app ?? r.node_name,
    // a stream known only by its node is named by it in the reader's words ("node 80")
    self: (r.binary ?? r.app ?? r.node_name) === undefined ? r.node_id : undefined,
    name: r.linked_name || undefined,
    node: r.linked_node_id,
    class: r.linked_class || undefined,
    api: r.linked_device_api || undefined,
    app: r.linked_app || undefined,
    state: r.state,
    link: r.link_state || undefined,
  });

export function detectPipewireStreams(s: Snapshot): BehaviourFinding[] {
  const procs = processesByPid(s);
  const order: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };
  const byProgram = new Map<string, BehaviourFinding>();
  (s.media_streams ?? []).forEach((r, row) => {
    if (r.media_class !== 'Stream/Input/Video' || r.linked_node_id === undefined) return;
    // a program reading another program's plain video output (not a screen or camera node) is not capture
    if (r.linked_class !== undefined && r.linked_class !== 'Video/Source') return;
    const cap: CapabilityId = isCamera(r) ? 'webcam' : 'screen-recording';
    const confidence = confidenceOf(r);
    const ev: BehaviourEvidence = { table: 'media_streams', row, ...describe(r), what: WHAT.stream };
    const key = `${r.session ?? ''}\0${r.pid ?? `node ${r.node_id}`}`;
    const f = byProgram.get(key);
    if (f) {
      f.evidence.push(ev);
      if (!f.capabilities.includes(cap)) f.capabilities.push(cap);
      if (order[confidence] < order[f.confidence]) f.confidence = confidence;
      return;
    }
    const ip = r.pid !== undefined ? procs.get(r.pid) : undefined;
    const subject: BehaviourSubject =
      r.pid !== undefined && ip ? processSubject(ip.p, r.pid) : { kind: 'process', ...(r.pid !== undefined ? { pid: r.pid } : {}), name: r.binary ?? r.app ?? r.node_name ?? `PipeWire node ${r.node_id}` };
    byProgram.set(key, { id: 'screen.pipewire-stream', capabilities: [cap], confidence, subject, evidence: [ev, ...(ip ? [processEvidence(ip)] : [])] });
  });
  return [...byProgram.values()];
}

export const pipewireStream: Detector = {
  id: 'screen.pipewire-stream',
  platforms: ['linux'],
  capabilities: ['screen-recording', 'webcam'],
  sources: [
    'https://docs.pipewire.org/page_man_pw-dump_1.html',
    'https://docs.pipewire.org/page_man_pipewire-props_7.html',
    'https://flatpak.github.io/xdg-desktop-portal/docs/doc-org.freedesktop.portal.ScreenCast.html',
    'https://github.com/emersion/xdg-desktop-portal-wlr/blob/master/src/screencast/pipewire_screencast.c',
    'https://github.com/Alexays/Waybar/blob/master/src/util/pipewire/pipewire_backend.cpp',
  ],
  detect: detectPipewireStreams,
};
