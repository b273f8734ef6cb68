import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FleetAccumulator, parseMinGroup } from '../../src/fleet/summary.js';
import { suppress, type TRow } from '../../src/fleet/suppress.js';

const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const EXAMPLES = new URL('../../examples/snapshots/', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('fleet', () => {
  it('summarises reports and snapshots of any OS, lists and skips what is not a bosswatch file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bw-fleet-'));
    for (const f of ['windows-monitored.json', 'macos-monitored.json', 'ubuntu-clean.json']) copyFileSync(path.join(EXAMPLES, f), path.join(dir, f));
    writeFileSync(path.join(dir, 'r1.json'), run('scan', '--snapshot', path.join(EXAMPLES, 'ubuntu-monitored.json'), '--format', 'json').stdout);
    writeFileSync(path.join(dir, 'broken.json'), '{"format": "bosswatch-report", ');
    writeFileSync(path.join(dir, 'other\u001b[31m.json'), '{"hello": 1}');
    const r = run('fleet', dir, '--format', 'json', '--min-group', '2');
    expect(r.status).toBe(1);
    const s = JSON.parse(r.stdout);
    expect(s.inputs).toMatchObject({ given: 6, used: 4, reports: 1, snapshots: 3, skipped: 2 });
    // Windows 1 + macOS 1 beside Linux 2 and the 4 files used would give both away: Linux is withheld
    expect(s.machines).toEqual({ total: 4, by_platform: { windows: { fewer_than: 2 }, macos: { fewer_than: 2 }, linux: { withheld: true } } });
    const teramind = s.products.find((p: { id: string }) => p.id === 'teramind');
    // the 0 beside them is hidden too, or 2 - 0 would make each "fewer than 2" a 1
    expect(teramind).toMatchObject({ machines: 2, by_platform: { windows: { fewer_than: 2 }, macos: { fewer_than: 2 }, linux: { fewer_than: 2 } } });
    expect(teramind.capabilities).toContain('keystrokes');
    expect(s.capabilities.some((c: { id: string }) => c.id === 'keystrokes')).toBe(true);
    // the terminal shows the skipped files, their names escaped
    const t = run('fleet', dir, '--min-group', '2');
    expect(t.stdout).toContain('4 of 6 files used');
    expect(t.stdout).toContain('other\\x1b[31m.json: not a bosswatch report or snapshot');
    expect(t.stdout).not.toContain('\u001b');
    for (const format of ['markdown', 'html', 'csv']) {
      const o = run('fleet', dir, '--format', format);
      expect(o.status, format).toBe(1);
      expect(o.stdout, format).toContain('Teramind');
      expect(o.stdout, format).not.toContain('\u001b');
    }
    // default minimum group 5: every product count of this small set is held back
    const d = JSON.parse(run('fleet', dir, '--format', 'json').stdout);
    expect(d.min_group).toBe(5);
    for (const p of d.products) expect(p.machines).toEqual({ fewer_than: 5 });
  });

  it('refuses a minimum group under 2 and input with nothing usable (exit 2)', () => {
    expect(() => parseMinGroup('1')).toThrow(/at least 2/);
    expect(() => parseMinGroup('2.5')).toThrow(/at least 2/);
    expect(parseMinGroup('7')).toBe(7);
    expect(run('fleet', EXAMPLES, '--min-group', '1').status).toBe(2);
    const dir = mkdtempSync(path.join(tmpdir(), 'bw-fleet-'));
    writeFileSync(path.join(dir, 'x.json'), '[]');
    expect(run('fleet', dir).status).toBe(2);
  });

  it('withholds a second count when one held-back count would follow by subtraction', () => {
    const row = (n: TRow['n']): TRow[] => [
      { kind: 'header', id: '', n: { windows: 20, macos: 20, linux: 20 }, caps: [] },
      { kind: 'product', id: 'a', n, caps: [] },
    ];
    // 9 + 1 + 0 = 10: the 0 beside the hidden 1 is hidden too, and macOS + Linux = 1 would be a group of one
    expect(suppress(row({ windows: 9, macos: 1, linux: 0 }), 5)[1]).toEqual([{ withheld: true }, { fewer: true }, { fewer: true }, { n: 10 }]);
    // 9 + 1 + 7 = 17: the 1 alone would follow by subtraction, so the smaller other count is withheld
    expect(suppress(row({ windows: 9, macos: 1, linux: 7 }), 5)[1]).toEqual([{ n: 9 }, { fewer: true }, { withheld: true }, { n: 17 }]);
    // 9 + 2 + 3 = 14: the hidden pair sums to 5, not under 5, and neither is pinned
    expect(suppress(row({ windows: 9, macos: 2, linux: 3 }), 5)[1]).toEqual([{ n: 9 }, { fewer: true }, { fewer: true }, { n: 14 }]);
    // 9 + 1 + 3 = 13: the pair sums to 4, itself a small group
    expect(suppress(row({ windows: 9, macos: 1, linux: 3 }), 5)[1]).toEqual([{ withheld: true }, { fewer: true }, { fewer: true }, { n: 13 }]);
    // at --min-group 2 a lone "fewer than 2" is a 1 to whoever knows why it is there: withheld with the smaller other
    expect(suppress(row({ windows: 9, macos: 1, linux: 7 }), 2)[1]).toEqual([{ n: 9 }, { withheld: true }, { withheld: true }, { n: 17 }]);
    // nothing small: shown as it is
    expect(suppress(row({ windows: 9, macos: 0, linux: 7 }), 5)[1]).toEqual([{ n: 9 }, { n: 0 }, { n: 7 }, { n: 16 }]);
  });

  it('holds counts only: memory does not grow with the number of machines', () => {
    const acc = new FleetAccumulator();
    const m = { platform: 'linux' as const, products: [{ id: 'a', name: 'A', category: 'employee-monitoring', capabilities: ['screenshots'] }], behaviours: [] };
    for (let i = 0; i < 100_000; i++) acc.add(m, 'report');
    const s = acc.summary(5);
    expect(s.products).toHaveLength(1);
    expect(s.products[0].machines).toBe(100_000);
  });
});
