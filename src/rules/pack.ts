// A rule pack: the rules of one or more folders, validated once by `bosswatch rules build`, saved as one JSON
// file. Loading it skips YAML parsing and the full rule validation, which are most of the cost of a big folder;
// its digest says whether it was changed after it was built. bosswatch never writes one unless asked.
import { InputError } from '../errors.js';
import { readRegular, readFailureText, readFailureMessage } from '../collectors/shared/read.js';
import type { RuntimeRule } from '../match/types.js';
import { PACKAGE_ROOT } from '../paths.js';
import { issuePath, validateJson, type JsonSchema } from '../snapshot/validate.js';

export const PACK_FORMAT = 'bosswatch-rule-pack';
export const PACK_VERSION = 1;
/** 10,000 rules make about 20 MB of pack. */
export const MAX_PACK_BYTES = 512 * 1024 * 1024;

export interface RulePack {
  format: typeof PACK_FORMAT;
  version: typeof PACK_VERSION;
  built_with: string;
  count: number;
  digest: string;
  rules: RuntimeRule[];
}

let runtimeRuleSchema: JsonSchema | undefined;
/** The rule contract without its test cases, which a pack leaves out. */
function ruleSchema(): JsonSchema {
  if (!runtimeRuleSchema) {
    const r = readRegular(`${PACKAGE_ROOT}/schema/rule.schema.json`);
    if (!r.ok) throw new Error(`bosswatch's rule schema is missing (${readFailureText(r.why)}): reinstall bosswatch`);
    const s = JSON.parse(r.data.toString('utf8')) as JsonSchema;
    s.required = (s.required ?? []).filter((k) => k !== 'tests');
    runtimeRuleSchema = s;
  }
  return runtimeRuleSchema;
}

export function isPackFile(path: string): boolean {
  return path.endsWith('.json');
}

/** Reads a pack: a regular file of bounded size, the pack format, every rule of the rule contract's shape, an intact digest. */
export async function loadPack(file: string, digestOf: (rules: readonly RuntimeRule[]) => Promise<string>): Promise<RuntimeRule[]> {
  const r = readRegular(file, { max: MAX_PACK_BYTES });
  if (!r.ok)
    throw new InputError(`cannot read rule pack ${file}: ${r.why === 'missing' ? 'no such file' : readFailureText(r.why)}`, {
      key: 'err.pack.unreadable',
      params: { file },
      parts: { why: readFailureMessage(r.why === 'missing' ? 'no-such-file' : r.why, MAX_PACK_BYTES) },
    });
  let data: Partial<RulePack>;
  try {
    data = JSON.parse(r.data.toString('utf8')) as Partial<RulePack>;
  } catch (e) {
    throw new InputError(`${file} is not a JSON rule pack: ${(e as Error).message}`, { key: 'err.pack.not-json', params: { file, detail: (e as Error).message } });
  }
  if (!data || typeof data !== 'object' || data.format !== PACK_FORMAT)
    throw new InputError(`${file} is not a bosswatch rule pack (expected "format": "${PACK_FORMAT}"; build one with: bosswatch rules build DIR --output FILE)`, { key: 'err.pack.not-pack', params: { file, format: PACK_FORMAT } });
  if (data.version !== PACK_VERSION)
    throw new InputError(`${file} is rule pack version ${JSON.stringify(data.version)}; this bosswatch reads version ${PACK_VERSION}: rebuild it`, {
      key: 'err.pack.version',
      params: { file, version: String(JSON.stringify(data.version)), expected: PACK_VERSION },
    });
  if (!Array.isArray(data.rules)) throw new InputError(`${file}: rules: expected an array`, { key: 'err.pack.not-array', params: { file } });
  const schema = ruleSchema();
  for (let i = 0; i < data.rules.length; i++) {
    const v = validateJson(schema, data.rules[i], 1);
    if (v.total)
      throw new InputError(`${file}: rules[${i}].${issuePath(v.issues[0].path)}: ${v.issues[0].message}`, {
        key: 'err.pack.invalid',
        params: { file, index: i, path: issuePath(v.issues[0].path), detail: v.issues[0].message },
      });
  }
  if ((await digestOf(data.rules)) !== data.digest)
    throw new InputError(`${file} was changed after it was built (its digest does not match its rules): rebuild it with bosswatch rules build`, { key: 'err.pack.changed', params: { file } });
  return data.rules;
}

export function makePack(rules: RuntimeRule[], digest: string, version: string): RulePack {
  return { format: PACK_FORMAT, version: PACK_VERSION, built_with: `bosswatch ${version}`, count: rules.length, digest, rules };
}
