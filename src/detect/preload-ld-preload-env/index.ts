import type { Snapshot } from '../../snapshot/schema.js';
import { processesByPid, processEvidence, processSubject, settingEvidence, settingRows } from '../lib.js';
import type { BehaviourFinding, Detector } from '../types.js';

// Preloads that only change memory allocation, fake root or speed up disks: common, and they watch nothing.
const HARMLESS = /(^|\/)lib(fakeroot|eatmydata|gtk3-nocsd|jemalloc|tcmalloc|tcmalloc_minimal|mimalloc|asan|ubsan|tsan)[^/]*\.so|gameoverlayrenderer\.so/;

export function detectLdPreloadEnv(s: Snapshot): BehaviourFinding[] {
  const procs = processesByPid(s);
  const byPid = new Map<number, BehaviourFinding>();
  for (const { r, row } of settingRows(s, (x) => x.source === 'linux/preload' && (x.key === 'LD_PRELOAD' || x.key === 'LD_AUDIT') && x.pid !== undefined)) {
    const libs = (r.value ?? '').split(/[\s:]+/).filter(Boolean);
    if (!libs.length || libs.every((l) => HARMLESS.test(l))) continue;
    const pid = r.pid!;
    let f = byPid.get(pid);
    if (!f) {
      const p = procs.get(pid);
      f = { id: 'preload.ld-preload-env', capabilities: ['app-usage'], confidence: 'medium', subject: processSubject(p?.p, pid), evidence: p ? [processEvidence(p)] : [] };
      byPid.set(pid, f);
    }
    f.evidence.push(settingEvidence(r, row));
  }
  return [...byPid.values()];
}

export const ldPreloadEnv: Detector = {
  id: 'preload.ld-preload-env',
  platforms: ['linux'],
  capabilities: ['app-usage'],
  sources: ['https://man7.org/linux/man-pages/man8/ld.so.8.html', 'https://man7.org/linux/man-pages/man7/rtld-audit.7.html'],
  detect: detectLdPreloadEnv,
};
