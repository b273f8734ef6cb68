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

const english = (r: Reason) => translator('en').t(`reason.${r.code}`, r.params);

/** The coverage fields for one reason: `...reason('tool-missing', { tool })` in a coverage row. */
export function reason(code: ReasonCode, params?: ReasonParams): CodedReason {
  return joinReasons([{ code, ...(params ? { params } : {}) }]);
}

/** Several reasons of one row: the first as code and params, the others as `more`, the English joined as `reason`. */
export function joinReasons(list: readonly [Reason, ...Reason[]]): CodedReason {
  const [first, ...rest] = list;
  return {
    reason: list.map(english).join(' '),
    code: first.code,
    ...(first.params ? { params: { ...first.params } } : {}),
    ...(rest.length ? { more: rest.map((r) => ({ code: r.code, ...(r.params ? { params: { ...r.params } } : {}) })) } : {}),
  };
}
