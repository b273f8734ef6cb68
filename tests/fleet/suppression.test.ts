// A reader of a fleet summary tries to work out every hidden count from the numbers shown, by subtraction along
// rows (total = Windows + macOS + Linux), down columns (no row exceeds the header) and through capabilities
// (a product's count <= its capability's count <= the sum of the rows with that capability). This attacker is
// written from the summary JSON alone, independently of src/fleet/suppress.ts.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FleetAccumulator, machineOfSnapshot, type Cell, type FleetSummary, type Machine } from '../../src/fleet/summary.js';
import type { MatchIndex } from '../../src/match/index.js';
import { loadRuleSet } from '../../src/rules/ruleset.js';
import type { Platform } from '../../src/snapshot/constants.js';

const PLAT = ['windows', 'macos', 'linux'] as const;
const COLS = [...PLAT, 'total'] as const;
const EXAMPLES = new URL('../../examples/snapshots/', import.meta.url);

interface Lin {
  terms: [string, number][];
  /** sum of coef * var <= c */
  c: number;
}

interface Attack {
  lo: Map<string, number>;
  hi: Map<string, number>;
  hidden: string[];
  /** each row's sets of two hidden platform counts, as auxiliary sums */
  pairs: { key: string; row: string }[];
  listedTotals: Set<string>;
}

/** Bounds every count in the summary as a reader can, to a fixed point. */
function attack(s: FleetSummary): Attack {
  const N = s.min_group;
  const lo = new Map<string, number>();
  const hi = new Map<string, number>();
  const hidden: string[] = [];
  const cons: Lin[] = [];
  const listedTotals = new Set<string>();
  const pairs: { key: string; row: string }[] = [];
  const dom = (v: string, c: Cell) => {
    if (typeof c === 'number') {
      lo.set(v, c);
      hi.set(v, c);
      return;
    }
    hidden.push(v);
    if ('fewer_than' in c) {
      lo.set(v, 0);
      hi.set(v, c.fewer_than - 1);
    } else {
      // a count not shown, of any size
      lo.set(v, 0);
      hi.set(v, s.machines.total);
    }
  };
  const eq = (terms: [string, number][]) => cons.push({ terms, c: 0 }, { terms: terms.map(([v, a]) => [v, -a]), c: 0 });
  const addRow = (name: string, machines: Cell, by: Record<Platform, Cell>) => {
    dom(`${name}|total`, machines);
    for (const p of PLAT) dom(`${name}|${p}`, by[p]);
    eq([[`${name}|total`, 1], ...PLAT.map((p) => [`${name}|${p}`, -1] as [string, number])]);
    const h = PLAT.filter((p) => typeof by[p] !== 'number');
    for (let a = 0; a < h.length; a++)
      for (let b = a + 1; b < h.length; b++) {
        const key = `${name}|${h[a]}+${h[b]}`;
        lo.set(key, 0);
        hi.set(key, Infinity);
        eq([[key, 1], [`${name}|${h[a]}`, -1], [`${name}|${h[b]}`, -1]]);
        pairs.push({ key, row: name });
      }
  };
  addRow('H', s.machines.total, s.machines.by_platform);
  const rows = [...s.products.map((r) => ({ ...r, key: `p:${r.id}` })), ...s.behaviours.map((r) => ({ ...r, key: `b:${r.id}` })), ...s.capabilities.map((r) => ({ ...r, key: `c:${r.id}` }))];
  for (const r of rows) {
    addRow(r.key, r.machines, r.by_platform);
    listedTotals.add(`${r.key}|total`);
    lo.set(`${r.key}|total`, Math.max(1, lo.get(`${r.key}|total`)!));
    for (const col of COLS) cons.push({ terms: [[`${r.key}|${col}`, 1], [`H|${col}`, -1]], c: 0 });
  }
  for (const k of s.capabilities) {
    const members = [...s.products.map((r) => ({ ...r, key: `p:${r.id}` })), ...s.behaviours.map((r) => ({ ...r, key: `b:${r.id}` }))].filter((r) => r.capabilities.includes(k.id));
    for (const col of COLS) {
      for (const m of members) cons.push({ terms: [[`${m.key}|${col}`, 1], [`c:${k.id}|${col}`, -1]], c: 0 });
      cons.push({ terms: [[`c:${k.id}|${col}`, 1], ...members.map((m) => [`${m.key}|${col}`, -1] as [string, number])], c: 0 });
    }
  }
  const min = (v: string, a: number) => (a > 0 ? a * lo.get(v)! : a * hi.get(v)!);
  for (let changed = true, pass = 0; changed && pass < 200; pass++) {
    changed = false;
    for (const { terms, c } of cons) {
      const mins = terms.map(([v, a]) => min(v, a));
      const total = mins.reduce((x, y) => x + y, 0);
      terms.forEach(([v, a], i) => {
        const rest = total - mins[i];
        if (!Number.isFinite(rest)) return;
        if (a > 0) {
          const b = Math.floor((c - rest) / a);
          if (b < hi.get(v)!) (hi.set(v, b), (changed = true));
        } else {
          const b = Math.ceil((c - rest) / a);
          if (b > lo.get(v)!) (lo.set(v, b), (changed = true));
        }
      });
    }
  }
  return { lo, hi, hidden, pairs, listedTotals };
}

