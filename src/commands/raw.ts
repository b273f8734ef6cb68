import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RawCapture, RawEntry } from '../collectors/shared/raw.js';
import { InputError } from '../errors.js';
import { cannotWrite, describeWriteError, prepareEmptyFolder, writeErrorMessage } from './io.js';
import { makeRedactor, type Redactor } from '../privacy/redact.js';

// The redaction is the one reports and snapshots use (src/privacy/redact.ts).
export { makeRedactor, type Redactor };

const isBinary = (b: Uint8Array) => b.includes(0) || Buffer.from(b.subarray(0, 8)).toString('latin1') === 'bplist00';

/** A file name that cannot leave DIR: letters, digits, dot, dash and underscore only. */
function safeName(n: number, label: string, suffix: string): string {
  const base = label.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(-80) || 'item';
  return `${String(n).padStart(4, '0')}-${base}${suffix}`;
}

function prepareDir(dir: string): void {
  const cannotCreate = (e: unknown) => new InputError(`--raw ${dir}: cannot create the folder: ${describeWriteError(e)}`, { key: 'err.raw.cannot-create', params: { dir }, parts: { detail: writeErrorMessage(e) } });
  prepareEmptyFolder(dir, {
    notFolder: () => new InputError(`--raw ${dir}: not a folder (give a new or empty folder)`, { key: 'err.raw.not-folder', params: { dir } }),
    notEmpty: () => new InputError(`--raw ${dir}: the folder is not empty (give a new or empty folder, so nothing is overwritten)`, { key: 'err.raw.not-empty', params: { dir } }),
    cannotCreate,
  });
  try {
    mkdirSync(path.join(dir, 'commands'));
    mkdirSync(path.join(dir, 'files'));
  } catch (e) {
    throw cannotCreate(e);
  }
}

/** Writes index.json, commands/*, files/* and snapshot.json into DIR (only there, never overwriting). */
export function writeRawDir(dir: string, capture: RawCapture, snapshotJson: string, known: { hostnames: string[]; users: string[] }): { files: number } {
  prepareDir(dir);
  const texts: string[] = [snapshotJson];
  for (const e of capture.entries) {
    if (e.kind === 'command') texts.push(e.stdout, e.stderr, e.args.join(' '));
    else {
      texts.push(e.path);
      if (typeof e.content === 'string') texts.push(e.content);
    }
  }
  const r = makeRedactor(texts, known);
  let files = 0;
  const write = (rel: string, data: string | Uint8Array) => {
    const file = path.join(dir, rel);
    try {
      writeFileSync(file, data, { flag: 'wx' });
    } catch (e) {
      throw cannotWrite(file, e);
    }
    files++;
  };
  const index: Record<string, unknown>[] = [];
  for (const e of capture.entries) index.push(writeEntry(e, r, write));
  write('snapshot.json', r.text(snapshotJson));
  write(
    'index.json',
    JSON.stringify(
      {
        what: 'Raw outputs read by `bosswatch collect --raw`: every command it ran and every file it read, in order.',
        redacted: 'User names (in paths and elsewhere) are replaced by <user>, the host name by <host>; in binary files they are overwritten with x.',
        entries: index,
      },
      null,
      2,
    ) + '\n',
  );
  return { files };
}

function writeEntry(e: RawEntry, r: Redactor, write: (rel: string, data: string | Uint8Array) => void): Record<string, unknown> {
  if (e.kind === 'command') {
    const label = path.basename(e.file.replace(/\\/g, '/'));
    const row: Record<string, unknown> = { n: e.n, collector: e.collector, command: [e.file, ...e.args].map(r.text) };
    if (e.env) row.env = e.env;
    if (e.stdin_bytes !== undefined) row.stdin_bytes = e.stdin_bytes;
    row.exit_code = e.code;
    if (e.error) row.error = e.error;
    const out = `commands/${safeName(e.n, label, '.stdout.txt')}`;
    write(out, r.text(e.stdout));
    row.stdout = out;
    if (e.stderr) {
      const err = `commands/${safeName(e.n, label, '.stderr.txt')}`;
      write(err, r.text(e.stderr));
      row.stderr = err;
    }
    return row;
  }
  const shown = r.text(e.path);
  const row: Record<string, unknown> = { n: e.n, collector: e.collector, file: shown };
  if (e.error) row.error = e.error;
  if (e.content !== undefined) {
    const rel = `files/${safeName(e.n, shown.replace(/<user>/g, 'user').replace(/<host>/g, 'host'), '')}`;
    if (typeof e.content === 'string') write(rel, r.text(e.content));
    else {
      const asText = Buffer.from(e.content).toString('utf8');
      // not valid UTF-8 text either: kept as bytes
      if (isBinary(e.content) || !Buffer.from(asText, 'utf8').equals(Buffer.from(e.content))) write(rel, r.bytes(e.content));
      else write(rel, r.text(asText));
    }
    row.content = rel;
  }
  return row;
}
