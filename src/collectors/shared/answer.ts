import type { CoverageStatus } from '../../snapshot/schema.js';
import { joinReasons, why, type Reason } from './reason.js';

/**
 * What a parser made of one helper command's output: the rows it read, and how much of the output had none of the
 * shapes the tool prints. A parser that cannot tell garbage from an empty answer would let a broken or replaced
 * command look like "nothing installed"; with this, garbage is `error` and part-garbage `partial`, never `ok`.
 */
export interface Answer<T> {
  rows: T[];
  /** Lines (or items) that were not one of the tool's known shapes. */
  bad: number;
  /** Lines (or items) that were meant to be rows: the good ones plus `bad` (headers and blank lines not counted). */
  total: number;
  /** Set when the output as a whole is not this tool's answer (no header, not JSON, empty where it always prints). */
  unrecognised?: string;
  /** The first line that was not understood, escaped and shortened (see `sampleOf`). */
  sample?: string;
}

const SAMPLE_MAX = 40;

/** A short, printable, escaped copy of a piece of output for a coverage reason: never raw control or bidi characters. */
export function sampleOf(line: string): string {
  let out = '';
  for (const ch of line.trim()) {
    const cp = ch.codePointAt(0)!;
    out += cp >= 0x20 && cp < 0x7f && ch !== '\\' ? ch : ch === '\\' ? '\\\\' : cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16)}}`;
    if (out.length >= SAMPLE_MAX) return `${out.slice(0, SAMPLE_MAX)}…`;
  }
  return out;
}

/** Collects rows and the lines that were not understood, as a line parser goes. */
export class AnswerBuilder<T> {
  rows: T[] = [];
  bad = 0;
  total = 0;
  sample?: string;
  row(r: T): void {
    this.rows.push(r);
    this.total++;
  }
  /** A line meant to be a row (or any line outside the tool's known shapes) that could not be read. */
  reject(line: string): void {
    this.bad++;
    this.total++;
    this.sample ??= sampleOf(line);
  }
  done(unrecognised?: string): Answer<T> {
    const a: Answer<T> = { rows: this.rows, bad: this.bad, total: this.total };
    if (unrecognised) a.unrecognised = unrecognised;
    if (this.sample !== undefined) a.sample = this.sample;
    return a;
  }
}

/** An answer that is not the tool's at all. */
export function unrecognised<T>(why: string, text = ''): Answer<T> {
  const first = text.split(/\r?\n/).find((l) => l.trim());
  return { rows: [], bad: 0, total: 0, unrecognised: why, ...(first ? { sample: sampleOf(first) } : {}) };
}

/** How far to trust an answer: `error` when none of it is the tool's, `partial` when some lines are not, else undefined. */
export interface AnswerVerdict {
  status: Extract<CoverageStatus, 'error' | 'partial'>;
  /** What was not understood, with counts, as a coded reason. */
  why: Reason;
  /** The same in English, one sentence without a final full stop. */
  note: string;
}

export function judgeAnswer(tool: string, a: Answer<unknown>): AnswerVerdict | undefined {
  const verdict = (status: AnswerVerdict['status'], w: Reason): AnswerVerdict => ({ status, why: w, note: joinReasons([w]).reason });
  const sample = a.sample !== undefined ? { sample: a.sample } : undefined;
  if (a.unrecognised) return verdict('error', why(sample ? 'answer-unrecognised-seen' : 'answer-unrecognised', { tool, detail: a.unrecognised, ...sample }));
  if (a.bad === 0) return undefined;
  // one line gets its own words: "none of the 1 line(s)" / "ninguna de las 1 líneas" reads as a fault
  if (a.rows.length === 0) {
    if (a.bad === 1) return verdict('error', why(sample ? 'answer-none-one-seen' : 'answer-none-one', { tool, ...sample }));
    return verdict('error', why(sample ? 'answer-none-seen' : 'answer-none', { tool, count: a.bad, ...sample }));
  }
  if (a.bad === 1) return verdict('partial', why(sample ? 'answer-some-one-seen' : 'answer-some-one', { tool, total: a.total, ...sample }));
  return verdict('partial', why(sample ? 'answer-some-seen' : 'answer-some', { tool, count: a.bad, total: a.total, ...sample }));
}
