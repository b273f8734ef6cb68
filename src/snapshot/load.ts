import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { Snapshot } from './schema.js';

function where(path: readonly PropertyKey[]): string {
  return path.reduce<string>((a, k) => (typeof k === 'number' ? `${a}[${k}]` : a ? `${a}.${String(k)}` : String(k)), '') || '(top level)';
}

/** Reads and validates a saved snapshot; any problem becomes one InputError line naming the file and key. */
export async function loadSnapshot(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new InputError(`cannot read snapshot ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file} is not a JSON snapshot: ${(e as Error).message}`);
  }
  const { Snapshot: schema, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } = await import('./schema.js');
  const obj = data as Record<string, unknown> | null;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj) || obj.format !== SNAPSHOT_FORMAT) {
    throw new InputError(`${file} is not a bosswatch snapshot (expected "format": "${SNAPSHOT_FORMAT}")`);
  }
  if (obj.version !== SNAPSHOT_VERSION) {
    throw new InputError(`${file} is snapshot version ${JSON.stringify(obj.version)}; this bosswatch reads version ${SNAPSHOT_VERSION}`);
  }
  const r = schema.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0];
    const more = r.error.issues.length > 1 ? ` (and ${r.error.issues.length - 1} more problems)` : '';
    throw new InputError(`${file}: ${where(i.path)}: ${i.message}${more}`);
  }
  return r.data;
}
