import type { Snapshot } from '../../snapshot/schema.js';
import { settingEvidence, settingRows, settingSubject } from '../lib.js';
import type { BehaviourFinding, Detector } from '../types.js';

/** Users named in enable=; pam_tty_audit records nobody else. */
export function ttyAuditEnabledFor(line: string): string[] {
  const m = /\benable=(\S+)/.exec(line);
  return m ? m[1].split(',').filter(Boolean) : [];
}

export function detectTtyAudit(s: Snapshot): BehaviourFinding[] {
  return settingRows(s, (r) => r.source === 'linux/pam' && r.key === 'pam_tty_audit').map(({ r, row }) => {
    const users = ttyAuditEnabledFor(r.value ?? '');
    // only root's terminals: ordinary users are not recorded
    const rootOnly = users.length > 0 && users.every((u) => u === 'root');
    return { id: 'session.tty-audit', capabilities: ['keystrokes'], confidence: rootOnly ? 'low' : 'high', subject: settingSubject(r), evidence: [settingEvidence(r, row)] };
  });
}

export const ttyAudit: Detector = {
  id: 'session.tty-audit',
  platforms: ['linux'],
  capabilities: ['keystrokes'],
  sources: ['https://man7.org/linux/man-pages/man8/pam_tty_audit.8.html', 'https://access.redhat.com/documentation/en-us/red_hat_enterprise_linux/7/html/security_guide/sec-configuring_pam_for_auditing'],
  detect: detectTtyAudit,
};
