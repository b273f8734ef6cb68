import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { load } from 'js-yaml';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { listRuleFiles } from '../../src/rules/load.js';
import { BUILTIN_RULES_DIR } from '../../src/rules/ruleset.js';

// Rule files must mean the same to any YAML parser: js-yaml applies YAML 1.1 rules, strictly (duplicate keys fail).
const files = listRuleFiles(BUILTIN_RULES_DIR);

describe('rule files are portable YAML', () => {
  it('finds the rule files', () => {
    expect(files.length).toBeGreaterThan(100);
  });
  // one test for all files: a test per file would add hundreds of cases to every run
  it('every rule file parses with js-yaml (YAML 1.1, strict) as well as with yaml', () => {
    const failures: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      parse(text, { uniqueKeys: true });
      try {
        load(text, { json: false, filename: file });
      } catch (e) {
        failures.push(`${relative(BUILTIN_RULES_DIR, file)}: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    expect(failures).toEqual([]);
  });
  it('js-yaml rejects duplicate keys', () => {
    expect(() => load('a: 1\na: 2\n', { json: false })).toThrow(/duplicated mapping key/);
  });
});
