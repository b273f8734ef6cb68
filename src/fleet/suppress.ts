// Cell suppression for the fleet summary: which counts are shown, which are "fewer than N", which are withheld.
//
// A reader sees every number printed and knows what the labels mean: "fewer than N" is a count from 0 to N-1,
// "withheld" a count not shown. From those, row sums (total = Windows + macOS + Linux), the header (no row has more machines on a platform than the fleet has) and capabilities (a product's
// count is at most its capability's count, which is at most the sum over the rows that have that capability),
// the reader can narrow every hidden count to an interval. A hidden count, or the sum of a row's hidden counts,
// must never narrow to one value from 1 to N-1. This module hides counts until that holds.
import type { Platform } from '../snapshot/constants.js';

export type Shown = { n: number } | { fewer: true } | { withheld: true };
export type Counts = Record<Platform, number>;

/** One row of the table: the header (every machine), a product, a behaviour or a capability. */
export interface TRow {
  kind: 'header' | 'product' | 'behaviour' | 'capability';
  id: string;
  n: Counts;
  /** For products and behaviours: the capabilities they bring; a capability row's id is its capability. */
  caps: readonly string[];
}

// index 0..2 are the platforms in PLATFORMS order, 3 is the total
const T = 3;
type Vals = [number, number, number, number];
const valsOf = (n: Counts): Vals => [n.windows, n.macos, n.linux, n.windows + n.macos + n.linux];

/** Interval bounds of every cell a reader can work out from what is shown (bounds propagation to a fixed point). */
export function readerBounds(rows: readonly TRow[], shown: readonly Shown[][], minGroup: number): { lo: number[][]; hi: number[][] } {
  const lo = shown.map((r) => r.map((c) => ('n' in c ? c.n : 0)));
  const hi = shown.map((r) => r.map((c) => ('n' in c ? c.n : 'fewer' in c ? minGroup - 1 : Infinity)));
  const head = rows.findIndex((r) => r.kind === 'header');
  // a row is listed only when at least one machine has it
  for (let i = 0; i < rows.length; i++) if (i !== head) lo[i][T] = Math.max(lo[i][T], 1);
  const capRow = new Map<string, number>();
  rows.forEach((r, i) => r.kind === 'capability' && capRow.set(r.id, i));
  const withCap = new Map<number, number[]>();
  rows.forEach((r, i) => {
    if (r.kind !== 'product' && r.kind !== 'behaviour') return;
    for (const c of r.caps) {
      const k = capRow.get(c);
      if (k !== undefined) withCap.set(k, [...(withCap.get(k) ?? []), i]);
    }
  });
  let changed = true;
  const setLo = (i: number, j: number, v: number) => {
    if (v > lo[i][j]) {
      lo[i][j] = v;
      changed = true;
    }
  };
  const setHi = (i: number, j: number, v: number) => {
    if (v < hi[i][j]) {
      hi[i][j] = v;
      changed = true;
    }
  };
  /** a = sum of parts (eq) or a <= sum of parts (!eq) */
  const sum = (a: [number, number], parts: [number, number][], eq: boolean) => {
    const sLo = parts.reduce((s, [i, j]) => s + lo[i][j], 0);
    const sHi = parts.reduce((s, [i, j]) => s + hi[i][j], 0);
    setHi(a[0], a[1], sHi);
    if (eq) setLo(a[0], a[1], sLo);
    for (const [i, j] of parts) {
      setLo(i, j, lo[a[0]][a[1]] - (sHi - hi[i][j]));
      if (eq) setHi(i, j, hi[a[0]][a[1]] - (sLo - lo[i][j]));
    }
  };
  const le = (x: [number, number], y: [number, number]) => {
    setHi(x[0], x[1], hi[y[0]][y[1]]);
    setLo(y[0], y[1], lo[x[0]][x[1]]);
  };
  for (let pass = 0; changed && pass < 100; pass++) {
    changed = false;
    for (let i = 0; i < rows.length; i++) {
      sum([i, T], [0, 1, 2].map((j) => [i, j] as [number, number]), true);
      if (i !== head && head >= 0) for (let j = 0; j <= T; j++) le([i, j], [head, j]);
    }
    for (const [k, members] of withCap) {
      for (let j = 0; j <= T; j++) {
        for (const m of members) le([m, j], [k, j]);
        sum([k, j], members.map((m) => [m, j] as [number, number]), false);
      }
    }
  }
  return { lo, hi };
}

