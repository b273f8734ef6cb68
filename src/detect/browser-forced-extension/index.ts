import type { Snapshot } from '../../snapshot/schema.js';
import { said } from '../lib.js';
import { WHAT } from '../messages.js';
import type { BehaviourFinding, Detector } from '../types.js';

/** Extensions a browser policy installs (rows the browser collectors mark forced), one finding per browser and id. */
export function detectForcedExtensions(s: Snapshot): BehaviourFinding[] {
  const seen = new Map<string, BehaviourFinding>();
  (s.browser_extensions ?? []).forEach((e, row) => {
    if (!e.forced) return;
    const key = `${e.browser}\0${e.id}`;
    const line = said('detect.browser-extension', { browser: e.browser, id: e.id, name: e.name || undefined });
    const prev = seen.get(key);
    if (prev) {
      prev.evidence.push({ table: 'browser_extensions', row, ...line, what: WHAT.policy });
      return;
    }
    seen.set(key, {
      id: 'browser.forced-extension',
      capabilities: ['web-history'],
      confidence: 'medium',
      subject: { kind: 'setting', key: `${e.browser} ExtensionInstallForcelist`, value: e.name ? `${e.id} (${e.name})` : e.id },
      evidence: [{ table: 'browser_extensions', row, ...line, what: WHAT.policy }],
    });
  });
  return [...seen.values()];
}

export const forcedExtension: Detector = {
  id: 'browser.forced-extension',
  platforms: ['linux', 'macos', 'windows'],
  capabilities: ['web-history'],
  sources: ['https://chromeenterprise.google/policies/#ExtensionInstallForcelist', 'https://chromeenterprise.google/policies/#ExtensionSettings', 'https://mozilla.github.io/policy-templates/#extensionsettings'],
  detect: detectForcedExtensions,
};
