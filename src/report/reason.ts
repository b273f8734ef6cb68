import { coverageEn } from '../i18n/coverage.en.js';
import type { MessageKey, Params, Translator } from '../i18n/index.js';
import { sentences as joinSentences } from '../collectors/shared/reason.js';

interface CoverageLike {
  reason?: string;
  code?: string;
  params?: Params;
  more?: readonly { code: string; params?: Params }[];
}

const known = (code: string): code is string => Object.hasOwn(coverageEn, `reason.${code}`);

// each English template as an anchored pattern, so that a reason written without a code (older snapshots) is recognised
let patterns: { code: string; re: RegExp }[] | undefined;
function templates(): { code: string; re: RegExp }[] {
  patterns ??= Object.entries(coverageEn).map(([key, text]) => {
    const seen = new Set<string>();
    const body = text
      .split(/(\{[a-z_]+\})/)
      .map((part) => {
        const name = /^\{([a-z_]+)\}$/.exec(part)?.[1];
        if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        if (seen.has(name)) return `\\k<${name}>`;
        seen.add(name);
        return `(?<${name}>.+?)`;
      })
      .join('');
    return { code: key.slice('reason.'.length), re: new RegExp(`^${body}$`, 's') };
  });
  return patterns;
}

// {what} names one part of the Windows inventory (winsection.*): its English words back to the part's name
let sections: Map<string, string> | undefined;
const sectionOf = (what: string) =>
  (sections ??= new Map(Object.entries(coverageEn).filter(([k]) => k.startsWith('winsection.')).map(([k, v]) => [v, k.slice('winsection.'.length)]))).get(what);

/** The code and values of an English reason written from a template, or undefined for any other text. */
export function codeOfReason(reason: string): { code: string; params: Params } | undefined {
  for (const { code, re } of templates()) {
    const m = re.exec(reason);
    if (!m) continue;
    const { what, ...params } = m.groups ?? {};
    if (what === undefined) return { code, params };
    const section = sectionOf(what);
    if (section) return { code, params: { ...params, section } };
  }
  return undefined;
}

/**
 * The code of an English reason when our templates made it; a row that joins several notes, each sentence's (as code
 * and more). Sentences first: a template opening with a value ("{tool} is not available…") would also swallow the note before it.
 */
export function codesOfReason(reason: string): { code: string; params: Params; more?: { code: string; params: Params }[] } | undefined {
  const sentences = reason.split(/(?<=\.) +/);
  const each = sentences.length > 1 ? sentences.map(codeOfReason) : [];
  if (each.length && each.every(Boolean)) {
    const [first, ...more] = each as { code: string; params: Params }[];
    return { ...first, more };
  }
  return codeOfReason(reason);
}

/**
 * A coverage row's reason in tr's language: from its code (or the template its English matches); otherwise the
 * collector's own words, marked `machine` so the renderer can say they were not translated.
 */
export function coverageReason(tr: Translator, row: CoverageLike): { text: string; machine: boolean } | undefined {
  const say = (code: string, params?: Params) =>
    tr.t(`reason.${code}` as MessageKey, params?.section !== undefined && Object.hasOwn(coverageEn, `winsection.${params.section}`) ? { ...params, what: tr.t(`winsection.${params.section}` as MessageKey) } : params);
  if (row.code && known(row.code) && (row.more ?? []).every((m) => known(m.code))) {
    return { text: joinSentences([say(row.code, row.params), ...(row.more ?? []).map((m) => say(m.code, m.params))]), machine: false };
  }
  if (!row.reason) return undefined;
  const found = codesOfReason(row.reason);
  if (found) return { text: [say(found.code, found.params), ...(found.more ?? []).map((m) => say(m.code, m.params))].join(' '), machine: false };
  return { text: row.reason, machine: true };
}
