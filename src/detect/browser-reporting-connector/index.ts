import type { CapabilityId } from '../../rules/vocabulary.js';
import type { Snapshot } from '../../snapshot/schema.js';
import { browserPolicies, truthy } from '../browser-policies.js';
import { settingEvidence, settingSubject } from '../lib.js';
import type { BehaviourFinding, Confidence, Detector } from '../types.js';

// Chrome Enterprise Connectors: what each one sends to the organisation's service (Chrome Enterprise policy list).
const CONNECTORS: Record<string, CapabilityId[]> = {
  OnSecurityEventEnterpriseConnector: ['behavior-alerts', 'web-history'],
  OnFileAttachedEnterpriseConnector: ['files'],
  OnFileDownloadedEnterpriseConnector: ['files'],
  OnBulkDataEntryEnterpriseConnector: ['clipboard'],
  OnPrintEnterpriseConnector: ['printing'],
  OnFileTransferEnterpriseConnector: ['files'],
};
// Cloud reporting sends the browser's version, profiles, extensions and policies: an inventory, not activity.
const INVENTORY = new Set(['CloudReportingEnabled', 'CloudProfileReportingEnabled']);

export function detectReportingConnectors(s: Snapshot): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  for (const p of browserPolicies(s)) {
    let capabilities: CapabilityId[] | undefined;
    let confidence: Confidence = 'high';
    if (p.policy in CONNECTORS || /EnterpriseConnector$/.test(p.policy)) {
      // an empty list switches the connector off
      if (Array.isArray(p.value) && p.value.length === 0) continue;
      capabilities = CONNECTORS[p.policy] ?? ['behavior-alerts'];
    } else if (INVENTORY.has(p.policy) && truthy(p.value)) {
      capabilities = ['software-inventory'];
      confidence = 'low';
    }
    if (!capabilities) continue;
    out.push({ id: 'browser.reporting-connector', capabilities, confidence, subject: settingSubject(p.r), evidence: [settingEvidence(p.r, p.row, 'policy')] });
  }
  return out;
}

export const reportingConnector: Detector = {
  id: 'browser.reporting-connector',
  platforms: ['linux', 'macos', 'windows'],
  capabilities: ['behavior-alerts', 'files', 'clipboard', 'printing', 'software-inventory'],
  sources: [
    'https://chromeenterprise.google/policies/#OnSecurityEventEnterpriseConnector',
    'https://chromeenterprise.google/policies/#OnBulkDataEntryEnterpriseConnector',
    'https://chromeenterprise.google/policies/#CloudReportingEnabled',
    'https://support.google.com/chrome/a?p=chrome_enterprise_connector_policies_setting',
  ],
  detect: detectReportingConnectors,
};
