import type { Snapshot } from '../../snapshot/schema.js';
import { settingEvidence, settingRows, settingSubject } from '../lib.js';
import type { BehaviourFinding, Detector } from '../types.js';

export function detectLdSoPreload(s: Snapshot): BehaviourFinding[] {
  return settingRows(s, (r) => r.source === 'linux/preload' && r.key === 'ld.so.preload').map(({ r, row }) => ({
    id: 'preload.ld-so-preload',
    capabilities: ['app-usage'],
    confidence: 'high',
    subject: settingSubject(r),
    evidence: [settingEvidence(r, row, 'file')],
  }));
}

export const ldSoPreload: Detector = {
  id: 'preload.ld-so-preload',
  platforms: ['linux'],
  capabilities: ['app-usage'],
  sources: ['https://man7.org/linux/man-pages/man8/ld.so.8.html', 'https://github.com/a2o/snoopy'],
  detect: detectLdSoPreload,
};
