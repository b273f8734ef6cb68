// The scan's hot path must not load zod (~65 ms): only input validation does, on demand. This walks the static
// imports of the built modules a live scan and a snapshot scan load, and fails if zod is reachable.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = new URL('../../dist/', import.meta.url).pathname;

function staticClosure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.js') || !existsSync(file)) return;
    const src = readFileSync(file, 'utf8');
    // static `import ... from '...'` and `export ... from '...'`; `await import()` is on demand and not followed
    for (const m of src.matchAll(/^(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      visit(spec.startsWith('.') ? resolve(dirname(file), spec) : spec);
    }
  };
  entries.forEach(visit);
  return seen;
}

describe('start-up cost', () => {
  it('no module a scan loads statically imports zod', () => {
    const modules = staticClosure(['cli.js', 'commands/scan.js', 'collectors/registry.js', 'collectors/linux/index.js', 'snapshot/load.js', 'report/index.js', 'detect/index.js'].map((f) => DIST + f));
    expect([...modules].filter((m) => m === 'zod' || m.startsWith('zod/'))).toEqual([]);
  });
});

/** The chunks a CommonJS chunk requires when it loads; `Promise.resolve().then(() => require(...))` is on demand. */
function requireClosure(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const m of readFileSync(entry, 'utf8').matchAll(/^(?:const|let|var) \w+ = require\("(\.\/[^"]+)"\);?$/gm)) requireClosure(resolve(dirname(entry), m[1]), seen);
  return seen;
}

describe('the bundle bin/bosswatch.js loads', () => {
  const BUNDLE = `${DIST}bundle/`;
  it('is built (npm run build ran with its dev dependencies)', () => {
    expect(existsSync(`${BUNDLE}cli.cjs`)).toBe(true);
  });
  it.skipIf(!existsSync(`${BUNDLE}cli.cjs`))('a scan reads a handful of files, and none of them holds zod or yaml', () => {
    const files = [...requireClosure(`${BUNDLE}cli.cjs`)];
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files.length).toBeLessThanOrEqual(5);
    for (const f of files) expect(readFileSync(f, 'utf8')).not.toMatch(/class (ZodError|YAMLParseError)\b|(YAMLParseError|\$ZodType)\s*=/);
  });
});
