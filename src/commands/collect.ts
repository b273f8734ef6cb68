import { hostname, userInfo } from 'node:os';
import { collectSnapshot } from '../collectors/registry.js';
import { startRawCapture, stopRawCapture } from '../collectors/shared/raw.js';
import { EXIT } from '../errors.js';
import { loadRuleSet } from '../rules/ruleset.js';
import { emit, type Io } from './io.js';

function whoami(): string[] {
  try {
    return [userInfo().username];
  } catch {
    return [];
  }
}

export async function collectCommand(opts: { output?: string; rules?: string[]; raw?: string }, io: Io): Promise<number> {
  const { rules } = await loadRuleSet({ extraDirs: opts.rules });
  const capture = opts.raw ? startRawCapture() : undefined;
  let snapshot;
  try {
    snapshot = await collectSnapshot({ rules });
  } finally {
    stopRawCapture();
  }
  const json = JSON.stringify(snapshot, null, 2) + '\n';
  if (capture && opts.raw) {
    const { writeRawDir } = await import('./raw.js');
    const { files } = writeRawDir(opts.raw, capture, json, { hostnames: [hostname(), snapshot.host.hostname ?? ''], users: whoami() });
    io.err(`wrote ${files} files (what each command printed and each file read, user and host names redacted) to ${opts.raw}; look through them before you share them\n`);
  }
  emit(io, json, opts.output);
  if (opts.output) io.err(`wrote the inventory of this computer to ${opts.output} (it contains program paths and user names: share it with care)\n`);
  return EXIT.nothingFound;
}
