import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { scanCommand } from '../../src/commands/scan.js';
import { es } from '../../src/i18n/es.js';
import { FORMATS } from '../../src/report/index.js';
import { TABLE_NAMES } from '../../src/snapshot/constants.js';
import { readable } from './english.js';

// "A Spanish scan is fully Spanish", checked word by word: every Spanish message is replaced by a marker (its letters
// become "ẍ", placeholders kept), the report is rendered in every format, and what is left in plain ASCII words must come
// from the machine (the snapshot's values), from the rules (product names and descriptions, which stay English), or
// from the short list below. Any English we write ourselves outside the catalogues shows up as a leftover word.
const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const EXAMPLES = new URL('../../examples/snapshots/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'bw-marker-'));
const live = join(dir, 'live.json');
const SNAPSHOTS = [...readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => join(EXAMPLES, f)), live];

// words that are no language's: units, formats and names of things (lower-cased)
const NEUTRAL = new Set(['pid', 'utc', 'sha', 'json', 'html', 'csv', 'sarif', 'bosswatch', 'macos', 'linux', 'windows', 'http', 'https', 'www', 'com']);
// the snapshot's table names and the rules' indicator kinds, named as they are in the folded technical detail
const TECHNICAL = new Set([...TABLE_NAMES, 'paths', 'bundle_ids', 'launchd', 'agent_domains', 'website_domains', 'team_ids', 'registry_keys', 'package_names']);
// SARIF's own vocabulary (result levels and kinds) and the report data it carries as properties (statuses, strengths, kinds, language)
const SARIF = new Set(['warning', 'note', 'error', 'none', 'fail', 'pass', 'open', 'informational', 'review', 'behaviour', 'product', 'ok', 'partial', 'denied', 'unavailable', 'high', 'medium', 'low', 'es', 'object', 'resource', 'redacted']);

const JSON_DATA = new Set(['reason', 'item', 'status', 'table', 'source', 'code', 'category', 'group', 'confidence', 'id', 'kind', 'default', 'format', 'identifiers', 'tenant', 'platform', 'key', 'checked', 'supported', 'strength', 'rule']);
const original = { ...es } as Record<string, string>;
const marked = (text: string) => text.split(/(\{[a-z_]+\}|\[\[|\]\])/).map((p, i) => (i % 2 ? p : p.replace(/\p{L}+/gu, 'ẍ'))).join('');

async function render(file: string, format: string): Promise<string> {
  let out = '';
  const io = { out: (t: string) => (out += t), err: () => undefined, color: new Chalk({ level: 0 }), lang: 'es' as const };
  const code = await scanCommand({ snapshot: file, format }, io);
  expect([0, 1]).toContain(code);
  return out;
}

/** Prose words: whitespace-separated tokens of letters only once outer punctuation is off (a path, id or digest is no word). */
const wordsOf = (s: string) =>
  s
    .split(/\s+/)
    .map((t) => t.replace(/^[.,;:()«»"'¿?¡!·—*\[\]<>]+|[.,;:()«»"'¿?¡!·—*\[\]<>]+$/g, ''))
    .filter((t) => /^[A-Za-z][A-Za-z']+$/.test(t))
    .map((w) => w.toLowerCase());

/** Every string value of a JSON value, keys left out (they are the format, not prose). */
function strings(v: unknown, skip: ReadonlySet<string> = new Set(), out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, skip, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!skip.has(k)) strings(x, skip, out);
  return out;
}

/** The machine's own words: every value of the snapshot except its coverage notes (which we write) — only their non-detail values. */
function machineWords(file: string): Set<string> {
  const s = JSON.parse(readFileSync(file, 'utf8')) as { coverage?: { params?: Record<string, unknown>; more?: { params?: Record<string, unknown> }[] }[] } & Record<string, unknown>;
  const { coverage, ...rest } = s;
  const vals = strings(rest);
  for (const c of coverage ?? []) for (const p of [c.params, ...(c.more ?? []).map((m) => m.params)]) for (const [k, v] of Object.entries(p ?? {})) if (k !== 'detail' && typeof v === 'string') vals.push(v);
  return new Set(vals.flatMap((v) => [...wordsOf(v), ...wordsOf(v.replace(/[/\\.:=_-]/g, ' '))]));
}

describe('a Spanish report holds no English of ours (marker catalogue)', () => {
  it('collects this computer for the live case', () => {
    const r = spawnSync(process.execPath, [BIN, 'collect', '--output', live], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });

  it.each(SNAPSHOTS.map((f) => [f.slice(f.lastIndexOf('/') + 1), f]))('%s in every format', async (_n, file) => {
    // the rules' own text of the products found (names, descriptions, notes, sources): English by design
    const report = JSON.parse(await render(file, 'json')) as { findings: Record<string, unknown>[] };
    const ruleStrings = report.findings.flatMap((f) => strings(f, new Set(['category_label', 'text', 'evidence', 'behaviours']))).map((t) => readable(t));
    // sentences (descriptions, notes) are cut out of the output; names, vendors and addresses lend their words
    const ruleText = ruleStrings.filter((t) => t.length >= 40 && t.includes(' ')).sort((a, b) => b.length - a.length);
    const machine = machineWords(file);
    for (const t of ruleStrings) if (t.length < 40 || !t.includes(' ')) for (const w of wordsOf(t.replace(/[/.:]/g, ' '))) machine.add(w);
    const leftovers: string[] = [];
    Object.assign(es, Object.fromEntries(Object.entries(original).map(([k, v]) => [k, marked(v)])));
    try {
      for (const format of FORMATS) {
        const out = await render(file, format);
        let text: string;
        // the JSON's enums and ids (status, table, code…) are data, its English reason and item are for older readers
        if (format === 'json') text = strings(JSON.parse(out), JSON_DATA).join('\n');
        else if (format === 'sarif') text = strings(JSON.parse(out)).join('\n');
        else text = out.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, ' ');
        let r = ` ${readable(format === 'markdown' ? text.replace(/\\(.)/g, '$1') : text)} `;
        for (const t of ruleText) r = r.split(t).join(' ');
        for (const w of new Set(wordsOf(r))) {
          if (machine.has(w) || NEUTRAL.has(w) || TECHNICAL.has(w) || (format === 'sarif' && SARIF.has(w))) continue;
          const at = r.search(new RegExp(`\\b${w}\\b`));
          leftovers.push(`${format}: "${w}" in …${r.slice(Math.max(0, at - 70), at + 70)}…`);
        }
      }
    } finally {
      Object.assign(es, original);
    }
    expect(leftovers).toEqual([]);
  });

  it('the check finds English: with the English catalogue left in place of the Spanish one it reports many words', async () => {
    const { en } = await import('../../src/i18n/en.js');
    Object.assign(es, en);
    try {
      const out = await render(join(EXAMPLES, 'macos-monitored.json'), 'markdown');
      const machine = machineWords(join(EXAMPLES, 'macos-monitored.json'));
      expect(wordsOf(readable(out)).filter((w) => !machine.has(w) && !NEUTRAL.has(w)).length).toBeGreaterThan(100);
    } finally {
      Object.assign(es, original);
    }
  });
});
