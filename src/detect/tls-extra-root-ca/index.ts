import type { Snapshot } from '../../snapshot/schema.js';
import { browserPolicies } from '../browser-policies.js';
import { said, settingEvidence, settingSubject } from '../lib.js';
import { WHAT } from '../messages.js';
import type { BehaviourFinding, Detector } from '../types.js';

// Vendors of TLS-inspecting proxies whose roots are pushed to employees' computers (names as they appear in subjects).
const INSPECTION = /zscaler|netskope|palo alto|forward trust|forcepoint|websense|umbrella|opendns|fortinet|fortigate|blue ?coat|symantec web|sophos|check ?point|iboss|lightspeed|goguardian|securly|cisco|mcafee web|skyhigh|menlo|cloudflare for teams|cloudflare gateway|barracuda|contentkeeper|smoothwall|squid|mitmproxy|charles proxy|fiddler/i;

export function detectExtraRootCas(s: Snapshot): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  (s.certificates ?? []).forEach((c, row) => {
    // a leaf certificate in the anchors folder is trusted too, but it cannot sign other sites' certificates
    if (c.ca === false) return;
    out.push({
      id: 'tls.extra-root-ca',
      capabilities: ['network-traffic'],
      confidence: INSPECTION.test(`${c.subject} ${c.issuer ?? ''}`) ? 'high' : 'medium',
      subject: { kind: 'setting', ...(c.file ? { file: c.file } : {}), key: c.store ?? c.source, value: c.subject },
      evidence: [
        {
          table: 'certificates',
          row,
          ...said('detect.cert', {
            where: c.file ?? c.store ?? c.source,
            subject: c.subject,
            issuer: c.issuer && c.issuer !== c.subject ? c.issuer : undefined,
            // Windows names a certificate by its SHA-1 thumbprint, the other stores by SHA-256
            [c.source.startsWith('windows/') ? 'thumbprint' : 'sha']: c.fingerprint || undefined,
          }),
          what: WHAT.certificate,
        },
      ],
    });
  });
  // Firefox's Certificates.Install policy adds the files it names to Firefox's own trust store
  for (const p of browserPolicies(s)) {
    const v = p.value as { Install?: unknown } | undefined;
    if (p.app !== 'firefox' || p.policy !== 'Certificates' || !v || !Array.isArray(v.Install) || !v.Install.length) continue;
    out.push({ id: 'tls.extra-root-ca', capabilities: ['network-traffic'], confidence: 'medium', subject: settingSubject(p.r), evidence: [settingEvidence(p.r, p.row, 'policy')] });
  }
  // macOS: a configuration profile with a root-certificate payload makes the Mac trust that root
  (s.packages ?? []).forEach((p, row) => {
    if (s.host.platform !== 'macos' || p.source !== 'profile' || !(p.payload_types ?? []).includes(PROFILE_ROOT)) return;
    out.push({
      id: 'tls.extra-root-ca',
      capabilities: ['network-traffic'],
      confidence: INSPECTION.test(`${p.name} ${p.publisher ?? ''} ${p.identifier ?? ''}`) ? 'high' : 'medium',
      subject: { kind: 'setting', key: 'configuration profile', value: p.name },
      evidence: [{ table: 'packages', row, ...said('detect.cert.profile', { profile: p.name, id: p.identifier || undefined, publisher: p.publisher || undefined, payload: PROFILE_ROOT }), what: WHAT.policy }],
    });
  });
  return out;
}

// Apple's CertificateRoot payload: the certificate it carries becomes a trusted root
const PROFILE_ROOT = 'com.apple.security.root';

export const extraRootCa: Detector = {
  id: 'tls.extra-root-ca',
  platforms: ['linux', 'macos', 'windows'],
  capabilities: ['network-traffic'],
  sources: [
    'https://manpages.debian.org/bookworm/ca-certificates/update-ca-certificates.8.en.html',
    'https://www.redhat.com/sysadmin/configure-ca-trust-list',
    'https://help.zscaler.com/unified/choosing-ca-certificate-ssl-inspection',
    'https://mozilla.github.io/policy-templates/#certificates--install',
    'https://developer.apple.com/documentation/devicemanagement/certificateroot',
    'https://github.com/apple-oss-distributions/Security',
  ],
  detect: detectExtraRootCas,
};