/** What the reader can pin to a value from 1 to N-1 (a listed row's total at N=2 is 1 by being listed). */
function leaks(s: FleetSummary): string[] {
  const N = s.min_group;
  const a = attack(s);
  const out: string[] = [];
  const pinnedSmall = (v: string) => a.lo.get(v) === a.hi.get(v) && a.lo.get(v)! >= 1 && a.lo.get(v)! < N;
  // what cannot be hidden: how many machines there are, that a listed row has one, and empty platforms
  const headerHidden = PLAT.every((p) => a.hidden.includes(`H|${p}`));
  const occupied = PLAT.filter((p) => s.machines.by_platform[p] !== 0);
  const isTotal = (plats: string[]) => occupied.every((p) => plats.includes(p));
  for (const v of a.hidden) {
    const [row, col] = v.split('|');
    if (row === 'H' && headerHidden) continue;
    if (a.listedTotals.has(v) && Math.min(N - 1, s.machines.total) === 1) continue;
    if (col !== 'total' && isTotal([col])) continue;
    if (pinnedSmall(v)) out.push(`${v} = ${a.lo.get(v)}`);
  }
  for (const { key, row } of a.pairs) {
    if (row === 'H' && headerHidden) continue;
    if (isTotal(key.split('|')[1].split('+'))) continue;
    if (pinnedSmall(key)) out.push(`${key} = ${a.lo.get(key)}`);
  }
  return out;
}

/** The true counts are inside the reader's bounds (the attacker is sound, so its failures to pin mean something). */
function truthInside(s: FleetSummary, machines: readonly Machine[]): void {
  const a = attack(s);
  const count = (pred: (m: Machine) => boolean, col: string) => machines.filter((m) => pred(m) && (col === 'total' || m.platform === col)).length;
  const check = (key: string, pred: (m: Machine) => boolean) => {
    for (const col of COLS) {
      const v = count(pred, col);
      expect(a.lo.get(`${key}|${col}`)!, `${key}|${col}`).toBeLessThanOrEqual(v);
      expect(a.hi.get(`${key}|${col}`)!, `${key}|${col}`).toBeGreaterThanOrEqual(v);
    }
  };
  check('H', () => true);
  for (const r of s.products) check(`p:${r.id}`, (m) => m.products.some((p) => p.id === r.id));
}

function summarise(machines: readonly Machine[], N: number): FleetSummary {
  const acc = new FleetAccumulator();
  for (const m of machines) acc.add(m, 'report');
  return acc.summary(N);
}

let examples: Machine[] = [];
beforeAll(async () => {
  const { rules } = await loadRuleSet();
  const indexes = new Map<Platform, MatchIndex>();
  examples = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => machineOfSnapshot(JSON.parse(readFileSync(new URL(f, EXAMPLES), 'utf8')), f, rules, indexes));
});

