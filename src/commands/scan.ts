import { hostname, userInfo } from 'node:os';
import { EXIT } from '../errors.js';
import { buildIndex } from '../match/index.js';
import { match } from '../match/match.js';
import { RENDERERS, formatFor } from '../report/index.js';
import { buildReport } from '../report/build.js';
import { loadRuleSet } from '../rules/ruleset.js';
import type { Snapshot } from '../snapshot/schema.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { translator } from '../i18n/index.js';
import { redactSnapshot, tenantSuffixesOf } from '../privacy/redact.js';
import { emit, type Io } from './io.js';

export interface ScanOptions {
  /** When not given, taken from the --output file's extension (terminal text otherwise). */
  format?: string;
  output?: string;
  rules?: string[];
  verbose?: boolean;
  snapshot?: string;
  includeIdentifiers?: boolean;
  redactTenant?: boolean;
  /** Also write snapshot.json, report.json, report.html and manifest.json into this new or empty folder. */
  evidence?: string;
}

/** The account running bosswatch and this computer's name: redacted from what a live scan writes. */
export function localIdentifiers(): { users: string[]; hostnames: string[] } {
  let users: string[] = [];
  try {
    users = [userInfo().username];
  } catch {
    // no passwd entry (containers)
  }
  return { users, hostnames: [hostname()] };
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
  const privacy = {
    includeIdentifiers: opts.includeIdentifiers ?? false,
    redactTenant: opts.redactTenant ?? false,
    tenantSuffixes: opts.redactTenant ? tenantSuffixesOf(ruleSet.rules) : [],
    ...(opts.snapshot ? {} : localIdentifiers()),
  };
  const report = buildReport(snapshot, findings, {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    rules: { count: ruleSet.rules.length, digest: ruleSet.digest },
    extraRules: Boolean(opts.rules?.length),
    ...privacy,
    lang: io.lang,
  });
  // a file gets 80 columns; the terminal its own width
  const width = opts.output ? 80 : io.columns;
  emit(io, render(report, { verbose: opts.verbose ?? false, color: io.color, lang: io.lang, width }), opts.output);
  if (opts.evidence) {
    const { writeEvidence } = await import('../evidence/folder.js');
    const plain = (await import('../cli.js')).plainColor();
    writeEvidence(opts.evidence, {
      snapshotJson: JSON.stringify(redactSnapshot(snapshot, privacy), null, 2) + '\n',
      reportJson: RENDERERS.json(report),
      reportHtml: RENDERERS.html(report, { verbose: true, color: plain, lang: io.lang }),
      manifest: report.manifest,
    });
    const tr = translator(io.lang);
    io.err(`${tr.t('evidence.wrote', { dir: opts.evidence, privacy: tr.t(privacy.includeIdentifiers ? 'privacy.included' : 'privacy.redacted') })}\n`);
  }
  // behaviours of medium or high confidence count as found; low ones are shown but do not change the exit code
  const behaviourFound = (report.behaviours ?? []).some((b) => b.confidence !== 'low');
  return findings.length || behaviourFound ? EXIT.found : EXIT.nothingFound;
}
