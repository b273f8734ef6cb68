// Validates rules/ and writes dist/rules.json, so a scan loads plain JSON instead of parsing YAML with zod.
import { writeFileSync } from 'node:fs';
import { loadRuleDirs, formatProblem } from '../dist/rules/load.js';
import { BUILTIN_RULES_DIR, digestOf, stripTests } from '../dist/rules/ruleset.js';

const { rules, problems, files } = await loadRuleDirs([BUILTIN_RULES_DIR]);
const stripped = stripTests(rules);
writeFileSync(new URL('../dist/rules.json', import.meta.url), JSON.stringify({ count: stripped.length, digest: await digestOf(stripped), rules: stripped }));
for (const p of problems) console.error(`warning: ${formatProblem(p)} (rule left out of the bundle)`);
console.error(`bundled ${stripped.length} of ${files} rule files${problems.length ? `; ${problems.length} problems: run bosswatch rules validate` : ''}`);
