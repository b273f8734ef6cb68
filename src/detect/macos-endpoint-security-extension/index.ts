import type { Snapshot } from '../../snapshot/schema.js';
import { said } from '../lib.js';
import { WHAT } from '../messages.js';
import type { BehaviourFinding, Detector } from '../types.js';

/** Active system extensions of one category (systemextensionsctl list). */
export function activeExtensions(s: Snapshot, category: string, id: 'macos.endpoint-security-extension' | 'macos.network-filter', capabilities: BehaviourFinding['capabilities']): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  (s.drivers ?? []).forEach((d, row) => {
    const x = d as { category?: string; enabled?: boolean; active?: boolean; state?: string; team_id?: string; display_name?: string };
    if (d.kind !== 'system-extension' || x.category !== category) return;
    if (x.active === false || /terminated|uninstall/i.test(x.state ?? '')) return;
    out.push({
      id,
      capabilities,
      confidence: x.enabled === false ? 'medium' : 'high',
      subject: { kind: 'process', name: x.display_name ?? d.name, path: d.name },
      evidence: [{ table: 'drivers', row, ...said('detect.system-extension', { name: d.name, team: x.team_id || undefined, state: x.state ?? '' }), what: WHAT.extension }],
    });
  });
  return out;
}

export const endpointSecurityExtension: Detector = {
  id: 'macos.endpoint-security-extension',
  platforms: ['macos'],
  capabilities: ['security-telemetry', 'files'],
  sources: ['https://developer.apple.com/documentation/endpointsecurity', 'https://github.com/objective-see/LuLu/issues/331'],
  detect: (s) => activeExtensions(s, 'endpoint_security', 'macos.endpoint-security-extension', ['security-telemetry', 'files']),
};
