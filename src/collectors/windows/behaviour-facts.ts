import type { CertificateRow, CoverageRow, SettingRow } from '../../snapshot/schema.js';
import { claudeManagedRows } from '../shared/policies.js';
import { asArray, isRecord, shortKey, str } from './util.js';
import { joinReasons, why } from '../shared/reason.js';

// The inventory script's behaviour_facts section: registry values, policy-pushed root certificates, AI-tool managed
// settings and WMI event consumers, as settings and certificates rows for src/detect.

const SOURCE = 'windows/behaviour-facts';
const BROWSER_KEYS: [RegExp, string][] = [
  [/\\Policies\\Google\\Chrome$/i, 'chrome'],
  [/\\Policies\\Microsoft\\Edge$/i, 'edge'],
  [/\\Policies\\BraveSoftware\\Brave$/i, 'brave'],
  [/\\Policies\\Chromium$/i, 'chromium'],
];

const appOf = (key: string): string => {
  for (const [re, app] of BROWSER_KEYS) if (re.test(key)) return app;
  if (/\\Enrollments\\[^\\]+$/i.test(key)) return 'mdm-enrollment';
  if (/\\Internet Settings$/i.test(key)) return 'system-proxy';
  return 'windows';
};

const valueText = (v: unknown): string | undefined => {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map((x) => String(x)).join('\n');
  return typeof v === 'string' ? v : String(v);
};

export interface BehaviourFacts {
  settings: SettingRow[];
  certificates: CertificateRow[];
  coverage: CoverageRow[];
}

export function behaviourFactRows(data: Record<string, unknown>): BehaviourFacts {
  const settings: SettingRow[] = [];
  for (const k of asArray(data.keys)) {
    if (!isRecord(k) || !str(k.key) || !isRecord(k.values)) continue;
    const key = shortKey(str(k.key)!);
    const app = appOf(key);
    const scope = key.startsWith('HKCU') ? 'user' : /\\Policies\\/i.test(key) ? 'policy' : 'machine';
    const values = k.values as Record<string, unknown>;
    if (app === 'system-proxy') {
      // ProxyServer counts only while ProxyEnable is 1; a PAC address always applies
      const enabled = String(values.ProxyEnable ?? '') === '1';
      for (const name of ['ProxyServer', 'AutoConfigURL']) {
        const v = valueText(values[name]);
        if (v && (name === 'AutoConfigURL' || enabled)) settings.push({ source: SOURCE, app, file: key, key: name, value: v, scope });
      }
      continue;
    }
    for (const [name, v] of Object.entries(values)) {
      const value = valueText(v);
      if (value !== undefined) settings.push({ source: SOURCE, app, file: key, key: name, value, scope });
    }
  }
  const certificates: CertificateRow[] = [];
  for (const c of asArray(data.certificates)) {
    if (!isRecord(c) || !str(c.thumbprint)) continue;
    const row: CertificateRow = { source: 'windows/policy-certificates', store: shortKey(str(c.store) ?? ''), subject: str(c.subject) ?? `thumbprint ${str(c.thumbprint)}`, fingerprint: str(c.thumbprint) };
    if (str(c.issuer)) row.issuer = str(c.issuer);
    if (str(c.not_after)) row.not_after = str(c.not_after);
    certificates.push(row);
  }
  for (const f of asArray(data.files)) {
    if (isRecord(f) && str(f.path) && str(f.text)) settings.push(...claudeManagedRows(str(f.text)!, str(f.path)!, 'windows/ai-settings'));
  }
  const coverage: CoverageRow[] = [];
  const wmi = isRecord(data.wmi) ? data.wmi : {};
  for (const c of asArray(wmi.consumers)) {
    if (!isRecord(c) || !str(c.class) || !str(c.name)) continue;
    const value = str(c.command) ?? str(c.executable) ?? str(c.script_file) ?? str(c.engine);
    settings.push({ source: 'windows/wmi', app: 'wmi', key: str(c.class)!, ...(str(c.name) ? { name: str(c.name) } : {}), ...(value ? { value } : {}) });
  }
  for (const b of asArray(wmi.bindings)) {
    if (isRecord(b) && (str(b.filter) || str(b.consumer))) settings.push({ source: 'windows/wmi', app: 'wmi', key: '__FilterToConsumerBinding', value: `${str(b.filter) ?? '?'} -> ${str(b.consumer) ?? '?'}` });
  }
  const err = str(wmi.error);
  if (err) {
    const denied = /access (is )?denied|0x80041003/i.test(err);
    coverage.push({ source: 'windows/wmi-subscriptions', table: 'settings', status: denied ? 'denied' : 'error', ...joinReasons([why('win-wmi-failed', { detail: err.slice(0, 200) }), ...(denied ? [why('win-elevate')] : [])]) });
  } else coverage.push({ source: 'windows/wmi-subscriptions', table: 'settings', status: 'ok' });
  return { settings, certificates, coverage };
}
