import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/match/index.js';
import { match } from '../../src/match/match.js';
import type { RuntimeRule } from '../../src/match/types.js';
import { buildReport, redactPath } from '../../src/report/build.js';
import { escapeHtml, escapeTerminal } from '../../src/report/escape.js';
import { ReportSchema } from '../../src/report/schema.js';
import { renderHtml } from '../../src/report/html.js';
import { renderTerminal } from '../../src/report/terminal.js';
import type { Snapshot } from '../../src/snapshot/schema.js';

const rule: RuntimeRule = {
  id: 'agentx', name: 'AgentX', vendor: 'AgentX Ltd', category: 'employee-monitoring', website: 'https://agentx.example/', summary: 'Watches.',
  capabilities: [{ id: 'screenshots', default: 'on', source: 'https://agentx.example/docs' }, { id: 'keystrokes', default: 'configurable', source: 'https://agentx.example/keys' }],
  hidden_mode: { supported: 'yes', source: 'https://agentx.example/stealth' },
  indicators: { linux: { paths: ['/opt/agentx'] } }, references: [{ url: 'https://agentx.example/docs' }], last_reviewed: '2026-11-23',
};

const snapshot: Snapshot = {
  format: 'bosswatch-snapshot', version: 1, collected_at: '2026-11-23T10:00:00Z',
  host: { platform: 'linux', os_version: 'Ubuntu 24.04', hostname: 'bob-pc' },
  processes: [
    { pid: 10, name: 'agentx', path: '/opt/agentx/bin/agentx', user: 'bob' },
    { pid: 11, name: 'Xorg', path: '/usr/lib/xorg/Xorg' },
    { pid: 12, name: 'kl', path: '/home/bob/.cache/kl' },
  ],
  files: [{ path: '/opt/agentx' }, { path: '/home/bob/.config/x' }],
  device_access: [{ pid: 11, device: '/dev/input/event2', kind: 'input' }, { pid: 12, device: '/dev/input/event3', kind: 'input' }],
  coverage: [{ source: 'linux/proc', table: 'processes', status: 'partial', reason: 'paths under /home/bob hidden' }],
};

const build = (includeIdentifiers = false) =>
  buildReport(snapshot, match(snapshot, buildIndex([rule], 'linux')), { tool: { name: 'bosswatch', version: '0.0.0' }, rules: { count: 1, digest: 'sha256:' + '0'.repeat(64) }, includeIdentifiers });

describe('report', () => {
  it('follows the report schema and says whether the product is running', () => {
    const r = build();
    expect(ReportSchema.safeParse(r).success).toBe(true);
    expect(r.findings[0]).toMatchObject({ rule: 'agentx', confidence: 'high', running: true, category_label: 'Employee monitoring' });
    expect(r.checked).toEqual({ processes: 3, files: 2, device_access: 2 });
  });

  it('redacts host and user names unless identifiers are requested', () => {
    const r = build();
    expect(JSON.stringify(r)).not.toMatch(/bob/);
    const reader = r.behaviours!.find((b) => b.id === 'input.device-reader')!;
    expect(reader.subject).toEqual({ kind: 'process', pid: 12, name: 'kl', path: '/home/<user>/.cache/kl' });
    expect(r.behaviours!.some((b) => b.subject.kind === 'process' && b.subject.pid === 11)).toBe(false);
    expect(r.coverage[0].reason).toBe('paths under /home/<user> hidden');
    expect(build(true).host.hostname).toBe('bob-pc');
    expect(redactPath('C:\\Users\\Bob\\AppData\\x')).toBe('C:\\Users\\<user>\\AppData\\x');
    expect(redactPath('C:\\Users\\Public\\x')).toBe('C:\\Users\\Public\\x');
    expect(redactPath('/Users/Shared/x')).toBe('/Users/Shared/x');
  });

  it('renders findings, capabilities, unusual input readers, coverage and the honest footer', () => {
    const text = renderTerminal(build(), { verbose: false, color: new Chalk({ level: 0 }) });
    const flat = text.replace(/\n\s*/g, ' ');
    expect(text.split('\n')[0]).toBe('Found on this computer: 1 monitoring product (1 with high confidence) and 1');
    expect(flat).toContain('AgentX — Employee monitoring: can capture keystrokes and screenshots; running now; can run hidden; high confidence.');
    expect(text).toContain('● AgentX · Employee monitoring · high confidence');
    expect(flat).toContain('Takes pictures of your screen, on a timer or when something happens. (on by default)');
    expect(flat).toContain('Records the keys you type, including the text itself. (if the employer turns it on)');
    expect(text).toContain('Can run hidden');
    expect(text).toContain('◆ A program reads the keyboard or mouse directly · medium confidence');
    expect(text).toContain('kl (pid 12) /home/<user>/.cache/kl');
    expect(text).toContain('open input device: /dev/input/event3');
    expect(text).toContain('more: bosswatch explain input.device-reader');
    expect(text).not.toContain('Xorg (');
    expect(flat).toContain('running programs (partly): paths under /home/<user> hidden');
    expect(flat).toContain('finding nothing is not proof of no monitoring');
    expect(text).not.toContain('\u001b[');
    expect(renderTerminal(build(), { verbose: true, color: new Chalk({ level: 1 }) })).toContain('\u001b[');
    expect(renderTerminal(build(), { verbose: true, color: new Chalk({ level: 0 }) })).toContain('source: https://agentx.example/keys');
  });
});