/** What a reader can pin down to a small value: [row, cells] (cells are platform indexes or T), or nothing. */
export function pinned(rows: readonly TRow[], shown: readonly Shown[][], minGroup: number): { row: number; cells: number[] }[] {
  const { lo, hi } = readerBounds(rows, shown, minGroup);
  const small = (a: number, b: number) => a === b && a >= 1 && a < minGroup;
  const out: { row: number; cells: number[] }[] = [];
  const head = rows.findIndex((r) => r.kind === 'header');
  const fleet = head >= 0 && 'n' in shown[head][T] ? shown[head][T].n : Infinity;
  // platforms the header shows with no machine: their counts are 0 everywhere and hide nothing
  const occupied = [0, 1, 2].filter((j) => !(head >= 0 && 'n' in shown[head][j] && shown[head][j].n === 0));
  for (let i = 0; i < rows.length; i++) {
    const header = i === head;
    const hidden = [0, 1, 2].filter((j) => !('n' in shown[i][j]));
    // a listed row has at least one machine: when N is 2 (or the fleet is one machine) its hidden total is 1 by listing alone
    const byListing = lo[i][T] === 1 && Math.min(minGroup - 1, fleet) === 1;
    if (!header && !('n' in shown[i][T]) && small(lo[i][T], hi[i][T]) && !byListing) out.push({ row: i, cells: [T] });
    // every subset of the hidden platform counts; one that spans every occupied platform is the total, judged above
    for (let mask = 1; mask < 8; mask++) {
      const s = [0, 1, 2].filter((j) => mask & (1 << j));
      if (!s.every((j) => hidden.includes(j)) || occupied.every((j) => s.includes(j))) continue;
      // the header's total is public (the number of files used), so when all three are hidden nothing more helps
      if (header && hidden.length === 3) continue;
      const rest = [0, 1, 2].filter((j) => !s.includes(j));
      const a = Math.max(s.reduce((x, j) => x + lo[i][j], 0), lo[i][T] - rest.reduce((x, j) => x + hi[i][j], 0));
      const b = Math.min(s.reduce((x, j) => x + hi[i][j], 0), hi[i][T] - rest.reduce((x, j) => x + lo[i][j], 0));
      if (small(a, b)) out.push({ row: i, cells: s });
    }
  }
  return out;
}

/**
 * Decides what is shown. Counts from 1 to N-1 are "fewer than N", and so are the zeros beside them (a 0 next to a
 * hidden count and a total gives it away); then, while a reader could still pin a hidden count (or a sum of them)
 * to a value under N, the smallest shown count that would cover it is withheld: in the same row first, then the
 * row's total, then the same column of the rows it is tied to (the header, its capabilities, the rows that have
 * that capability).
 */
export function suppress(rows: readonly TRow[], minGroup: number): Shown[][] {
  const vals = rows.map((r) => valsOf(r.n));
  const isSmall = (v: number) => v > 0 && v < minGroup;
  const shown: Shown[][] = vals.map((v) => {
    const any = v.slice(0, 3).some(isSmall);
    return v.map((x, j) => (isSmall(x) || (any && j < T && x === 0) ? { fewer: true as const } : { n: x }));
  });
  // at N = 2 a lone "fewer than 2" beside counts of 2 or more is a 1 to anyone who knows why it is there: it and the
  // smaller other count are both withheld instead
  if (minGroup === 2) {
    shown.forEach((r, i) => {
      const f = [0, 1, 2].filter((j) => 'fewer' in r[j]);
      if (f.length !== 1) return;
      r[f[0]] = { withheld: true };
      const other = [0, 1, 2].filter((j) => j !== f[0]).sort((a, b) => vals[i][a] - vals[i][b])[0];
      r[other] = { withheld: true };
    });
  }
  const head = rows.findIndex((r) => r.kind === 'header');
  const capRow = new Map<string, number>();
  rows.forEach((r, i) => r.kind === 'capability' && capRow.set(r.id, i));
  const related = (i: number): number[] => {
    const r = rows[i];
    const out = head >= 0 && head !== i ? [head] : [];
    if (r.kind === 'product' || r.kind === 'behaviour') for (const c of r.caps) if (capRow.has(c)) out.push(capRow.get(c)!);
    if (r.kind === 'capability') rows.forEach((x, m) => (x.kind === 'product' || x.kind === 'behaviour') && x.caps.includes(r.id) && out.push(m));
    return out;
  };
  // a shown count that may be withheld: never the number of machines (it is printed as the files used); a 0 may be
  // (a capability's 0 on a platform pins its products there)
  const exact = (i: number, j: number) => 'n' in shown[i][j] && (vals[i][j] >= minGroup || vals[i][j] === 0) && !(j === T && i === head);
  for (let guard = 0; guard < rows.length * 4; guard++) {
    const pick = (cands: [number, number][]) => cands.filter(([i, j]) => exact(i, j)).sort((a, b) => vals[a[0]][a[1]] - vals[b[0]][b[1]])[0];
    let choice: [number, number] | undefined;
    for (const { row, cells } of pinned(rows, shown, minGroup)) {
      const cols = cells.includes(T) ? [T] : cells;
      const rel = related(row);
      choice =
        pick([0, 1, 2].map((j) => [row, j])) ??
        pick([[row, T]]) ??
        pick(rel.flatMap((i) => cols.map((j) => [i, j] as [number, number]))) ??
        pick(rel.flatMap((i) => [0, 1, 2, T].map((j) => [i, j] as [number, number])));
      if (choice) break;
    }
    // nothing left that could cover it (the test proves this does not happen on real or random fleets)
    if (!choice) break;
    shown[choice[0]][choice[1]] = { withheld: true };
  }
  return shown;
}

