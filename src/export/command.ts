// `bosswatch rules export --format osquery|fleet [--output FILE] [--rules DIR|pack.json]`.
import { EXIT, UsageError } from '../errors.js';
import { translator } from '../i18n/index.js';
import { escapeTerminal as esc } from '../report/escape.js';
import { loadRuleSet } from '../rules/ruleset.js';
import { emit, type Io } from '../commands/io.js';
import { buildOsqueryExport, osqueryPack, type ExportResult } from './osquery.js';
import { fleetYaml } from './fleet.js';

export const EXPORT_FORMATS = ['osquery', 'fleet'] as const;

export async function rulesExport(opts: { format?: string; output?: string; rules?: string[] }, io: Io): Promise<number> {
  const format = opts.format;
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}" (use ${EXPORT_FORMATS.join(' or ')})`, {
      key: 'error.unknown-format',
      params: { format: String(format), formats: EXPORT_FORMATS.join(', ') },
    });
  }
  const { rules } = await loadRuleSet({ extraDirs: opts.rules });
  const result = buildOsqueryExport(rules);
  const { t } = translator(io.lang);
  if (!result.queries.length) throw new UsageError(t('export.none'), { key: 'export.none' });
  const text = format === 'osquery' ? `${JSON.stringify(osqueryPack(result), null, 2)}\n` : fleetYaml(result);
  emit(io, text, opts.output);
  for (const line of summary(result, io)) io.err(`${line}\n`);
  if (opts.output) io.err(`${t('export.wrote', { file: esc(opts.output) })}\n`);
  return EXIT.nothingFound;
}

/** What was exported and, by kind, what was not: on standard error, so the pack itself stays clean. */
function summary(result: ExportResult, io: Io): string[] {
  const { t } = translator(io.lang);
  const by = (p: string) => result.queries.filter((q) => q.platform === p).length;
  const tables = [...new Set(result.queries.flatMap((q) => q.tables))].sort();
  const lines = [
    t('export.summary', {
      queries: result.queries.length,
      rules: new Set(result.queries.map((q) => q.rule)).size,
      windows: by('windows'),
      macos: by('macos'),
      linux: by('linux'),
      tables: tables.join(', '),
    }),
  ];
  const kinds = new Map<string, number>();
  // a domain is skipped once per platform of its rule; count each rule's indicator once
  const once = new Set<string>();
  for (const s of result.skipped) {
    const id = `${s.rule}\0${s.kind}\0${s.value}\0${s.reason}`;
    if (s.reason === 'file-glob' || once.has(id)) continue;
    once.add(id);
    const key = s.reason === 'kind' ? s.kind : `${s.kind} (${s.reason})`;
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
  }
  if (kinds.size) lines.push(t('export.not-exported', { list: [...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ') }));
  const globs = result.skipped.filter((s) => s.reason === 'file-glob');
  if (globs.length) lines.push(t('export.file-glob', { list: [...new Set(globs.map((s) => s.rule))].map(esc).join(', ') }));
  if (result.networkOnly.length) lines.push(t('export.network-only', { n: result.networkOnly.length }));
  if (result.empty.length) lines.push(t('export.empty', { list: result.empty.map((e) => `${esc(e.rule)} (${e.platform})`).join(', ') }));
  return lines;
}
