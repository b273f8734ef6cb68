import { describe, expect, it } from 'vitest';
import { buildIndex, carriesProductName, type MatchIndex } from '../../src/match/index.js';
import { match } from '../../src/match/match.js';
import { loadRuleDirs } from '../../src/rules/load.js';
import { BUILTIN_RULES_DIR } from '../../src/rules/ruleset.js';
import type { Platform } from '../../src/snapshot/schema.js';
import { snap, variantsOf, type Variant } from './variants.js';

// Every rule's artefacts as real installs spell them, each alone, against the whole database (issue #7).
const { rules } = await loadRuleDirs([BUILTIN_RULES_DIR]);
const indexes = new Map<Platform, MatchIndex>((['windows', 'macos', 'linux'] as const).map((p) => [p, buildIndex(rules, p)]));
const found = (v: Variant) => match(v.snapshot, indexes.get(v.platform)!).some((f) => f.rule.id === (v.rule.family ?? v.rule.id) || f.members?.includes(v.rule.id));

describe('single-artefact variants of every rule', () => {
  const variants = rules.flatMap(variantsOf);

  it('each variant is recognised as its rule', () => {
    const byKind = new Map<string, { n: number; hit: number; guarded: number }>();
    const missed: string[] = [];
    for (const v of variants) {
      const k = byKind.get(v.kind) ?? { n: 0, hit: 0, guarded: 0 };
      byKind.set(v.kind, k);
      k.n++;
      if (found(v)) k.hit++;
      // a per-user copy whose folder or app name does not carry the product's is left out on purpose (student.app)
      else if (v.needsName !== undefined && !carriesProductName(v.rule, v.needsName)) k.guarded++;
      else missed.push(`${v.rule.id} ${v.platform} ${v.kind}: ${v.item}`);
    }
    // the figures of the issue's report: `npx vitest run tests/match/variants.test.ts` prints them
    console.log([...byKind].map(([kind, { n, hit, guarded }]) => `${kind}: ${hit}/${n}${guarded ? ` (${guarded} left out by the name guard)` : ''}`).join('\n'));
    expect(variants.length).toBeGreaterThan(100);
    expect(missed).toEqual([]);
  });

  it('look-alikes of an Uninstall DisplayName (other words after the name) are not recognised', () => {
    const names = rules.flatMap((r) => (r.indicators.windows?.packages ?? []).filter((p): p is string => typeof p === 'string').map((p) => [r, p] as const));
    const wrong: string[] = [];
    for (const [r, p] of names) {
      for (const suffix of [' Meeting Add-in', ' Updater', ' Helper 2.0', 'Plus', ' Viewer (x64)', ' 1.2.3 Beta Tools']) {
        const f = match(snap('windows', { packages: [{ name: p + suffix, source: 'windows-uninstall' }] }), indexes.get('windows')!);
        if (f.some((x) => x.rule.id === (r.family ?? r.id))) wrong.push(p + suffix);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a variant accuses no other rule than the rule\'s own positive cases already do (duplicates are the rules\' matter)', () => {
    // pairs of rules whose own positive test cases find each other: shared artefacts, reported by rules validate's duplicates
    const shared = new Set<string>();
    for (const r of rules) {
      for (const c of r.tests?.positive ?? []) {
        const s = snap(c.platform, c.snapshot as never);
        for (const f of match(s, indexes.get(c.platform)!)) shared.add(`${r.id}>${f.rule.id}`).add(`${f.rule.id}>${r.id}`);
      }
    }
    // and indicators both rules write (a program name two catalogue entries list): the same artefact, not a variant's doing
    const values = (r: Pick<(typeof rules)[number], 'indicators'>, platform: Platform) =>
      new Set(JSON.stringify(r.indicators[platform] ?? {}).toLowerCase().match(/"[^"]+"/g)?.map((q) => q.slice(1, -1).replace(/\.exe$/, '')) ?? []);
    const wrong = new Set<string>();
    for (const v of variants) {
      const own = v.rule.family ?? v.rule.id;
      for (const f of match(v.snapshot, indexes.get(v.platform)!)) {
        if (f.rule.id === own || f.members?.includes(v.rule.id) || shared.has(`${v.rule.id}>${f.rule.id}`)) continue;
        const mine = values(v.rule, v.platform);
        if (f.evidence.every((e) => mine.has(e.indicator.value.toLowerCase().replace(/\.exe$/, '')))) continue;
        wrong.add(`${v.kind} ${v.rule.id} -> ${f.rule.id}: ${v.item}`);
      }
    }
    expect([...wrong]).toEqual([]);
  });
});
