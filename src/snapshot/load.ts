import { InputError, machineText } from '../errors.js';
import { readRegular, readFailureText, readFailureMessage } from '../collectors/shared/read.js';
import { PACKAGE_ROOT } from '../paths.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './constants.js';
import type { Snapshot } from './schema.js';
import { issuePath, validateJson, type JsonSchema } from './validate.js';

/** Snapshots of very large machines stay well below this; anything bigger is refused before parsing. */
export const MAX_SNAPSHOT_BYTES = 1024 * 1024 * 1024;

let schemaCache: JsonSchema | undefined;
function snapshotSchema(): JsonSchema {
  if (!schemaCache) {
    const r = readRegular(`${PACKAGE_ROOT}/schema/snapshot.schema.json`);
    if (!r.ok) throw new Error(`bosswatch's snapshot schema is missing (${readFailureText(r.why)}): reinstall bosswatch`);
    schemaCache = JSON.parse(r.data.toString('utf8')) as JsonSchema;
  }
  return schemaCache;
}

/** Validates parsed snapshot data; any problem becomes one InputError line naming the file and key. */
export function checkSnapshot(data: unknown, file: string): Snapshot {
  const obj = data as Record<string, unknown> | null;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj) || obj.format !== SNAPSHOT_FORMAT) {
    throw new InputError(`${file} is not a bosswatch snapshot (expected "format": "${SNAPSHOT_FORMAT}")`, { key: 'err.snapshot.not-snapshot', params: { file, format: SNAPSHOT_FORMAT } });
  }
  if (obj.version !== SNAPSHOT_VERSION) {
    throw new InputError(`${file} is snapshot version ${JSON.stringify(obj.version)}; this bosswatch reads version ${SNAPSHOT_VERSION}`, {
      key: 'err.snapshot.version',
      params: { file, version: String(JSON.stringify(obj.version)), expected: SNAPSHOT_VERSION },
    });
  }
  const r = validateJson(snapshotSchema(), data, 1);
  if (r.total) {
    const i = r.issues[0];
    const more = r.total > 1 ? ` (and ${r.total - 1} more ${r.total === 2 ? 'problem' : 'problems'})` : '';
    const moreMsg = r.total > 1 ? ({ key: r.total === 2 ? 'err.more.one' : 'err.more.other', params: { n: r.total - 1 } } as const) : machineText('');
    throw new InputError(`${file}: ${issuePath(i.path)}: ${i.message}${more}`, { key: 'err.snapshot.invalid', params: { file, path: issuePath(i.path), detail: i.message }, parts: { more: moreMsg } });
  }
  return data as Snapshot;
}

/** Reads and validates a saved snapshot: a regular file of bounded size, valid JSON, valid against the contract. */
export async function loadSnapshot(file: string): Promise<Snapshot> {
  const r = readRegular(file, { max: MAX_SNAPSHOT_BYTES });
  if (!r.ok)
    throw new InputError(`cannot read snapshot ${file}: ${r.why === 'missing' ? 'no such file' : readFailureText(r.why)}`, {
      key: 'err.snapshot.unreadable',
      params: { file },
      parts: { why: readFailureMessage(r.why === 'missing' ? 'no-such-file' : r.why, MAX_SNAPSHOT_BYTES) },
    });
  let data: unknown;
  try {
    data = JSON.parse(r.data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${file} is not a JSON snapshot: ${(e as Error).message}`, { key: 'err.snapshot.not-json', params: { file, detail: (e as Error).message } });
  }
  return checkSnapshot(data, file);
}
