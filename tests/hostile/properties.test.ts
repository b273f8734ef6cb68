// Property-based tests (fast-check): whatever a snapshot or a rule file holds, bosswatch ends with 0, 1 or 2,
// prints no stack, no raw control character in text formats and no markup of its input in HTML.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { FORMATS } from '../../src/report/index.js';

const EXAMPLES = ['ubuntu-monitored.json', 'windows-monitored.json', 'macos-monitored.json'].map((n) =>
  JSON.parse(readFileSync(new URL(`../../examples/snapshots/${n}`, import.meta.url), 'utf8')),
);
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const MARKUP = '<b data-x="planted">';
const TEXT_FORMATS = new Set(['terminal', 'markdown', 'csv']);

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const t = Date.now();
  const code = await runCli(['node', 'bosswatch', ...args], { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err, ms: Date.now() - t };
}

// strings that carry what hostile machines put in names: escapes, C1, bidi overrides, markup, prototype keys
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u001b[2J\u001b]0;x\u0007', '\u009b31m', '\u202egpj.exe', MARKUP, '__proto__', 'constructor', 'toString', '=cmd|x', '../../etc', 'C:\\Users\\x\\AppData'),
);

/** Replaces one value somewhere in the document with an arbitrary one. */
function mutate(doc: unknown, path: number[], value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  let node: unknown = copy;
  for (let depth = 0; depth < path.length; depth++) {
    if (!node || typeof node !== 'object') break;
    const keys = Object.keys(node as object);
    if (!keys.length) break;
    const k = keys[path[depth] % keys.length];
    const child = (node as Record<string, unknown>)[k];
    if (depth === path.length - 1 || !child || typeof child !== 'object') {
      (node as Record<string, unknown>)[k] = value;
      break;
    }
    node = child;
  }
  return copy;
}

function checkOutput(format: string, r: { code: number; out: string; err: string }) {
  expect([0, 1, 2]).toContain(r.code);
  expect(r.err).not.toMatch(/internal error/);
  expect(r.err).not.toMatch(RAW);
  // CSV records end in CRLF (RFC 4180); any other control character is raw
  if (TEXT_FORMATS.has(format)) expect(format === 'csv' ? r.out.replace(/\r\n/g, '\n') : r.out).not.toMatch(RAW);
  if (format === 'html') expect(r.out).not.toContain(MARKUP);
  if (format === 'json' && r.code !== 2) JSON.parse(r.out);
}

describe('any snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-prop-'));
  it('ends with 0, 1 or 2 and prints nothing raw, in every format', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: EXAMPLES.length - 1 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.oneof(nasty, fc.jsonValue({ maxDepth: 2 }), fc.record({ table: nasty, source: nasty, status: fc.constantFrom('ok', 'partial', 'denied'), reason: nasty })),
        fc.constantFrom(...FORMATS),
        async (which, path, value, format) => {
          const f = join(dir, `s${n++}.json`);
          writeFileSync(f, JSON.stringify(mutate(EXAMPLES[which], path, value)));
          const r = await cli(['scan', '--snapshot', f, '--format', format]);
          checkOutput(format, r);
          expect(r.ms).toBeLessThan(10_000);
        },
      ),
      { numRuns: 100 },
    );
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  it('names and paths from the machine never reach a text format raw nor HTML as markup', async () => {
    const base = EXAMPLES[0];
    await fc.assert(
      fc.asyncProperty(nasty, nasty, fc.constantFrom(...FORMATS), async (name, path, format) => {
        const s = structuredClone(base);
        // a real agent path keeps the finding, so the planted text reaches the evidence
        s.processes.push({ pid: 99999, name, path: `/opt/ActivTrak/${path}`, argv: [name, path] });
        s.coverage.push({ source: name, table: path, status: 'partial', reason: name + path });
        const f = join(mkdtempSync(join(tmpdir(), 'bw-prop-')), 's.json');
        writeFileSync(f, JSON.stringify(s));
        checkOutput(format, await cli(['scan', '--snapshot', f, '--format', format, '--verbose']));
      }),
      { numRuns: 80 },
    );
  }, 300_000);
});

describe('any rule file', () => {
  const rule = readFileSync(new URL('../../rules/x11vnc.yaml', import.meta.url), 'utf8');
  const example = new URL('../../examples/snapshots/ubuntu-monitored.json', import.meta.url).pathname;
  it('validation and scans with a mutated rule pack end with 0, 1 or 2 and print nothing raw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: rule.length }), fc.nat({ max: 40 }), nasty, async (at, cut, insert) => {
        const dir = mkdtempSync(join(tmpdir(), 'bw-prop-rules-'));
        writeFileSync(join(dir, 'x11vnc-copy.yaml'), rule.slice(0, at) + insert + rule.slice(at + cut));
        const v = await cli(['rules', 'validate', dir]);
        checkOutput('terminal', v);
        const s = await cli(['scan', '--snapshot', example, '--rules', dir]);
        checkOutput('terminal', s);
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  it('globs with many wildcards are refused or matched in bounded time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-prop-glob-'));
    const globs = ['aaa*a*a*a*a*a*a*a*a*a*b', 'C:\\ProgramData\\X\\*a*a*a*a*a*a*a*a*b', '\\**\\**\\**\\**\\'];
    writeFileSync(
      join(dir, 'globs.yaml'),
      rule.replace(/^id: x11vnc$/m, 'id: globs').replace(/indicators:\n/, `indicators:\n  windows:\n    paths:\n${globs.map((g) => `      - { glob: '${g}' }`).join('\n')}\n    services:\n      - { glob: '${globs[0]}' }\n`),
    );
    const s = structuredClone(EXAMPLES[1]);
    s.services.push({ name: 'a'.repeat(5000) });
    s.files.push({ path: `C:\\ProgramData\\X\\${'a'.repeat(5000)}` }, { path: `\\${'\\'.repeat(3000)}` });
    const f = join(dir, 's.json');
    writeFileSync(f, JSON.stringify(s));
    const r = await cli(['scan', '--snapshot', f, '--rules', dir]);
    expect([0, 1, 2]).toContain(r.code);
    expect(r.ms).toBeLessThan(10_000);
  }, 60_000);
});

describe('the zod-free snapshot validator', () => {
  it('accepts and refuses exactly what the zod schema (the source of truth) accepts and refuses', async () => {
    const { Snapshot } = await import('../../src/snapshot/schema.js');
    const { validateJson } = await import('../../src/snapshot/validate.js');
    const schema = JSON.parse(readFileSync(new URL('../../schema/snapshot.schema.json', import.meta.url), 'utf8'));
    fc.assert(
      fc.property(
        fc.nat({ max: EXAMPLES.length - 1 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.oneof(nasty, fc.jsonValue({ maxDepth: 2 }), fc.integer(), fc.constant(null), fc.boolean()),
        (which, path, value) => {
          const doc = JSON.parse(JSON.stringify(mutate(EXAMPLES[which], path, value)));
          expect(validateJson(schema, doc).total === 0).toBe(Snapshot.safeParse(doc).success);
        },
      ),
      { numRuns: 150 },
    );
  });
});
