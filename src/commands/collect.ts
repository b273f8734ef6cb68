import { collectSnapshot } from '../collectors/registry.js';
import { EXIT } from '../errors.js';
import { loadRuleSet } from '../rules/ruleset.js';
import { emit, type Io } from './io.js';

export async function collectCommand(opts: { output?: string; rules?: string[] }, io: Io): Promise<number> {
  const { rules } = await loadRuleSet({ extraDirs: opts.rules });
  const snapshot = await collectSnapshot({ rules });
  emit(io, JSON.stringify(snapshot, null, 2) + '\n', opts.output);
  if (opts.output) io.err(`wrote the inventory of this computer to ${opts.output} (it contains program paths and user names: share it with care)\n`);
  return EXIT.nothingFound;
}
