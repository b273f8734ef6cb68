import { statSync } from 'node:fs';
import path from 'node:path';
import { readFailureMessage, readFailureText, readRegular } from '../collectors/shared/read.js';
import { EXIT, InputError } from '../errors.js';
import { digestJson, sha256 } from '../evidence/canonical.js';
import { EVIDENCE_FILES, EVIDENCE_FORMAT } from '../evidence/folder.js';
import { reportDigestOf, type Manifest } from '../evidence/manifest.js';
import { translator } from '../i18n/index.js';
import { escapeTerminal as esc } from '../report/escape.js';
import { loadRuleSet } from '../rules/ruleset.js';
import { MAX_SNAPSHOT_BYTES } from '../snapshot/load.js';
import { TOOL_VERSION } from '../version.js';
import type { Io } from './io.js';

/** Reads a JSON file of bounded size; unreadable or not JSON is an input error (exit 2). */
export function readJsonFile(file: string): { data: unknown; bytes: Buffer } {
  const r = readRegular(file, { max: MAX_SNAPSHOT_BYTES });
  if (!r.ok) {
    const why = r.why === 'missing' ? 'no such file' : readFailureText(r.why);
    throw new InputError(`cannot read ${file}: ${why}`, { key: 'verify.error.unreadable', params: { file }, parts: { why: readFailureMessage(r.why === 'missing' ? 'no-such-file' : r.why, MAX_SNAPSHOT_BYTES) } });
  }
  try {
    return { data: JSON.parse(r.data.toString('utf8').replace(/^\uFEFF/, '')), bytes: r.data };
  } catch (e) {
    const why = (e as Error).message;
    throw new InputError(`cannot read ${file}: ${why}`, { key: 'verify.error.unreadable', params: { file, why } });
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

export interface VerifyResult {
  ok: string[];
  bad: string[];
  skipped: string[];
}

/** Recomputes every digest it can; pure apart from reading the files named. */
export async function verifyReport(reportFile: string, opts: { snapshot?: string; folder?: string; lang?: import('../i18n/index.js').Lang }): Promise<VerifyResult> {
  const tr = translator(opts.lang);
  const { data } = readJsonFile(reportFile);
  if (!isObj(data) || data.format !== 'bosswatch-report') throw new InputError(`${reportFile} is not a bosswatch report`, { key: 'verify.error.not-report', params: { file: reportFile } });
  const m = data.manifest as Manifest | undefined;
  if (!isObj(m) || typeof m.report_digest !== 'string' || !isObj(m.rules) || !isObj(m.snapshot) || !isObj(m.tool)) {
    throw new InputError(`${reportFile} has no manifest`, { key: 'verify.error.no-manifest', params: { file: reportFile } });
  }
  const res: VerifyResult = { ok: [], bad: [], skipped: [] };
  (reportDigestOf(data) === m.report_digest ? res.ok : res.bad).push(tr.t(reportDigestOf(data) === m.report_digest ? 'verify.report.ok' : 'verify.report.bad'));

  if (m.rules.extra) res.skipped.push(tr.t('verify.rules.extra'));
  else if (m.tool.version !== TOOL_VERSION) res.skipped.push(tr.t('verify.rules.other-version', { made: String(m.tool.version), version: TOOL_VERSION }));
  else {
    const { digest } = await loadRuleSet();
    const rules = data.rules as { digest?: unknown } | undefined;
    const same = m.rules.digest === digest && rules?.digest === digest;
    (same ? res.ok : res.bad).push(tr.t(same ? 'verify.rules.ok' : 'verify.rules.bad', { version: TOOL_VERSION }));
  }

  if (opts.snapshot) {
    const { data: snap } = readJsonFile(opts.snapshot);
    if (!isObj(snap) || snap.format !== 'bosswatch-snapshot') throw new InputError(`${opts.snapshot} is not a bosswatch snapshot`, { key: 'verify.error.not-snapshot', params: { file: opts.snapshot } });
    const same = digestJson(snap) === m.snapshot.digest;
    const file = path.basename(opts.snapshot);
    (same ? res.ok : res.bad).push(tr.t(same ? 'verify.snapshot.ok' : 'verify.snapshot.bad', { file }));
  } else res.skipped.push(tr.t('verify.snapshot.none'));

  if (opts.folder) {
    const { data: man } = readJsonFile(path.join(opts.folder, 'manifest.json'));
    const files = isObj(man) && man.format === EVIDENCE_FORMAT && isObj(man.files) ? (man.files as Record<string, unknown>) : {};
    const wrong: string[] = [];
    for (const name of EVIDENCE_FILES) {
      const r = readRegular(path.join(opts.folder, name), { max: MAX_SNAPSHOT_BYTES });
      if (!r.ok || files[name] !== sha256(r.data)) wrong.push(name);
    }
    // the manifest beside the files must be the report's own
    if (!isObj(man) || digestJson(man.manifest) !== digestJson(m)) wrong.push('manifest.json');
    if (wrong.length) res.bad.push(tr.t('verify.files.bad', { files: wrong.join(', ') }));
    else res.ok.push(tr.t('verify.files.ok'));
  }
  return res;
}

export async function verifyCommand(target: string, opts: { snapshot?: string }, io: Io): Promise<number> {
  const tr = translator(io.lang);
  const isDir = statSync(target, { throwIfNoEntry: false })?.isDirectory() ?? false;
  const reportFile = isDir ? path.join(target, 'report.json') : target;
  const snapshot = opts.snapshot ?? (isDir ? path.join(target, 'snapshot.json') : undefined);
  const r = await verifyReport(reportFile, { snapshot, folder: isDir ? target : undefined, lang: io.lang });
  const head = r.bad.length ? io.color.red.bold(tr.t('verify.mismatch')) : io.color.green(tr.t('verify.all-match'));
  io.out(`${head}: ${esc([...r.bad, ...r.ok, ...r.skipped].join('; '))}\n`);
  return r.bad.length ? EXIT.found : EXIT.nothingFound;
}
