import { PAC_INLINE, PAC_NONE } from '../../snapshot/constants.js';
import type { Snapshot } from '../../snapshot/schema.js';
import { browserPolicies } from '../browser-policies.js';
import { said, settingEvidence, settingRows, settingSubject } from '../lib.js';
import type { DetectKey } from '../messages.js';
import type { BehaviourEvidence, BehaviourFinding, Detector } from '../types.js';

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const CHROMIUM_ON = new Set(['fixed_servers', 'pac_script']);
const FIREFOX_ON = new Set(['manual', 'autoConfig']);

/** Proxy policies that send traffic through a named proxy or a PAC script (not "direct", "system" or auto-detect). */
export function detectProxy(s: Snapshot): BehaviourFinding[] {
  const byFile = new Map<string, BehaviourFinding>();
  const add = (key: string, r: Parameters<typeof settingSubject>[0], ev: BehaviourEvidence) => {
    const f = byFile.get(key);
    if (f) f.evidence.push(ev);
    else byFile.set(key, { id: 'browser.proxy', capabilities: ['web-history', 'network-traffic'], confidence: 'medium', subject: settingSubject(r), evidence: [ev] });
  };
  for (const p of browserPolicies(s)) {
    const where = `${p.app}\0${p.r.file ?? p.r.key}`;
    const v = p.value;
    const on =
      (p.policy === 'ProxyMode' && typeof v === 'string' && CHROMIUM_ON.has(v)) ||
      ((p.policy === 'ProxyServer' || p.policy === 'ProxyPacUrl') && typeof v === 'string' && v.trim() !== '') ||
      (p.policy === 'ProxySettings' && isObj(v) && typeof v.ProxyMode === 'string' && CHROMIUM_ON.has(v.ProxyMode)) ||
      (p.app === 'firefox' && p.policy === 'Proxy' && isObj(v) && typeof v.Mode === 'string' && FIREFOX_ON.has(v.Mode));
    if (on) add(where, p.r, settingEvidence(p.r, p.row, 'policy'));
  }
  // system-wide proxies (macOS scutil --proxy, Windows Internet Settings) collected as settings with app "system-proxy"
  for (const { r, row } of settingRows(s, (x) => x.app === 'system-proxy' && x.value !== undefined && x.value !== '' && x.value !== '0')) {
    const ev = r.source === 'macos/proxy' ? { ...settingEvidence(r, row, 'setting'), ...macProxySentence(r) } : settingEvidence(r, row, 'setting');
    add(`system\0${r.file ?? r.source}`, r, ev);
  }
  // a configuration profile that carries a proxy payload is where a Mac's system proxy came from
  const mac = byFile.get(`system\0${MAC_PROXY_FILE}`);
  if (mac) {
    (s.packages ?? []).forEach((p, row) => {
      const types = (p.payload_types ?? []).filter((t) => PROXY_PAYLOADS.has(t));
      if (p.source !== 'profile' || !types.length) return;
      mac.evidence.push({ table: 'packages', row, ...said('detect.proxy.profile', { profile: p.name, id: p.identifier || undefined, publisher: p.publisher || undefined, payloads: types.join(', ') }), what: 'policy' });
    });
  }
  return [...byFile.values()];
}

const MAC_PROXY_FILE = 'scutil --proxy';
// Apple's device-management payloads that set proxies: Global HTTP Proxy and Network Proxy Configuration
const PROXY_PAYLOADS = new Set(['com.apple.proxy.http.global', 'com.apple.SystemConfiguration']);
const MAC_KINDS: Record<string, DetectKey> = {
  HTTPProxy: 'detect.proxy.mac.http',
  HTTPSProxy: 'detect.proxy.mac.https',
  SOCKSProxy: 'detect.proxy.mac.socks',
  FTPProxy: 'detect.proxy.mac.ftp',
  RTSPProxy: 'detect.proxy.mac.rtsp',
  GopherProxy: 'detect.proxy.mac.gopher',
};

/** The macOS system proxy in plain words: where web traffic goes, or which PAC file decides. */
function macProxySentence(r: Parameters<typeof settingSubject>[0]) {
  const kind = Object.hasOwn(MAC_KINDS, r.key) ? MAC_KINDS[r.key] : undefined;
  const source = MAC_PROXY_FILE;
  if (kind) return said(kind, { proxy: r.value, source, key: r.key });
  // the collector's stand-ins for a PAC without an address are our words, said in the reader's language
  if (r.key === 'ProxyAutoConfigURLString' && r.value === PAC_INLINE) return said('detect.proxy.mac.pac-inline', { source });
  if (r.key === 'ProxyAutoConfigURLString' && r.value === PAC_NONE) return said('detect.proxy.mac.pac-none', { source });
  if (r.key === 'ProxyAutoConfigURLString') return said('detect.proxy.mac.pac', { url: r.value, source });
  if (r.key === 'ProxyAutoDiscoveryEnable') return said('detect.proxy.mac.wpad', { source });
  if (r.key === 'ExceptionsList') return said('detect.proxy.mac.exceptions', { list: r.value, source });
  return said('detect.setting', { where: source, name: r.key, value: r.value });
}

export const browserProxy: Detector = {
  id: 'browser.proxy',
  platforms: ['linux', 'macos', 'windows'],
  capabilities: ['web-history', 'network-traffic'],
  sources: [
    'https://chromeenterprise.google/policies/#ProxySettings',
    'https://chromeenterprise.google/policies/#ProxyMode',
    'https://mozilla.github.io/policy-templates/#proxy',
    'https://developer.apple.com/documentation/devicemanagement/globalhttpproxy',
    'https://developer.apple.com/documentation/devicemanagement/networkproxyconfiguration',
  ],
  detect: detectProxy,
};
