import type { coverageEn } from '../../i18n/coverage.en.js';
import { translator } from '../../i18n/index.js';
import type { CoverageRow } from '../../snapshot/schema.js';

// A coverage reason is stored as a code and its values, so that a snapshot collected in English reads in Spanish later.
export type ReasonCode = keyof typeof coverageEn extends infer K ? (K extends `reason.${infer C}` ? C : never) : never;
export type ReasonParams = Readonly<Record<string, string | number>>;
export interface Reason {
  code: ReasonCode;
  params?: ReasonParams;
}
export type CodedReason = Required<Pick<CoverageRow, 'reason' | 'code'>> & Pick<CoverageRow, 'params' | 'more'>;
/** One or more reasons, in the order they are said. */
export type Reasons = readonly [Reason, ...Reason[]];

const en = translator('en');
// {what} of a Windows reason is the section's words (winsection.*), looked up from its `section` value in each language
const english = (r: Reason) =>
  en.t(`reason.${r.code}`, r.params?.section !== undefined ? { ...r.params, what: en.t(`winsection.${r.params.section}` as Parameters<typeof en.t>[0]) } : r.params);

/** Notes said one after another: each ends as a sentence (a full stop added where a note has no end of its own). */
export function sentences(texts: readonly string[]): string {
  if (texts.length < 2) return texts.join('');
  return texts.map((t) => (/[.!?:;]$/.test(t.trimEnd()) ? t.trimEnd() : `${t.trimEnd()}.`)).join(' ');
}

/** A reason with its code and values: `why('tool-missing', { tool })`. */
export const why = (code: ReasonCode, params?: ReasonParams): Reason => ({ code, ...(params ? { params } : {}) });

/** The coverage fields for one reason: `...reason('tool-missing', { tool })` in a coverage row. */
export function reason(code: ReasonCode, params?: ReasonParams): CodedReason {
  return joinReasons([why(code, params)]);
}

/** Several reasons of one row: the first as code and params, the others as `more`, the English joined as `reason`. */
export function joinReasons(list: Reasons): CodedReason {
  const [first, ...rest] = list;
  return {
    reason: sentences(list.map(english)),
    code: first.code,
    ...(first.params ? { params: { ...first.params } } : {}),
    ...(rest.length ? { more: rest.map((r) => ({ code: r.code, ...(r.params ? { params: { ...r.params } } : {}) })) } : {}),
  };
}

/** The reasons a coded row says, first to last (empty when it has none), to say them again inside another row. */
export function reasonsOf(row: Pick<CoverageRow, 'code' | 'params' | 'more'> | undefined): Reason[] {
  if (!row?.code) return [];
  return [{ code: row.code, ...(row.params ? { params: row.params } : {}) } as Reason, ...((row.more ?? []) as Reason[])];
}

/** joinReasons of a list that may be empty: no fields at all then. */
export function maybeReasons(list: readonly Reason[]): CodedReason | Record<string, never> {
  return list.length ? joinReasons(list as Reasons) : {};
}
