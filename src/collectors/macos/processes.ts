import type { ProcessRow } from '../../snapshot/schema.js';
import type { Collector } from '../types.js';
import { readSignatures, signatureCoverage } from './codesign.js';
import { AnswerBuilder, judgeAnswer, type Answer } from '../shared/answer.js';
import { answerFailure, basename, coverage, execFailure } from './util.js';
import { joinReasons, maybeReasons, reason, reasonsOf, why, type Reason } from '../shared/reason.js';

const SOURCE = 'macos/processes';
const PS = '/bin/ps';
const TIMEOUT_MS = 20_000;
const MAX_BUFFER = 64 * 1024 * 1024;
// ps pads and cuts every column except the last one (COMM to 16 characters), so comm and args
// are read in two calls where each is the last column.
export const PS_ARGS_ARGV = ['-axww', '-o', 'pid=,ppid=,user=,args='] as const;
export const PS_COMM_ARGV = ['-axww', '-o', 'pid=,comm='] as const;
// In the C locale Apple's ps prints every non-ASCII byte in vis(3) notation ("José" as "JosM-CM-)"), so a path
// under /Users/José would never match; en_US.UTF-8 ships with every macOS release (C.UTF-8 only with recent ones).
export const PS_ENV = { LC_ALL: 'en_US.UTF-8' } as const;

// One byte in the notation strvis(VIS_TAB | VIS_NL | VIS_NOSLASH) gives bytes >= 0x80 in a single-byte locale.
const VIS_HIGH = /M-[\x21-\x7e]|M\^[@A-Z[\\\]^_?]|\\240/g;
const visByte = (t: string): number => {
  if (t === '\\240') return 0xa0;
  if (t[1] === '-') return 0x80 | t.charCodeAt(2);
  return t[2] === '?' ? 0xff : 0x80 | (t.charCodeAt(2) - 0x40);
};

/**
 * Turns ps's C-locale notation of UTF-8 characters back into text, in case the UTF-8 locale did not take.
 * Only runs of escapes that decode to valid UTF-8 are replaced (the notation is not one-to-one: a literal "M-C"
 * stays as it is unless it is followed by a continuation byte's escape).
 */
export function decodePsVis(s: string): string {
  if (!s.includes('M-') && !s.includes('M^') && !s.includes('\\240')) return s;
  return s.replace(/(?:M-[\x21-\x7e]|M\^[@A-Z[\\\]^_?]|\\240)+/g, (run) => {
    const bytes = Buffer.from((run.match(VIS_HIGH) ?? []).map(visByte));
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    // keep the run as printed when any byte is not part of a valid character
    return text.includes('\ufffd') ? run : text;
  });
}

export const SIGNATURE_BUDGET = { maxCount: 60, maxTotalMs: 10_000 } as const;

export interface PsArgsRow {
  pid: number;
  ppid: number;
  user: string;
  args: string;
}

/** Reads `ps -axww -o pid=,ppid=,user=,args=` (no header: every line is one process); other lines are counted, not guessed. */
export function readPsArgs(raw: string): Answer<PsArgsRow> {
  const a = new AnswerBuilder<PsArgsRow>();
  for (const line of raw.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)(?:\s(.*))?$/.exec(line);
    if (!m) {
      // a header is not what `pid=` asks for, but it is not garbage either
      if (!/^\s*PID\s+PPID\b/.test(line)) a.reject(line);
      continue;
    }
    a.row({ pid: Number(m[1]), ppid: Number(m[2]), user: m[3], args: decodePsVis((m[4] ?? '').replace(/^\s+/, '').trimEnd()) });
  }
  // ps always lists at least itself
  return a.done(a.rows.length || a.bad ? undefined : 'no process was listed');
}

/** Parses `ps -axww -o pid=,ppid=,user=,args=`. */
export function parsePsArgs(raw: string): PsArgsRow[] {
  return readPsArgs(raw).rows;
}

