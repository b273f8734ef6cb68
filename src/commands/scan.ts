import { EXIT } from '../errors.js';
import { buildIndex } from '../match/index.js';
import { match } from '../match/match.js';
import { RENDERERS, formatFor } from '../report/index.js';
import { buildReport } from '../report/build.js';
import { loadRuleSet } from '../rules/ruleset.js';
import type { Snapshot } from '../snapshot/schema.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { emit, type Io } from './io.js';

export interface ScanOptions {
  /** When not given, taken from the --output file's extension (terminal text otherwise). */
  format?: string;
  output?: string;
  rules?: string[];
  verbose?: boolean;
  snapshot?: string;
  includeIdentifiers?: boolean;
}

export async function scanCommand(opts: ScanOptions, io: Io): Promise<number> {
  const render = RENDERERS[formatFor(opts.format, opts.output)];
  const ruleSet = await loadRuleSet({ extraDirs: opts.rules });
  let snapshot: Snapshot;
  if (opts.snapshot) {
    snapshot = await (await import('../snapshot/load.js')).loadSnapshot(opts.snapshot);
  } else {
    snapshot = await (await import('../collectors/registry.js')).collectSnapshot({ rules: ruleSet.rules });
  }
  const findings = match(snapshot, buildIndex(ruleSet.rules, snapshot.host.platform));
  const report = buildReport(snapshot, findings, {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    rules: { count: ruleSet.rules.length, digest: ruleSet.digest },
    includeIdentifiers: opts.includeIdentifiers ?? false,
    lang: io.lang,
  });
  // a file gets 80 columns; the terminal its own width
  const width = opts.output ? 80 : io.columns;
  emit(io, render(report, { verbose: opts.verbose ?? false, color: io.color, lang: io.lang, width }), opts.output);
  // behaviours of medium or high confidence count as found; low ones are shown but do not change the exit code
  const behaviourFound = (report.behaviours ?? []).some((b) => b.confidence !== 'low');
  return findings.length || behaviourFound ? EXIT.found : EXIT.nothingFound;
}