describe('html report', () => {
  it('is one page without scripts, with the machine\'s text escaped', () => {
    const r = build();
    r.findings[0].evidence[0].item = '/opt/agentx/<script>alert(1)</script>';
    const page = renderHtml(r);
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(page).toContain('high confidence');
    expect(page).toContain('Takes pictures of your screen');
    expect(page).toContain('Host and user names are left out of this report.');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain('<details>');
  });
});

describe('escaping', () => {
  it('neutralises terminal control sequences and bidi overrides', () => {
    expect(escapeTerminal('a\u001b[31mb\u0007\u009b\u202ec')).toBe('a\\x1b[31mb\\x07\\x9b\\u202ec');
    expect(escapeTerminal('line1\nline2')).toBe('line1 line2');
  });
  it('escapes HTML', () => {
    expect(escapeHtml('<img src=x onerror="a">&')).toBe('&#60;img src=x onerror=&#34;a&#34;&#62;&#38;');
  });
});

describe('colour', () => {
  it('the chalk-free plain colour renders exactly like chalk at level 0', async () => {
    const { plainColor, makeColor } = await import('../../src/cli.js');
    const r = build();
    expect(renderTerminal(r, { verbose: true, color: plainColor() })).toBe(renderTerminal(r, { verbose: true, color: new Chalk({ level: 0 }) }));
    expect((await makeColor({ color: false }, {}, true)).level).toBe(0);
    expect((await makeColor({}, { NO_COLOR: '1' }, true)).level).toBe(0);
    expect((await makeColor({ output: 'x.txt' }, {}, true)).level).toBe(0);
    expect((await makeColor({}, {}, false)).level).toBe(0);
  });
});

describe('what could not be checked', () => {
  it('reads well after the colon in English and Spanish, whatever case the reason starts with', async () => {
    const { afterColon, buildView } = await import('../../src/report/view.js');
    expect(afterColon('No root access, so other users\' programs were not read')).toBe('no root access, so other users\' programs were not read');
    expect(afterColon('Sin root, así que no se leyeron')).toBe('sin root, así que no se leyeron');
    for (const kept of ['Windows PowerShell was not found', 'PowerShell was blocked', 'MDM says', 'Team IDs were read', 'codesign is not available', '/proc was hidden'])
      expect(afterColon(kept)).toBe(kept);
    const report = { ...build(), coverage: [{ table: 'processes', source: 'x', status: 'partial', reason: 'No root access, so other users\' programs were not read' }] } as ReturnType<typeof build>;
    expect(buildView(report, 'en').notChecked.lines).toEqual(['running programs (partly): no root access, so other users\' programs were not read']);
    expect(buildView(report, 'es').notChecked.lines[0]).toMatch(/^programas en ejecución \(solo en parte\): no root access/);
  });
});
