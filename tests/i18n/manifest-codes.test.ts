import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageSplit } from '../../src/evidence/manifest.js';
import { CATALOGUES, LANGS, translator, type MessageKey } from '../../src/i18n/index.js';
import { codesOfReason, coverageReason } from '../../src/report/reason.js';
import { ReportSchema } from '../../src/report/schema.js';

// The manifest's not_checked rows (what could not be read, and why) carry the reason's message code like the report's
// coverage rows, so a reader in any language gets the reason in words from the catalogues, not our English.
const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const EXAMPLES = new URL('../../examples/snapshots/', import.meta.url).pathname;
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const live = join(mkdtempSync(join(tmpdir(), 'bw-nc-')), 'live.json');
const SNAPSHOTS = [...readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => join(EXAMPLES, f)), live];

interface Row { table: string; source: string; status: string; reason?: string; code?: string; params?: Record<string, string | number>; more?: { code: string; params?: Record<string, string | number> }[] }

describe('manifest not_checked rows have message codes', () => {
  it('collects this computer for the live case', () => {
    expect(run(['collect', '--output', live]).status).toBe(0);
  });

  it.each(SNAPSHOTS.map((f) => [f.slice(f.lastIndexOf('/') + 1), f]))('%s: every row not read fully says its reason by code, in English and Spanish', (_n, file) => {
    const r = run(['scan', '--snapshot', file, '--format', 'json']);
    expect([0, 1], r.stderr).toContain(r.status);
    const report = JSON.parse(r.stdout) as { coverage: Row[]; manifest: { not_checked: Row[] } };
    expect(ReportSchema.safeParse(report).success).toBe(true);
    // the same rows as the report's coverage that are not ok, each with a code wherever one of our templates made its reason
    expect(report.manifest.not_checked.map((n) => [n.table, n.source, n.status])).toEqual(report.coverage.filter((c) => c.status !== 'ok').map((c) => [c.table, c.source, c.status]));
    for (const n of report.manifest.not_checked) {
      if (!n.code) {
        // only a collector's own words (the system's message) may go without: none of our templates made them
        expect(n.reason && codesOfReason(n.reason), JSON.stringify(n)).toBeFalsy();
        continue;
      }
      for (const code of [n.code, ...(n.more ?? []).map((m) => m.code)]) for (const lang of LANGS) expect(CATALOGUES[lang], `${lang} reason.${code}`).toHaveProperty([`reason.${code}`]);
      const es = coverageReason(translator('es'), { code: n.code, params: n.params, more: n.more });
      expect(es?.machine).toBe(false);
      expect(es?.text, JSON.stringify(n)).not.toMatch(/\{[a-z_]+\}/);
      // the English words from the code are the English reason the row carries
      if (n.reason) expect(coverageReason(translator('en'), { code: n.code, params: n.params, more: n.more })?.text).toBe(n.reason);
    }
  });

  it('recognises the code of a reason written before codes, sentence by sentence, and leaves system text without one', () => {
    const en = CATALOGUES.en as Record<MessageKey, string>;
    const tool = en['reason.tool-missing' as MessageKey].replace('{tool}', 'lsof');
    const split = coverageSplit(
      [
        { table: 'network', source: 'macos/lsof', status: 'unavailable', reason: tool },
        { table: 'settings', source: 'macos/profiles', status: 'partial', reason: `${en['reason.profiles-need-sudo' as MessageKey]} ${tool}` },
        { table: 'drivers', source: 'x', status: 'error', reason: 'EIO: i/o error, read' },
        { table: 'apps', source: 'y', status: 'ok' },
      ],
      codesOfReason,
    );
    expect(split.checked).toEqual(['apps']);
    expect(split.not_checked.map(({ reason: _r, ...n }) => n)).toEqual([
      { table: 'network', source: 'macos/lsof', status: 'unavailable', code: 'tool-missing', params: { tool: 'lsof' } },
      { table: 'settings', source: 'macos/profiles', status: 'partial', code: 'profiles-need-sudo', more: [{ code: 'tool-missing', params: { tool: 'lsof' } }] },
      { table: 'drivers', source: 'x', status: 'error' },
    ]);
    // and the report says that joined English reason in Spanish, both notes (it was once read as one {tool} value)
    const es = CATALOGUES.es as Record<MessageKey, string>;
    expect(coverageReason(translator('es'), { reason: `${en['reason.profiles-need-sudo' as MessageKey]} ${tool}` })).toEqual({
      text: `${es['reason.profiles-need-sudo' as MessageKey]} ${es['reason.tool-missing' as MessageKey].replace('{tool}', 'lsof')}`,
      machine: false,
    });
  });
});
