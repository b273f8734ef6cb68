// Rule globs are compiled to a small automaton (no backtracking, no RegExp from rule text), turned lazily into a
// DFA: time is linear in the input whatever the wildcards.

export interface GlobOptions {
  /** Path mode: `*` and `?` stay within one folder name, `**` crosses folders, `\` and `/` are the same separator. */
  path: boolean;
  caseInsensitive: boolean;
  /** Also match anything inside what the glob names (folder indicators). */
  folder?: boolean;
}

export interface GlobMatcher {
  readonly glob: string;
  test(input: string): boolean;
}

// Token kinds; each token is one automaton state.
const LIT = 0; // one literal character (in path mode a separator matches either separator)
const ONE = 1; // `?`
const STAR = 2; // `*` in path mode: any run of non-separators
const ANY = 3; // `**`, or `*` outside path mode: any run of characters
const GS_ENTRY = 4; // `**\`: zero folders (skip), or enter GS_LOOP
const GS_LOOP = 5; // inside `**\`: any characters, leaving only on a separator

const isSep = (c: number) => c === 0x5c || c === 0x2f;

/** Compiles a glob; matching is linear in the input for a given glob. */
export function compileGlob(glob: string, opts: GlobOptions): GlobMatcher {
  const kinds: number[] = [];
  const chars: number[] = [];
  const text = opts.caseInsensitive ? glob.toLowerCase() : glob;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*') {
      let n = 1;
      while (text[i + 1] === '*') {
        i++;
        n++;
      }
      if (n >= 2 && opts.path && (text[i + 1] === '\\' || text[i + 1] === '/')) {
        i++;
        // consecutive `**\**\` add nothing: one zero-or-more-folders state covers them
        if (kinds.length >= 2 && kinds[kinds.length - 1] === GS_LOOP) continue;
        kinds.push(GS_ENTRY, GS_LOOP);
        chars.push(0, 0);
      } else {
        const k = n >= 2 || !opts.path ? ANY : STAR;
        const last = kinds[kinds.length - 1];
        if (last === ANY || (last === STAR && k === STAR)) continue; // `**` next to `*` is still `**`
        if (last === STAR && k === ANY) kinds[kinds.length - 1] = ANY;
        else {
          kinds.push(k);
          chars.push(0);
        }
      }
    } else if (c === '?') {
      kinds.push(ONE);
      chars.push(0);
    } else {
      kinds.push(LIT);
      chars.push(c.charCodeAt(0));
    }
  }
  const m = kinds.length; // state m accepts
  const pathMode = opts.path;
  const folder = !!opts.folder;
  const ci = opts.caseInsensitive;

  // States reachable without input from state s (skipping stars and zero-folder `**\`).
  const closure: number[][] = [];
  for (let s = m; s >= 0; s--) {
    const out = [s];
    if (s < m) {
      if (kinds[s] === STAR || kinds[s] === ANY) out.push(...closure[s + 1]);
      else if (kinds[s] === GS_ENTRY) out.push(...closure[s + 2]);
    }
    closure[s] = [...new Set(out)];
  }

  // Character classes: each literal character of the glob, the separator (path mode), and "anything else" (0).
  const SEP = 1;
  const classOf = new Map<number, number>();
  let nClasses = 2;
  const litClass = chars.map((c, i) => {
    if (kinds[i] !== LIT) return -1;
    if (pathMode && isSep(c)) return SEP;
    let k = classOf.get(c);
    if (k === undefined) classOf.set(c, (k = nClasses++));
    return k;
  });

  const ascii = new Int32Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = pathMode && isSep(c) ? SEP : (classOf.get(c) ?? 0);

  // One NFA step on a character class, from a sorted state set to a sorted state set.
  const step = (set: readonly number[], cls: number): number[] => {
    const on = new Set<number>();
    const add = (t: number) => {
      for (const u of closure[t]) on.add(u);
    };
    for (const st of set) {
      if (st === m) continue;
      switch (kinds[st]) {
        case LIT:
          if (litClass[st] === cls) add(st + 1);
          break;
        case ONE:
        case STAR:
          if (!(pathMode && cls === SEP)) add(kinds[st] === ONE ? st + 1 : st);
          break;
        case ANY:
          add(st);
          break;
        default: {
          // GS_ENTRY consuming a character enters the loop; the loop leaves on a separator
          const loop = kinds[st] === GS_ENTRY ? st + 1 : st;
          if (pathMode && cls === SEP) add(loop + 1);
          add(loop);
        }
      }
    }
    return [...on].sort((a, b) => a - b);
  };

  // The state sets are built lazily into a DFA (each set once), so a test costs one table lookup per character.
  const MAX_DFA = 2000;
  const ids = new Map<string, number>();
  const sets: number[][] = [];
  const accepting: boolean[] = [];
  const trans: Int32Array[] = [];
  const stateOf = (set: number[]): number => {
    const key = set.join(',');
    let id = ids.get(key);
    if (id === undefined) {
      id = sets.length;
      ids.set(key, id);
      sets.push(set);
      accepting.push(set.includes(m));
      trans.push(new Int32Array(nClasses).fill(-2));
    }
    return id;
  };
  const start = stateOf(closure[0]);
  const DEAD = -1;

  return {
    glob,
    test(input: string): boolean {
      const s = ci ? input.toLowerCase() : input;
      let st = start;
      let set: number[] | undefined; // used instead of the DFA once it is full
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        const cls = c < 128 ? ascii[c] : (classOf.get(c) ?? 0);
        if (set) {
          if (folder && cls === SEP && set.includes(m)) return true;
          set = step(set, cls);
          if (!set.length) return false;
          continue;
        }
        if (folder && cls === SEP && accepting[st]) return true;
        let nx = trans[st][cls];
        if (nx === -2) {
          const nextSet = step(sets[st], cls);
          if (!nextSet.length) nx = DEAD;
          else if (sets.length >= MAX_DFA && !ids.has(nextSet.join(','))) {
            set = nextSet;
            continue;
          } else nx = stateOf(nextSet);
          trans[st][cls] = nx;
        }
        if (nx === DEAD) return false;
        st = nx;
      }
      return set ? set.includes(m) : accepting[st];
    },
  };
}

/** Kept for callers that match one name segment; returns the automaton, which has the same `test`. */
export function globToRegExp(glob: string, opts: GlobOptions): GlobMatcher {
  return compileGlob(glob, opts);
}

/** How many wildcards a glob has: `*` runs within a name, `**` and `?`. Validation bounds them. */
export function wildcardCounts(glob: string): { star: number; globstar: number; one: number } {
  let star = 0;
  let globstar = 0;
  let one = 0;
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '*') {
      let n = 1;
      while (glob[i + 1] === '*') {
        i++;
        n++;
      }
      if (n >= 2) globstar++;
      else star++;
    } else if (glob[i] === '?') one++;
  }
  return { star, globstar, one };
}
