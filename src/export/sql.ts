// SQL text from rule strings: every value is a quoted literal, every wildcard is escaped for the operator it meets.

/** A SQL string literal: single quotes doubled. Rule text can never end the literal. */
export function lit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The escape character of every LIKE we write (`ESCAPE '\'`). */
export const LIKE_ESCAPE = "ESCAPE '\\'";

/** A literal string for LIKE ... ESCAPE '\': `\`, `%` and `_` stand for themselves. */
export function likeLiteral(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A literal string for GLOB (case-sensitive, no escape clause): `*`, `?` and `[` in brackets. */
export function globLiteral(s: string): string {
  return s.replace(/[*?[]/g, (c) => `[${c}]`);
}

/** Our name glob (`*` any run, `?` one character) as a LIKE pattern (ASCII case-insensitive in SQLite). */
export function nameGlobToLike(glob: string): string {
  let out = '';
  for (const c of glob) out += c === '*' ? '%' : c === '?' ? '_' : likeLiteral(c);
  return out.replace(/%+/g, '%');
}

/** Our name glob as a GLOB pattern (case-sensitive). */
export function nameGlobToGlob(glob: string): string {
  let out = '';
  for (const c of glob) out += c === '*' ? '*' : c === '?' ? '?' : globLiteral(c);
  return out.replace(/\*+/g, '*');
}

const isSep = (c: string | undefined) => c === '\\' || c === '/';

interface PathToken {
  kind: 'lit' | 'star' | 'globstar' | 'one' | 'folders';
  text?: string;
}

/** Splits a path glob the way src/match/glob.ts reads it: `*`, `**`, `**\` (zero or more folders), `?`, literals. */
export function tokenizePathGlob(glob: string): PathToken[] {
  const out: PathToken[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      let n = 1;
      while (glob[i + 1] === '*') {
        i++;
        n++;
      }
      if (n >= 2 && isSep(glob[i + 1])) {
        i++;
        out.push({ kind: 'folders', text: glob[i] });
      } else out.push({ kind: n >= 2 ? 'globstar' : 'star' });
    } else if (c === '?') out.push({ kind: 'one' });
    else {
      const last = out[out.length - 1];
      if (last?.kind === 'lit') last.text += c;
      else out.push({ kind: 'lit', text: c });
    }
  }
  return out;
}

/**
 * A path glob as GLOB patterns whose union matches what bosswatch matches: `**\` gives two forms (no folder, or
 * some folders), so at most 2^3 patterns (the validator allows three `**`). `*` in GLOB also crosses separators:
 * `singleLevel` says the caller must pin the separator count (true when the glob has no `**`).
 */
export function pathGlobToGlobs(glob: string, sep: string, lower: boolean): { patterns: string[]; singleLevel: boolean; separators: number } {
  const tokens = tokenizePathGlob(lower ? glob.toLowerCase() : glob);
  let patterns = [''];
  let singleLevel = true;
  let separators = 0;
  for (const t of tokens) {
    if (t.kind === 'lit') {
      const text = t.text!.replace(/[\\/]/g, sep);
      separators += [...text].filter((c) => c === sep).length;
      patterns = patterns.map((p) => p + globLiteral(text));
    } else if (t.kind === 'star' || t.kind === 'globstar') {
      if (t.kind === 'globstar') singleLevel = false;
      patterns = patterns.map((p) => (p.endsWith('*') ? p : `${p}*`));
    } else if (t.kind === 'one') patterns = patterns.map((p) => `${p}?`);
    else {
      singleLevel = false;
      patterns = patterns.flatMap((p) => [p, `${p}*${globLiteral(sep)}`]);
    }
  }
  return { patterns: [...new Set(patterns)], singleLevel, separators };
}

/**
 * A path glob as the LIKE pattern osquery's `file` table expands on disk (`%` one level, `%%` recursive at the
 * end only); undefined when osquery cannot express it: `**` inside a path, `?`, or a literal `%`.
 * No ESCAPE clause: osquery hands the pattern to its own globbing, which knows none. A literal `_` is kept: it is
 * literal on disk, and the GLOB check beside it keeps SQLite's one-character reading of `_` from matching more.
 */
export function pathGlobToFileLike(glob: string, sep: string): string | undefined {
  const tokens = tokenizePathGlob(glob);
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'lit') {
      if (t.text!.includes('%')) return undefined;
      out += t.text!.replace(/[\\/]/g, sep);
    } else if (t.kind === 'star') out += '%';
    else if (t.kind === 'globstar' && i === tokens.length - 1) out += '%%';
    else return undefined;
  }
  return out;
}

/** `(length(col) - length(replace(col, sep, ''))) = n`: the number of separators, for single-level globs. */
export function separatorCount(col: string, sep: string, n: number): string {
  return `(length(${col}) - length(replace(${col}, ${lit(sep)}, ''))) = ${n}`;
}
