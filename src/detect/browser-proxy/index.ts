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
    add(`system\0${r.file ?? r.source}`, r, settingEvidence(r, row, 'setting'));
  }
  return [...byFile.values()];
}

export const browserProxy: Detector = {
  id: 'browser.proxy',
  platforms: ['linux', 'macos', 'windows'],
  capabilities: ['web-history', 'network-traffic'],
  sources: ['https://chromeenterprise.google/policies/#ProxySettings', 'https://chromeenterprise.google/policies/#ProxyMode', 'https://mozilla.github.io/policy-templates/#proxy'],
  detect: detectProxy,
};
