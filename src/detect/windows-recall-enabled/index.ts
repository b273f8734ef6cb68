import type { Snapshot } from '../../snapshot/schema.js';
import { settingEvidence, settingRows, settingSubject } from '../lib.js';
import type { BehaviourFinding, Detector } from '../types.js';

/** WindowsAI policy: AllowRecallEnablement=1 lets Recall run; DisableAIDataAnalysis=0 turns snapshot saving on. */
export function detectRecall(s: Snapshot): BehaviourFinding[] {
  const rows = settingRows(s, (r) => r.source === 'windows/behaviour-facts' && /\\Policies\\Microsoft\\Windows\\WindowsAI$/i.test(r.file ?? ''));
  const allow = rows.filter(({ r }) => r.key === 'AllowRecallEnablement' && r.value === '1');
  const analysis = rows.filter(({ r }) => r.key === 'DisableAIDataAnalysis' && r.value === '0');
  const picked = [...analysis, ...allow];
  if (!picked.length) return [];
  const first = picked[0];
  return [{ id: 'windows.recall-enabled', capabilities: ['screenshots', 'screen-ocr'], confidence: analysis.length ? 'high' : 'medium', subject: settingSubject(first.r), evidence: picked.map(({ r, row }) => settingEvidence(r, row, 'policy')) }];
}

export const recallEnabled: Detector = {
  id: 'windows.recall-enabled',
  platforms: ['windows'],
  capabilities: ['screenshots', 'screen-ocr'],
  sources: ['https://learn.microsoft.com/en-us/windows/client-management/mdm/policy-csp-windowsai', 'https://learn.microsoft.com/en-us/windows/client-management/manage-recall'],
  detect: detectRecall,
};
