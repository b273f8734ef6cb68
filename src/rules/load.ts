import { readdirSync, statSync } from 'node:fs';
import { readRegular, readFailureText } from '../collectors/shared/read.js';
import { join, relative, basename } from 'node:path';
import { InputError } from '../errors.js';
import type { Rule } from './schema.js';

/** The largest hand-written rule is about 20 KB; a file far beyond that is not a rule. */
export const MAX_RULE_FILE_BYTES = 1024 * 1024;

export interface RuleProblem {
  file: string;
  key: string;
  message: string;
}

export interface LoadedRules {
  rules: Rule[];
  problems: RuleProblem[];
  files: number;
  /** Rule id -> file it came from, for messages. */
  fileOf: Map<string, string>;
}

/** Every rule file below `dir` (recursively), skipping `_`-prefixed templates. */
export function listRuleFiles(dir: string): string[] {
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new InputError(`rules directory not found: ${dir}`, { key: 'err.rules.dir-missing', params: { dir } });
  }
  if (!st.isDirectory()) throw new InputError(`not a directory: ${dir}`, { key: 'err.rules.not-dir', params: { dir } });
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith('_') || e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function keyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '') || '(root)';
}

/** Parses and validates rule files; every problem carries its file and key. Never throws for bad rules. */
export async function loadRuleDirs(dirs: string[], cwd = process.cwd()): Promise<LoadedRules> {
  const [{ parse, YAMLParseError }, { Rule }] = await Promise.all([import('yaml'), import('./schema.js')]);
  const rules: Rule[] = [];
  const problems: RuleProblem[] = [];
  const seen = new Map<string, string>();
  let files = 0;
  for (const dir of dirs) {
    for (const file of listRuleFiles(dir)) {
      files++;
      const shown = relative(cwd, file) || file;
      // a rule pack may come from anyone: a FIFO, a device link or a huge file must not stall or exhaust the scan
      const read = readRegular(file, { max: MAX_RULE_FILE_BYTES });
      if (!read.ok) {
        problems.push({ file: shown, key: '(file)', message: read.why === 'too-large' ? `larger than ${MAX_RULE_FILE_BYTES / 1024} KB, the limit for one rule file` : readFailureText(read.why) });
        continue;
      }
      let data: unknown;
      try {
        data = parse(read.data.toString('utf8'), { uniqueKeys: true, maxAliasCount: 100 });
      } catch (e) {
        const where = e instanceof YAMLParseError && e.linePos ? `line ${e.linePos[0].line}` : '(file)';
        problems.push({ file: shown, key: where, message: (e as Error).message.split('\n')[0] });
        continue;
      }
      const result = Rule.safeParse(data);
      if (!result.success) {
        for (const issue of result.error.issues) problems.push({ file: shown, key: keyPath(issue.path), message: issue.message });
        continue;
      }
      const rule = result.data;
      const stem = basename(file).replace(/\.ya?ml$/, '');
      if (rule.id !== stem) {
        problems.push({ file: shown, key: 'id', message: `id "${rule.id}" must equal the file name "${stem}"` });
        continue;
      }
      const prev = seen.get(rule.id);
      if (prev) {
        problems.push({ file: shown, key: 'id', message: `duplicate id "${rule.id}" (also in ${prev})` });
        continue;
      }
      seen.set(rule.id, shown);
      rules.push(rule);
    }
  }
  const { platformProblems, duplicateProblems } = await import('./validate.js');
  for (const r of rules) problems.push(...platformProblems(r, seen.get(r.id)!));
  problems.push(...duplicateProblems(rules, seen));
  return { rules, problems, files, fileOf: seen };
}

export function formatProblem(p: RuleProblem): string {
  return `${p.file}: ${p.key}: ${p.message}`;
}
