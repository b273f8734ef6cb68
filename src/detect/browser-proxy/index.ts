import type { Snapshot } from '../../snapshot/schema.js';
import { browserPolicies } from '../browser-policies.js';
import { settingEvidence, settingRows, settingSubject } from '../lib.js';
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
    const ev = r.source === 'macos/proxy' ? { ...settingEvidence(r, row, 'setting'), item: macProxySentence(r) } : settingEvidence(r, row, 'setting');
    add(`system\0${r.file ?? r.source}`, r, ev);
  }
  // a configuration profile that carries a proxy payload is where a Mac's system proxy came from
  const mac = byFile.get(`system\0${MAC_PROXY_FILE}`);
  if (mac) {
    (s.packages ?? []).forEach((p, row) => {
      const types = (p.payload_types ?? []).filter((t) => PROXY_PAYLOADS.has(t));
      if (p.source !== 'profile' || !types.length) return;
      mac.evidence.push({ table: 'packages', row, item: `set by the configuration profile "${p.name}"${p.identifier ? ` (${p.identifier})` : ''}${p.publisher ? ` from ${p.publisher}` : ''}: payload ${types.join(', ')}`, what: 'policy' });
    });
  }
  return [...byFile.values()];
}

const MAC_PROXY_FILE = 'scutil --proxy';
// Apple's device-management payloads that set proxies: Global HTTP Proxy and Network Proxy Configuration
const PROXY_PAYLOADS = new Set(['com.apple.proxy.http.global', 'com.apple.SystemConfiguration']);
const MAC_KINDS: Record<string, string> = { HTTPProxy: 'web traffic (HTTP)', HTTPSProxy: 'secure web traffic (HTTPS)', SOCKSProxy: 'network traffic (SOCKS)', FTPProxy: 'FTP traffic', RTSPProxy: 'streaming traffic (RTSP)', GopherProxy: 'Gopher traffic' };

/** The macOS system proxy in plain words: where web traffic goes, or which PAC file decides. */
function macProxySentence(r: Parameters<typeof settingSubject>[0]): string {
  const kind = MAC_KINDS[r.key];
  if (kind) return `this Mac sends ${kind} through a proxy at ${r.value} (${MAC_PROXY_FILE}: ${r.key})`;
  if (r.key === 'ProxyAutoConfigURLString') return `a PAC file at ${r.value} decides which proxy this Mac's web traffic goes through (${MAC_PROXY_FILE}: ProxyAutoConfigEnable 1)`;
  if (r.key === 'ProxyAutoDiscoveryEnable') return `this Mac looks for a PAC file on the network (WPAD) that decides which proxy its web traffic goes through (${MAC_PROXY_FILE}: ProxyAutoDiscoveryEnable 1)`;
  if (r.key === 'ExceptionsList') return `addresses that bypass the proxy: ${r.value} (${MAC_PROXY_FILE}: ExceptionsList)`;
  return `${MAC_PROXY_FILE}: ${r.key} = ${r.value}`;
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
