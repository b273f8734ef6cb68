import { readdirSync, readFileSync } from 'node:fs';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/match/index.js';
import { match } from '../../src/match/match.js';
import { homeNames, redactPath, redactSnapshot, stringsOf, tenantRedactor } from '../../src/privacy/redact.js';
import { buildReport } from '../../src/report/build.js';
import { RENDERERS } from '../../src/report/index.js';
import { loadRuleSet } from '../../src/rules/ruleset.js';
import { TABLE_NAMES } from '../../src/snapshot/constants.js';
import type { Snapshot } from '../../src/snapshot/schema.js';

const DIR = new URL('../../examples/snapshots/', import.meta.url);
const EXAMPLES = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const USER = 'zelda';
const HOST = 'zelda-laptop';
// every form a home path takes, the host name alone and in an FQDN, and the user in a command-line option
const PLANT = [
  `/home/${USER}/.cache/a`, `/Users/${USER}/Library/b`, `C:\\Users\\${USER}\\AppData\\c`, `C:/Users/${USER}/d`, `file:///home/${USER}/e`,
  `\\\\?\\C:\\Users\\${USER}\\f`, `/var/home/${USER}/g`, HOST, `${HOST}.corp.example`, `--user=${USER}`,
].join(' ');

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The example with its own user and host names replaced by planted ones, and planted text in every row of every table. */
function planted(name: string): Snapshot {
  let text = readFileSync(new URL(name, DIR), 'utf8');
  const snap0 = JSON.parse(text) as Snapshot;
  for (const u of homeNames(stringsOf(snap0))) text = text.replace(new RegExp(`(?<![\\w.-])${escapeRe(u)}(?![\\w-])`, 'g'), USER);
  if (snap0.host.hostname) text = text.split(snap0.host.hostname).join(HOST);
  const snap = JSON.parse(text) as Snapshot & Record<string, unknown>;
  snap.host.hostname = HOST;
  (snap.host as Record<string, unknown>).serial_number = 'C02XK1ABJGH5';
  for (const t of TABLE_NAMES) {
    const rows = snap[t] as Record<string, unknown>[] | undefined;
    if (!rows?.length) continue;
    // a copy of every row whose every string field carries the planted names
    for (const row of [...rows]) {
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) copy[k] = typeof v === 'string' ? `${v} ${PLANT}` : Array.isArray(v) ? [...v.map((x) => (typeof x === 'string' ? `${x} ${PLANT}` : x)), PLANT] : v;
      if (t === 'processes') copy.user = USER;
      rows.push(copy);
    }
  }
  for (const c of snap.coverage) c.reason = `${c.reason ?? ''} ${PLANT}`;
  return snap;
}

describe('private by default: planted user and host names reach no output', async () => {
  const { rules, digest } = await loadRuleSet();
  const color = new Chalk({ level: 0 });
  const leaks = (s: string) => new RegExp(`${USER}|C02XK1ABJGH5`, 'i').test(s);

  it.each(EXAMPLES)('%s: every report format and the collect output', (name) => {
    const snap = planted(name);
    const findings = match(snap, buildIndex(rules, snap.host.platform));
    const report = buildReport(snap, findings, { tool: { name: 'bosswatch', version: '0.0.0' }, rules: { count: rules.length, digest }, includeIdentifiers: false });
    // the planted names did reach the report's inputs: evidence, coverage and behaviours
    expect(leaks(JSON.stringify(snap))).toBe(true);
    expect(JSON.stringify(report)).toContain('<user>');
    for (const [format, render] of Object.entries(RENDERERS)) {
      const out = (render as (r: typeof report, o: object) => string)(report, { verbose: true, color, width: 100 });
      expect(leaks(out), `${name} as ${format}: ${out.match(new RegExp(`.{0,60}${USER}.{0,20}`, 'i'))?.[0]}`).toBe(false);
    }
    const collected = JSON.stringify(redactSnapshot(snap, {}), null, 2);
    expect(leaks(collected), collected.match(new RegExp(`.{0,60}${USER}.{0,20}`, 'i'))?.[0]).toBe(false);
    // and --include-identifiers keeps them
    const full = buildReport(snap, findings, { tool: { name: 'bosswatch', version: '0.0.0' }, rules: { count: rules.length, digest }, includeIdentifiers: true });
    expect(full.host.hostname).toBe(HOST);
    expect(JSON.stringify(redactSnapshot(snap, { includeIdentifiers: true }))).toContain(USER);
  });

  it('redaction is idempotent (a redacted snapshot scans to the same snapshot digest)', () => {
    for (const name of EXAMPLES) {
      const once = redactSnapshot(planted(name));
      expect(redactSnapshot(once)).toEqual(once);
    }
  });
});

describe('redaction rules', () => {
  it('replaces the user in every path form and keeps shared profile folders', () => {
    expect(redactPath('C:\\Users\\John Smith\\AppData\\x')).toBe('C:\\Users\\<user>\\AppData\\x');
    expect(redactPath('"C:\\\\Users\\\\bob\\\\x"')).toBe('"C:\\\\Users\\\\<user>\\\\x"');
    expect(redactPath('file:///home/bob/x')).toBe('file:///home/<user>/x');
    expect(redactPath('\\\\?\\C:\\Users\\bob\\x')).toBe('\\\\?\\C:\\Users\\<user>\\x');
    expect(redactPath('C:/Users/bob/x and /Users/bob and /home/bob')).toBe('C:/Users/<user>/x and /Users/<user> and /home/<user>');
    expect(redactPath('C:\\Users\\Public\\x /Users/Shared/y C:\\Users\\Default\\z')).toBe('C:\\Users\\Public\\x /Users/Shared/y C:\\Users\\Default\\z');
  });

  it('keeps the tenant by default; --redact-tenant replaces the labels a rule wildcard matches', () => {
    const snap = { host: { platform: 'linux' }, network: [{ host: 'contoso.teramind.co', source: 'dns' }, { host: 'teramind.co', source: 'dns' }], coverage: [] };
    expect(redactSnapshot(snap)).toEqual(snap);
    const r = redactSnapshot(snap, { redactTenant: true, tenantSuffixes: ['teramind.co'] });
    expect(r.network.map((n) => n.host)).toEqual(['<tenant>.teramind.co', 'teramind.co']);
    expect(tenantRedactor(['teramind.co'])('--server=a.b.Teramind.co:443')).toBe('--server=<tenant>.Teramind.co:443');
  });

  it('keeps system accounts in process users, replaces people', () => {
    const snap = { host: { platform: 'linux' }, processes: [{ pid: 1, name: 'a', user: 'root' }, { pid: 2, name: 'b', user: 'alice' }, { pid: 3, name: 'c', user: 'NT AUTHORITY\\SYSTEM' }, { pid: 4, name: 'd', cmdline: 'x --for alice' }], coverage: [] };
    const r = redactSnapshot(snap);
    expect(r.processes.map((p) => p.user)).toEqual(['root', '<user>', 'NT AUTHORITY\\SYSTEM', undefined]);
    expect(r.processes[3].cmdline).toBe('x --for <user>');
  });
});
