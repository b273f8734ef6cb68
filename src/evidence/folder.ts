import path from 'node:path';
import { InputError } from '../errors.js';
import { describeWriteError, prepareEmptyFolder, writeErrorMessage, writeFileAtomic } from '../commands/io.js';
import { sha256 } from './canonical.js';
import type { Manifest } from './manifest.js';

export const EVIDENCE_FILES = ['snapshot.json', 'report.json', 'report.html'] as const;
export const EVIDENCE_FORMAT = 'bosswatch-evidence';

/** A new or empty folder (never a symlink, never one with files in it, so nothing is overwritten). */
function prepare(dir: string): void {
  prepareEmptyFolder(dir, {
    notFolder: () => new InputError(`--evidence ${dir}: not a folder`, { key: 'evidence.not-folder', params: { dir } }),
    notEmpty: () => new InputError(`--evidence ${dir}: the folder is not empty`, { key: 'evidence.not-empty', params: { dir } }),
    cannotCreate: (e) => new InputError(`--evidence ${dir}: cannot create the folder: ${describeWriteError(e)}`, { key: 'evidence.cannot-create', params: { dir }, parts: { why: writeErrorMessage(e) } }),
  });
}

/** Writes the snapshot, the JSON and HTML reports and manifest.json (the report's manifest plus each file's SHA-256). */
export function writeEvidence(dir: string, parts: { snapshotJson: string; reportJson: string; reportHtml: string; manifest: Manifest }): void {
  prepare(dir);
  const texts: Record<(typeof EVIDENCE_FILES)[number], string> = { 'snapshot.json': parts.snapshotJson, 'report.json': parts.reportJson, 'report.html': parts.reportHtml };
  const files: Record<string, string> = {};
  for (const name of EVIDENCE_FILES) {
    writeFileAtomic(path.join(dir, name), texts[name]);
    files[name] = sha256(texts[name]);
  }
  const manifest = { format: EVIDENCE_FORMAT, version: 1, manifest: parts.manifest, files };
  writeFileAtomic(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}