/** Reads `ps -axww -o pid=,comm=` into pid -> comm (argv[0], usually the full executable path). */
export function readPsComm(raw: string): Answer<[number, string]> {
  const a = new AnswerBuilder<[number, string]>();
  for (const line of raw.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = /^\s*(\d+)(?: +(.*?))?\s*$/.exec(line);
    if (m) {
      if (m[2]) a.row([Number(m[1]), decodePsVis(m[2])]);
    } else if (!/^\s*PID\s+COMM/.test(line)) a.reject(line);
  }
  return a.done(a.rows.length || a.bad ? undefined : 'no process was listed');
}

/** Parses `ps -axww -o pid=,comm=` into pid -> comm (argv[0], usually the full executable path). */
export function parsePsComm(raw: string): Map<number, string> {
  return new Map(readPsComm(raw).rows);
}

/** Joins both ps outputs into process rows; `comm` may be empty when the second call failed. */
export function buildProcesses(argsRows: PsArgsRow[], comm: Map<number, string>): ProcessRow[] {
  return argsRows.map((r) => {
    const c = comm.get(r.pid);
    const row: ProcessRow = { pid: r.pid, ppid: r.ppid, name: '', user: r.user };
    if (c) {
      // Login shells show argv[0] as "-zsh".
      row.name = basename(c).replace(/^-/, '');
      if (c.startsWith('/')) row.path = c;
    } else {
      row.name = basename(r.args.split(' ')[0] ?? '').replace(/^-/, '');
    }
    if (!row.name) row.name = String(r.pid);
    if (r.args) row.cmdline = r.args;
    return row;
  });
}

export const processesCollector: Collector = {
  id: SOURCE,
  tables: ['processes'],
  async collect(ctx) {
    const [a, c] = await Promise.all([
      ctx.exec(PS, PS_ARGS_ARGV, { timeoutMs: TIMEOUT_MS, maxBuffer: MAX_BUFFER, env: PS_ENV }),
      ctx.exec(PS, PS_COMM_ARGV, { timeoutMs: TIMEOUT_MS, maxBuffer: MAX_BUFFER, env: PS_ENV }),
    ]);
    const failA = execFailure(SOURCE, 'processes', 'ps', a);
    if (failA) return { tables: {}, coverage: [failA] };
    const argsAnswer = readPsArgs(a.stdout);
    const argsRows = argsAnswer.rows;
    const badArgs = answerFailure(SOURCE, 'processes', 'ps', argsAnswer);
    if (badArgs?.status === 'error') return { tables: {}, coverage: [badArgs] };
    const failC = execFailure(SOURCE, 'processes', 'ps', c);
    const commAnswer = failC ? undefined : readPsComm(c.stdout);
    const badComm = commAnswer ? judgeAnswer('ps', commAnswer) : undefined;
    const processes = buildProcesses(argsRows, commAnswer && badComm?.status !== 'error' ? new Map(commAnswer.rows) : new Map());
    const notes: Reason[] = [...reasonsOf(badArgs)];
    if (failC) notes.push(why('ps-paths-unread'), ...reasonsOf(failC));
    else if (badComm) notes.push(why(badComm.status === 'error' ? 'ps-paths-unread' : 'ps-paths-some-unread'), badComm.why);
    const cov = notes.length ? coverage(SOURCE, 'processes', 'partial', joinReasons(notes as [Reason, ...Reason[]])) : coverage(SOURCE, 'processes', 'ok');
    // who signed each running non-Apple program, so that rules naming a developer's Team ID can match
    const sigs = await readSignatures(ctx, processes.flatMap((p) => (p.path ? [p.path] : [])), SIGNATURE_BUDGET);
    for (const p of processes) {
      const t = p.path ? sigs.byPath.get(p.path)?.team_id : undefined;
      if (t) p.team_id = t;
    }
    return { tables: { processes }, coverage: [cov, signatureCoverage('processes', 'running non-Apple programs', sigs)] };
  },
};
