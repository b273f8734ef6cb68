import type { Snapshot } from '../../snapshot/schema.js';
import { settingEvidence, settingRows, settingSubject } from '../lib.js';
import type { BehaviourFinding, Detector } from '../types.js';

export function detectTlog(s: Snapshot): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  for (const { r, row } of settingRows(s, (x) => x.source === 'linux/tlog')) {
    if (r.key === 'login shell tlog-rec-session') {
      out.push({ id: 'session.tlog', capabilities: ['keystrokes', 'screen-recording'], confidence: 'high', subject: settingSubject(r), evidence: [settingEvidence(r, row)] });
    } else if (r.key === 'session_recording scope' && r.value && r.value !== 'none') {
      // scope = all or some (then users/groups name who): SSSD starts tlog for them at login
      out.push({ id: 'session.tlog', capabilities: ['keystrokes', 'screen-recording'], confidence: 'high', subject: settingSubject(r), evidence: [settingEvidence(r, row)] });
    }
  }
  return out;
}

export const tlog: Detector = {
  id: 'session.tlog',
  platforms: ['linux'],
  capabilities: ['keystrokes'],
  sources: [
    'https://github.com/Scribery/tlog',
    'https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/10/html/managing_idm_users_groups_hosts_and_access_control_rules/configuring-session-recording-by-using-cli',
    'https://man.archlinux.org/man/sssd-session-recording.5',
  ],
  detect: detectTlog,
};
