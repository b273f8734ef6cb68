import { escapeTerminal as esc } from '../report/escape.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import { FLEET_FORMATS, renderFleet, type FleetFormat } from '../fleet/render.js';
import { parseMinGroup, summariseFleet } from '../fleet/summary.js';
import { loadRuleSet } from '../rules/ruleset.js';
import { emit, type Io } from './io.js';

export async function fleetCommand(inputs: string[], opts: { format?: string; minGroup?: string; output?: string }, io: Io): Promise<number> {
  const format = (opts.format ?? 'terminal') as FleetFormat;
  if (!(FLEET_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}" (use ${FLEET_FORMATS.join(', ')})`, { key: 'error.unknown-format', params: { format, formats: FLEET_FORMATS.join(', ') } });
  }
  const minGroup = parseMinGroup(opts.minGroup);
  const { rules } = await loadRuleSet();
  const s = summariseFleet(inputs, rules, { minGroup, lang: io.lang });
  if (s.inputs.used === 0) {
    for (const f of s.inputs.skipped_files) io.err(`  ${esc(f.file)}: ${esc(f.why)}\n`);
    throw new InputError(`none of the ${s.inputs.given} files is a bosswatch report or snapshot`, { key: 'fleet.error.nothing', params: { given: s.inputs.given } });
  }
  emit(io, renderFleet(s, format, io.lang), opts.output);
  return s.products.length || s.behaviours.length ? EXIT.found : EXIT.nothingFound;
}
