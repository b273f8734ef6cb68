import { collectSnapshot } from '../collectors/registry.js';
import { startRawCapture, stopRawCapture } from '../collectors/shared/raw.js';
import { EXIT } from '../errors.js';
import { jsonText } from '../report/escape.js';
import { translator } from '../i18n/index.js';
import { redactSnapshot, tenantSuffixesOf } from '../privacy/redact.js';
import { loadRuleSet } from '../rules/ruleset.js';
import { emit, type Io } from './io.js';
import { localIdentifiers } from './scan.js';

export async function collectCommand(
  opts: { output?: string; rules?: string[]; raw?: string; includeIdentifiers?: boolean; redactTenant?: boolean },
  io: Io,
): Promise<number> {
  const { rules } = await loadRuleSet({ extraDirs: opts.rules });
  const capture = opts.raw ? startRawCapture() : undefined;
  let snapshot;
  try {
    snapshot = await collectSnapshot({ rules });
  } finally {
    stopRawCapture();
  }
  const local = localIdentifiers();
  // private by default, like reports: what names the person stays on this computer unless asked
  const written = redactSnapshot(snapshot, {
    includeIdentifiers: opts.includeIdentifiers ?? false,
    redactTenant: opts.redactTenant ?? false,
    tenantSuffixes: opts.redactTenant ? tenantSuffixesOf(rules) : [],
    ...local,
  });
  const json = jsonText(written, 2) + '\n';
  if (capture && opts.raw) {
    const { writeRawDir } = await import('./raw.js');
    // the raw folder is always redacted; it learns the names from the full snapshot
    const { files } = writeRawDir(opts.raw, capture, JSON.stringify(snapshot, null, 2) + '\n', { hostnames: [...local.hostnames, snapshot.host.hostname ?? ''], users: local.users });
    io.err(`${translator(io.lang).t('raw.wrote', { files, dir: opts.raw })}\n`);
  }
  emit(io, json, opts.output);
  if (opts.output) {
    const tr = translator(io.lang);
    io.err(`${tr.t('collect.wrote', { file: opts.output, privacy: tr.t(opts.includeIdentifiers ? 'privacy.included' : 'privacy.redacted') })}\n`);
  }
  return EXIT.nothingFound;
}
