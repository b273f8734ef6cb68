import { existsSync, readFileSync } from 'node:fs';
import { BUILTIN_RULES_DIR, RULES_BUNDLE as BUNDLE } from '../paths.js';
import { InputError, machineText } from '../errors.js';
import type { RuntimeRule } from '../match/types.js';
import { formatProblem, loadRuleDirs } from './load.js';
import { isPackFile, loadPack } from './pack.js';

export { BUILTIN_RULES_DIR };

export interface RuleSet {
  rules: RuntimeRule[];
  digest: string;
}

export interface Bundle {
  count: number;
  digest: string;
  rules: RuntimeRule[];
}

export async function digestOf(rules: readonly RuntimeRule[]): Promise<string> {
  // node:crypto costs ~4 ms to load; a scan of the built-in rules reuses the bundle's digest instead
  const { createHash } = await import('node:crypto');
  const h = createHash('sha256');
  for (const r of [...rules].sort((a, b) => (a.id < b.id ? -1 : 1))) h.update(JSON.stringify(r));
  return `sha256:${h.digest('hex')}`;
}

export function stripTests(rules: readonly RuntimeRule[]): RuntimeRule[] {
  return rules.map(({ tests: _tests, ...rest }) => rest);
}

/** Built-in rules come from the bundle made at build time (validated then); extra directories are validated now. */
export async function loadRuleSet(opts: { extraDirs?: string[]; withTests?: boolean } = {}): Promise<RuleSet> {
  let rules: RuntimeRule[];
  let digest: string | undefined;
  if (!opts.withTests && existsSync(BUNDLE)) {
    const bundle = JSON.parse(readFileSync(BUNDLE, 'utf8')) as Bundle;
    rules = bundle.rules;
    digest = bundle.digest;
  } else {
    rules = (await loadRuleDirs([BUILTIN_RULES_DIR])).rules;
  }
  if (opts.extraDirs?.length) {
    // a rule pack (built once with `bosswatch rules build`) loads without YAML parsing; folders are validated now
    const packs = opts.extraDirs.filter(isPackFile);
    const dirs = opts.extraDirs.filter((d) => !isPackFile(d));
    const extraRules: RuntimeRule[] = [];
    for (const p of packs) extraRules.push(...(await loadPack(p, digestOf)));
    if (dirs.length) {
      const extra = await loadRuleDirs(dirs);
      if (extra.problems.length) {
        const more = extra.problems.length > 1 ? ` (and ${extra.problems.length - 1} more; run: bosswatch rules validate DIR)` : '';
        throw new InputError(`invalid rule: ${formatProblem(extra.problems[0])}${more}`, {
          key: 'err.rules.invalid',
          params: { detail: formatProblem(extra.problems[0]) },
          parts: { more: extra.problems.length > 1 ? { key: 'err.rules.more', params: { n: extra.problems.length - 1 } } : machineText('') },
        });
      }
      extraRules.push(...(opts.withTests ? extra.rules : stripTests(extra.rules)));
    }
    const ids = new Set(rules.map((r) => r.id));
    for (const r of extraRules) {
      if (ids.has(r.id)) throw new InputError(`rule id "${r.id}" from --rules is already a built-in or another added rule; give it another id`, { key: 'err.rules.duplicate-extra', params: { id: r.id } });
      ids.add(r.id);
    }
    rules = [...rules, ...extraRules];
    digest = undefined;
  }
  return { rules, digest: digest ?? (await digestOf(stripTests(rules))) };
}
