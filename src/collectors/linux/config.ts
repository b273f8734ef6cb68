import { readdirSync, statSync } from 'node:fs';
import type { CertificateRow, CoverageRow, SettingRow } from '../../snapshot/schema.js';
import { chromiumPolicyRows, claudeManagedRows, CLAUDE_MANAGED_SETTINGS, firefoxPolicyRows } from '../shared/policies.js';
import { readSmall as read } from '../shared/read.js';
import type { Collector, CollectorResult } from '../types.js';
import { reason } from '../shared/reason.js';

// Facts an administrator configures: session recording, library preloading, browser and AI-tool policies, added root CAs.

const list = (d: string, filter: (n: string) => boolean = () => true) => {
  try {
    return readdirSync(d).filter(filter).sort();
  } catch {
    return [];
  }
};

/** Active (not commented) pam_tty_audit lines of one PAM file. */
export function pamTtyAuditLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && /\bpam_tty_audit(\.so)?\b/.test(l));
}

/** Libraries named in /etc/ld.so.preload (whitespace or newline separated, # comments). */
export function ldSoPreload(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .flatMap((l) => l.split(/[\s:]+/))
    .filter(Boolean);
}

/** LD_PRELOAD and LD_AUDIT from a NUL-separated /proc/<pid>/environ; nothing else is kept. */
export function preloadFromEnviron(environ: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const kv of environ.split('\0')) {
    const m = /^(LD_PRELOAD|LD_AUDIT)=(.*)$/s.exec(kv);
    if (m && m[2].trim()) out.push({ name: m[1], value: m[2].trim() });
  }
  return out;
}

/** Users whose login shell is tlog's recording shell, from /etc/passwd. */
export function tlogShellUsers(passwd: string): string[] {
  return passwd
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 7 && /\btlog-rec-session$/.test(f[6].trim()))
    .map((f) => f[0]);
}

/** The [session_recording] section of an SSSD configuration: scope, users, groups. */
export function sssdSessionRecording(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let inSection = false;
  for (const raw of text.split('\n')) {
    const l = raw.trim();
    if (!l || l.startsWith('#') || l.startsWith(';')) continue;
    const sec = /^\[(.+)\]$/.exec(l);
    if (sec) {
      inSection = sec[1].trim() === 'session_recording';
      continue;
    }
    const kv = /^([A-Za-z_]+)\s*=\s*(.*)$/.exec(l);
    if (inSection && kv) out[kv[1]] = kv[2].trim();
  }
  return out;
}

/** PEM certificates in one file, with subject, issuer, SHA-256 fingerprint and end date (node:crypto). */
export async function parsePemCertificates(text: string, file: string, source: string, store: string): Promise<CertificateRow[]> {
  const { X509Certificate } = await import('node:crypto');
  const rows: CertificateRow[] = [];
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  for (const pem of blocks) {
    try {
      const c = new X509Certificate(pem);
      rows.push({ source, file, store, subject: c.subject.replace(/\n/g, ', '), issuer: c.issuer.replace(/\n/g, ', '), fingerprint: c.fingerprint256, not_after: new Date(c.validTo).toISOString(), ca: c.ca });
    } catch {
      // not a certificate node can read: skipped
    }
  }
  return rows;
}

// Chromium policy folders: https://chromium.googlesource.com/chromium/src/+/main/docs/enterprise/policies.md (Linux)
const CHROMIUM_POLICY_DIRS: [string, string][] = [
  ['chrome', '/etc/opt/chrome/policies/managed'],
  ['chromium', '/etc/chromium/policies/managed'],
  ['chromium', '/etc/chromium-browser/policies/managed'],
  ['edge', '/etc/opt/edge/policies/managed'],
  ['brave', '/etc/brave/policies/managed'],
];
const FIREFOX_POLICIES = ['/etc/firefox/policies/policies.json', '/usr/lib/firefox/distribution/policies.json', '/usr/lib/firefox-esr/distribution/policies.json', '/usr/lib64/firefox/distribution/policies.json'];
// Local additions to the system trust store (Debian/Ubuntu, Fedora/RHEL, Arch).
const CA_DIRS = ['/usr/local/share/ca-certificates', '/etc/pki/ca-trust/source/anchors', '/etc/ca-certificates/trust-source/anchors'];

