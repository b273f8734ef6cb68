import type { Snapshot } from '../../snapshot/schema.js';
import { settingEvidence, settingRows, settingSubject } from '../lib.js';
import type { BehaviourFinding, Detector } from '../types.js';

// Only consumers that run something count: Windows' own "SCM Event Log Consumer" only writes to the event log.
const RUNS = new Set(['CommandLineEventConsumer', 'ActiveScriptEventConsumer']);

export function detectWmiSubscriptions(s: Snapshot): BehaviourFinding[] {
  const rows = settingRows(s, (r) => r.source === 'windows/wmi');
  const bindings = rows.filter((x) => x.r.key === '__FilterToConsumerBinding');
  return rows
    .filter(({ r }) => RUNS.has(r.key))
    .map(({ r, row }) => {
      const bound = bindings.filter((b) => r.name && b.r.value?.includes(`"${r.name}"`));
      return {
        id: 'windows.wmi-subscription' as const,
        capabilities: ['remote-software' as const],
        // a consumer without a binding to a filter never fires
        confidence: bound.length || !bindings.length ? ('high' as const) : ('medium' as const),
        subject: settingSubject(r),
        evidence: [settingEvidence(r, row), ...bound.map((b) => settingEvidence(b.r, b.row))],
      };
    });
}

export const wmiSubscription: Detector = {
  id: 'windows.wmi-subscription',
  platforms: ['windows'],
  capabilities: ['remote-software'],
  sources: ['https://learn.microsoft.com/en-us/windows/win32/wmisdk/commandlineeventconsumer', 'https://learn.microsoft.com/en-us/windows/win32/wmisdk/receiving-events-at-all-times', 'https://attack.mitre.org/techniques/T1546/003/'],
  detect: detectWmiSubscriptions,
};
