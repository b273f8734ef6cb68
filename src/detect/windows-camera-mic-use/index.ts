import type { Snapshot } from '../../snapshot/schema.js';
import { said } from '../lib.js';
import { WHAT } from '../messages.js';
import type { BehaviourFinding, Detector } from '../types.js';

/** Consent-store entries with a start and no end of the last use: the camera or microphone is in use now. */
export function detectCameraMicUse(s: Snapshot): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  (s.permissions ?? []).forEach((p, row) => {
    if (p.source !== 'consent-store' || (p as { in_use?: boolean }).in_use !== true) return;
    const camera = p.service === 'camera';
    const path = /^[a-z]:\\/i.test(p.client) ? p.client : undefined;
    const name = path ? path.slice(path.lastIndexOf('\\') + 1) : p.client;
    out.push({
      id: 'windows.camera-mic-use',
      capabilities: [camera ? 'webcam' : 'microphone'],
      confidence: 'high',
      subject: path ? { kind: 'process', name, path } : { kind: 'process', name },
      evidence: [{ table: 'permissions', row, ...said('detect.consent', { service: p.service, client: p.client, since: (p as { last_used_start?: string }).last_used_start || undefined }), what: WHAT.consent }],
    });
  });
  return out;
}

export const cameraMicUse: Detector = {
  id: 'windows.camera-mic-use',
  platforms: ['windows'],
  capabilities: ['webcam', 'microphone'],
  sources: ['https://windows.dfirhandbook.com/windows-artifacts/program-execution/capabilityaccessmanager', 'https://svch0st.medium.com/can-you-track-processes-accessing-the-camera-and-microphone-7e6885b37072'],
  detect: detectCameraMicUse,
};