function walkFiles(dir: string, depth = 2): string[] {
  const out: string[] = [];
  for (const n of list(dir)) {
    const p = `${dir}/${n}`;
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory() && depth > 0) out.push(...walkFiles(p, depth - 1));
    else if (st.isFile() && st.size < 1024 * 1024) out.push(p);
  }
  return out;
}

export const configCollector: Collector = {
  id: 'linux/config',
  tables: ['settings', 'certificates'],
  async collect(ctx): Promise<CollectorResult> {
    const settings: SettingRow[] = [];
    const id = this.id;
    for (const f of list('/etc/pam.d')) {
      for (const line of pamTtyAuditLines(read(`/etc/pam.d/${f}`) ?? '')) settings.push({ source: 'linux/pam', app: 'system', file: `/etc/pam.d/${f}`, key: 'pam_tty_audit', value: line });
    }
    const passwd = read('/etc/passwd') ?? '';
    for (const u of tlogShellUsers(passwd)) settings.push({ source: 'linux/tlog', app: 'tlog', file: '/etc/passwd', key: 'login shell tlog-rec-session', value: u });
    for (const f of ['/etc/sssd/sssd.conf', ...list('/etc/sssd/conf.d', (n) => n.endsWith('.conf')).map((n) => `/etc/sssd/conf.d/${n}`)]) {
      const text = read(f);
      if (!text) continue;
      for (const [k, v] of Object.entries(sssdSessionRecording(text))) settings.push({ source: 'linux/tlog', app: 'sssd', file: f, key: `session_recording ${k}`, value: v });
    }
    const preload = read('/etc/ld.so.preload');
    if (preload) for (const lib of ldSoPreload(preload)) settings.push({ source: 'linux/preload', app: 'system', file: '/etc/ld.so.preload', key: 'ld.so.preload', value: lib });
    let environUnreadable = 0;
    for (const pid of list('/proc', (n) => /^\d+$/.test(n))) {
      const env = read(`/proc/${pid}/environ`);
      if (env === undefined) {
        environUnreadable++;
        continue;
      }
      for (const v of preloadFromEnviron(env)) settings.push({ source: 'linux/preload', app: 'process', key: v.name, value: v.value, pid: Number(pid) });
    }
    for (const [app, dir] of CHROMIUM_POLICY_DIRS) {
      for (const f of list(dir, (n) => n.endsWith('.json'))) settings.push(...chromiumPolicyRows(read(`${dir}/${f}`) ?? '', `${dir}/${f}`, app, 'linux/browser-policies'));
    }
    for (const f of FIREFOX_POLICIES) {
      const text = read(f);
      if (text) settings.push(...firefoxPolicyRows(text, f, 'linux/browser-policies'));
    }
    for (const f of CLAUDE_MANAGED_SETTINGS.linux) {
      const text = read(f);
      if (text) settings.push(...claudeManagedRows(text, f, 'linux/ai-settings'));
    }
    const certificates: CertificateRow[] = [];
    for (const dir of CA_DIRS) {
      for (const f of walkFiles(dir)) {
        const text = read(f);
        if (text) certificates.push(...(await parsePemCertificates(text, f, 'linux/ca-store', 'system')));
      }
    }
    const coverage: CoverageRow[] = [
      environUnreadable && !ctx.elevated
        ? { source: id, table: 'settings', status: 'partial', ...reason('ld-preload-need-sudo', { count: environUnreadable }) }
        : { source: id, table: 'settings', status: 'ok' },
      { source: id, table: 'certificates', status: 'ok' },
    ];
    return { tables: { settings, certificates }, coverage };
  },
};