describe('fleet secondary suppression', () => {
  it('the example snapshots with --min-group 2: Teramind no longer gives its platforms away', () => {
    const s = summarise(examples, 2);
    const t = s.products.find((p) => p.id === 'teramind')!;
    expect(t.machines).toBe(2);
    // a 0 beside a hidden count and a total would leave each "fewer than 2" at exactly 1
    expect(t.by_platform).toEqual({ windows: { fewer_than: 2 }, macos: { fewer_than: 2 }, linux: { fewer_than: 2 } });
    expect(leaks(s)).toEqual([]);
    truthInside(s, examples);
  });

  it('no count of any subset of the examples (each up to 3 times) can be pinned below the minimum group', () => {
    let checked = 0;
    for (let mask = 1; mask < 1 << examples.length; mask++) {
      for (const times of [1, 3]) {
        const ms = examples.filter((_, i) => mask & (1 << i)).flatMap((m) => Array(times).fill(m));
        for (const N of [2, 5]) {
          const s = summarise(ms, N);
          expect(leaks(s), `mask ${mask} x${times} N=${N}`).toEqual([]);
          truthInside(s, ms);
          checked++;
        }
      }
    }
    expect(checked).toBe(63 * 4);
  });

  it('random fleets of the example machines, in any numbers, with any minimum group', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(9), { minLength: 6, maxLength: 6 }), fc.integer({ min: 2, max: 7 }), (counts, N) => {
        const ms = counts.flatMap((c, i) => Array(c).fill(examples[i]));
        fc.pre(ms.length > 0);
        const s = summarise(ms, N);
        expect(leaks(s)).toEqual([]);
        truthInside(s, ms);
      }),
      { numRuns: 100 },
    );
  });

  it('random fleets of made-up machines with overlapping products, behaviours and capabilities', () => {
    const CAPS = ['keystrokes', 'screenshots', 'webcam', 'app-usage', 'web-history'];
    const products = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, name: id.toUpperCase(), category: 'employee-monitoring', capabilities: CAPS.filter((_, j) => (i + j) % 3 === 0) }));
    const behaviours = ['x', 'y'].map((id, i) => ({ id, name: id, capabilities: [CAPS[i * 2]] }));
    const machine = fc.record({
      platform: fc.constantFrom<Platform>('windows', 'macos', 'linux'),
      products: fc.subarray(products),
      behaviours: fc.subarray(behaviours),
    });
    fc.assert(
      fc.property(fc.array(machine, { minLength: 1, maxLength: 40 }), fc.integer({ min: 2, max: 6 }), (ms, N) => {
        const s = summarise(ms, N);
        expect(leaks(s)).toEqual([]);
        truthInside(s, ms);
      }),
      { numRuns: 300 },
    );
  });

  it('the attacker finds the leaks of the old rule (so its silence above means something)', () => {
    // the old output for Teramind in the examples: a 0 beside two "fewer than 2" and a total of 2
    const s: FleetSummary = {
      ...summarise(examples.slice(0, 1), 2),
      min_group: 2,
      machines: { total: 6, by_platform: { windows: 2, macos: 2, linux: 2 } },
      products: [{ kind: 'product', id: 't', name: 'T', capabilities: [], machines: 2, by_platform: { windows: { fewer_than: 2 }, macos: { fewer_than: 2 }, linux: 0 } }],
      behaviours: [],
      capabilities: [],
    };
    expect(leaks(s)).toEqual(expect.arrayContaining(['p:t|windows = 1', 'p:t|macos = 1']));
    // the old header: "Machines: 4 (Windows fewer than 2, macOS fewer than 2, Linux 2)"
    const h: FleetSummary = { ...s, machines: { total: 4, by_platform: { windows: { fewer_than: 2 }, macos: { fewer_than: 2 }, linux: 2 } }, products: [] };
    expect(leaks(h)).toEqual(expect.arrayContaining(['H|windows = 1', 'H|macos = 1']));
  });
});
