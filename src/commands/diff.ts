import { diffSides, loadSide } from '../diff/diff.js';
import { DIFF_FORMATS, renderDiff, warningText, type DiffFormat } from '../diff/render.js';
import { EXIT, UsageError } from '../errors.js';
import { formatFor } from '../report/index.js';
import { escapeTerminal as esc } from '../report/escape.js';
import { tenantSuffixesOf } from '../privacy/redact.js';
import { loadRuleSet } from '../rules/ruleset.js';
import { emit, type Io } from './io.js';

export interface DiffOptions {
  format?: string;
  output?: string;
  rules?: string[];
  includeIdentifiers?: boolean;
  redactTenant?: boolean;
}

/** The format asked for, or the one --output's extension names (as scan decides), limited to diff's formats. */
function diffFormat(format: string | undefined, output: string | undefined): DiffFormat {
  const bad = (f: string) => new UsageError(`unknown format "${f}" for diff (use ${DIFF_FORMATS.join(', ')})`, { key: 'diff.error.format', params: { format: f, formats: DIFF_FORMATS.join(', ') } });
  if (format !== undefined && !(DIFF_FORMATS as readonly string[]).includes(format)) throw bad(format);
  const f = formatFor(format, output);
  if (!(DIFF_FORMATS as readonly string[]).includes(f)) throw bad(f);
  return f as DiffFormat;
}

/** Exit 1 when monitoring appeared or rose in confidence, 0 otherwise, 2 on a usage or input error. */
export async function diffCommand(oldFile: string, newFile: string, opts: DiffOptions, io: Io): Promise<number> {
  const format = diffFormat(opts.format, opts.output);
  const ruleSet = await loadRuleSet({ extraDirs: opts.rules });
  const privacy = {
    includeIdentifiers: opts.includeIdentifiers ?? false,
    redactTenant: opts.redactTenant ?? false,
    tenantSuffixes: opts.redactTenant ? tenantSuffixesOf(ruleSet.rules) : [],
  };
  const info = { count: ruleSet.rules.length, digest: ruleSet.digest, extra: Boolean(opts.rules?.length) };
  const o = loadSide(oldFile, ruleSet.rules, info, privacy, io.lang);
  const n = loadSide(newFile, ruleSet.rules, info, privacy, io.lang);
  const result = diffSides(o, n, privacy, io.lang);
  // the terminal and markdown texts carry the warnings; when they do not reach the screen, standard error does
  if (opts.output || format === 'json') for (const w of result.warnings) io.err(`bosswatch: ${esc(warningText(w, result, io.lang))}\n`);
  emit(io, renderDiff(result, format, { color: io.color, lang: io.lang }), opts.output);
  return result.monitoring_increased ? EXIT.found : EXIT.nothingFound;
}
