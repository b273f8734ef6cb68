// Path rules macOS and Linux share: `/` only, case kept, `~` for every home folder.

export function stripQuotes(s: string): string {
  return s.length >= 2 && ((s[0] === '"' && s.endsWith('"')) || (s[0] === "'" && s.endsWith("'"))) ? s.slice(1, -1) : s;
}

/** Quotes, doubled and trailing slashes removed; case kept. */
export function cleanPosixPath(p: string): string {
  let s = stripQuotes(p.trim());
  if (s.length > 1) s = s.replace(/\/{2,}/g, '/');
  if (s.length > 1 && s.endsWith('/')) s = s.replace(/\/+$/, '') || '/';
  return s;
}

/** `~` and `~/x` as the same path under every home root; undefined for any other path. */
export function expandTilde(p: string, roots: readonly string[]): string[] | undefined {
  const m = /^~(\/.*)?$/.exec(p.trim());
  if (!m) return undefined;
  return roots.map((root) => root + (m[1] ?? ''));
}

/** Splits a command line the way a POSIX shell would for plain words, '...' and "..." (no expansion). */
export function splitPosixWords(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i];
    if (c === "'") {
      const end = cmd.indexOf("'", i + 1);
      cur += end < 0 ? cmd.slice(i + 1) : cmd.slice(i + 1, end);
      i = end < 0 ? cmd.length : end;
      has = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < cmd.length && cmd[j] !== '"'; j++) {
        if (cmd[j] === '\\' && j + 1 < cmd.length) j++;
        cur += cmd[j];
      }
      i = j;
      has = true;
    } else if (c === '\\' && i + 1 < cmd.length) {
      cur += cmd[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

/** Absolute paths among the words of a command line (or an argument array such as launchd's ProgramArguments). */
export function extractPosixPaths(command: string | readonly string[], opts: { joinSpaces?: boolean } = {}): string[] {
  const words = typeof command === 'string' ? commandWords(command, opts.joinSpaces ?? false) : [...command];
  const out: string[] = [];
  const add = (p: string) => {
    if (!out.includes(p)) out.push(p);
  };
  words.forEach((w, i) => {
    // `sh -c "sleep 5 && /opt/x/x"` (XDG Exec=, systemd ExecStart): the shell's command string holds the paths
    if (i > 0 && /^-[a-z]*c$/.test(words[i - 1]) && /\s/.test(w) && SHELL.test(words[i - 2] ?? words[0])) {
      for (const q of extractPosixPaths(w, opts)) add(q);
      return;
    }
    if (w.startsWith('/')) add(cleanPosixPath(w));
  });
  return out;
}

// Shells whose -c argument is a command line: the word itself or its file name
const SHELL = /(?:^|\/)(?:sh|bash|dash|zsh|ksh)$/;

function commandWords(command: string, joinSpaces: boolean): string[] {
  // systemd's ExecStart prefixes (-, @, +, !, !!, :) come before the program
  const words = splitPosixWords(command.trim().replace(/^[-@+!:]+(?=\/)/, ''));
  if (!joinSpaces || /["'\\]/.test(command)) return words;
  // an unquoted macOS path with spaces ("/Applications/Foo App.app/Contents/MacOS/Foo"): rejoin its words
  const out: string[] = [];
  for (const w of words) {
    const prev = out.length ? out[out.length - 1] : undefined;
    if (prev?.startsWith('/') && !w.startsWith('-') && !w.startsWith('/') && w.includes('/')) out[out.length - 1] = `${prev} ${w}`;
    else out.push(w);
  }
  return out;
}
