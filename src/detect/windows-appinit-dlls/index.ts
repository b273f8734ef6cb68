import type { Snapshot } from '../../snapshot/schema.js';
import { settingEvidence, settingRows, settingSubject } from '../lib.js';
import type { BehaviourFinding, Detector } from '../types.js';

/** AppInit_DLLs naming a library, with LoadAppInit_DLLs=1 in the same key (otherwise Windows ignores the list). */
export function detectAppInit(s: Snapshot): BehaviourFinding[] {
  const rows = settingRows(s, (r) => r.source === 'windows/behaviour-facts' && /\\Windows NT\\CurrentVersion\\Windows$/i.test(r.file ?? ''));
  const out: BehaviourFinding[] = [];
  for (const { r, row } of rows) {
    if (r.key !== 'AppInit_DLLs' || !r.value?.trim()) continue;
    const load = rows.find((x) => x.r.file === r.file && x.r.key === 'LoadAppInit_DLLs');
    const loaded = load?.r.value === '1';
    out.push({
      id: 'windows.appinit-dlls',
      capabilities: ['app-usage'],
      confidence: loaded ? 'high' : 'low',
      subject: settingSubject(r),
      evidence: [settingEvidence(r, row), ...(load ? [settingEvidence(load.r, load.row)] : [])],
    });
  }
  return out;
}

export const appInitDlls: Detector = {
  id: 'windows.appinit-dlls',
  platforms: ['windows'],
  capabilities: ['app-usage'],
  sources: ['https://learn.microsoft.com/en-us/windows/win32/dlls/secure-boot-and-appinit-dlls', 'https://attack.mitre.org/techniques/T1546/010/'],
  detect: detectAppInit,
};
