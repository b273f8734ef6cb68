import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Chalk } from 'chalk';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { es } from '../../src/i18n/es.js';
import type { Lang } from '../../src/i18n/index.js';
import { csvField, escapeMarkdown } from '../../src/report/escape.js';
import { FORMATS, RENDERERS, formatFor } from '../../src/report/index.js';
import { FINDING_GROUPS, ReportSchema } from '../../src/report/schema.js';
import { fileUri } from '../../src/report/sarif.js';
import type { Report } from '../../src/report/types.js';
import { visibleLength, wrap } from '../../src/report/wrap.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { loadRuleSet } from '../../src/rules/ruleset.js';
import { EXAMPLES, exampleReport, reportOf } from './helpers.js';

const plain = new Chalk({ level: 0 });
const render = (format: keyof typeof RENDERERS, r: Report, lang: Lang = 'en', extra: { verbose?: boolean; width?: number } = {}) =>
  RENDERERS[format](r, { verbose: extra.verbose ?? false, color: plain, lang, width: extra.width });

const reports = new Map<string, Report>();
const spanish = new Map<string, Report>();
beforeAll(async () => {
  for (const name of EXAMPLES) {
    reports.set(name, await exampleReport(name));
    spanish.set(name, await exampleReport(name, 'es'));
  }
});

/** A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

describe('every format renders every example snapshot', () => {
  it.each(EXAMPLES)('%s', (name) => {
    const r = reports.get(name)!;
    expect(ReportSchema.safeParse(r).success).toBe(true);
    for (const format of FORMATS) {
      const out = render(format, r);
      expect(out.length, format).toBeGreaterThan(format === 'csv' ? 100 : 200);
      expect(out, format).not.toMatch(/\bclean\b/i);
      expect(out, format).not.toContain('undefined');
      expect(out, format).not.toMatch(/\{[a-z_]+\}/); // no unfilled placeholder
      if (format === 'json' || format === 'sarif') JSON.parse(out);
      for (const f of r.findings) if (format !== 'json') expect(out, `${format} names ${f.rule}`).toContain(format === 'markdown' ? escapeMarkdown(f.name) : f.name);
    }
  });
});

describe('the report model', () => {
  it('groups findings by what they mean, most invasive first, and keeps one evidence entry per item', () => {
    for (const r of reports.values()) {
      const order = r.findings.map((f) => FINDING_GROUPS.indexOf(f.group));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      for (const f of r.findings) {
        const keys = f.evidence.map((e) => `${e.table}\0${e.item}\0${e.permission?.service ?? ''}\0${e.permission?.granted ?? ''}`);
        expect(new Set(keys).size, f.rule).toBe(keys.length);
      }
    }
    const win = reports.get('windows-monitored.json')!;
    expect(win.findings.find((f) => f.rule === 'teramind')!.group).toBe('records-activity');
    const mac = reports.get('macos-monitored.json')!;
    expect(mac.findings.find((f) => f.rule === 'jamf')!.group).toBe('it-management');
    expect(mac.findings.find((f) => f.rule === 'microsoft-defender-endpoint')!.group).toBe('it-management');
    expect(mac.findings[0].group).toBe('records-activity');
  });

  it('names macOS permissions and whether they were granted', () => {
    const mac = reports.get('macos-monitored.json')!;
    const text = render('terminal', mac).replace(/\n\s*/g, ' ');
    expect(text).toMatch(/Screen Recording permission granted to \/usr\/local\/teramind\//);
    expect(text).toContain('Accessibility permission granted to /usr/local/teramind/agent/bin/tmsysd');
    expect(text).not.toContain('privacy permission record');
    expect(render('terminal', spanish.get('macos-monitored.json')!, 'es').replace(/\n\s*/g, ' ')).toMatch(/permiso de Grabación de pantalla concedido a \/usr\/local\/teramind\//);
  });
});

describe('terminal', () => {
  it('starts with the answer, wraps to the width at spaces only, and keeps every word whole', () => {
    const r = reports.get('macos-monitored.json')!;
    for (const width of [60, 80, 120]) {
      const text = render('terminal', r, 'en', { width });
      expect(text.split('\n')[0]).toMatch(/^Found on this computer: 4 monitoring products/);
      for (const line of text.split('\n')) {
        // a line may be longer only when it is one unbreakable word (a long path or URL) after its indent
        if (visibleLength(line) > width) expect(line.trim(), line).not.toMatch(/\s/);
      }
      // wrapping only ever replaced spaces: the words of every summary line survive intact
      const flat = text.replace(/\n\s*/g, ' ');
      expect(flat).toContain('Teramind — Employee monitoring: can capture keystrokes, screen video, live view of the screen, microphone, text on screen and 10 more; running now; can run hidden; high confidence.');
    }
    const narrow = render('terminal', r, 'en', { width: 80 });
    // the summary comes before the first product's details, the limits after the last
    expect(narrow.indexOf('What each one can capture')).toBeLessThan(narrow.indexOf('━━ Tools that record what you do ━━'));
    expect(narrow.indexOf('━━ Tools that record what you do ━━')).toBeLessThan(narrow.indexOf('━━ The IT department'));
    expect(narrow.indexOf('The honest limits')).toBeGreaterThan(narrow.indexOf('● Microsoft Defender for Endpoint'));
    expect(narrow.indexOf('What you can do next')).toBeGreaterThan(narrow.indexOf('The honest limits'));
  });

  it('shows the technical detail only with --verbose', () => {
    const r = reports.get('windows-monitored.json')!;
    expect(render('terminal', r)).not.toContain('rule indicator');
    expect(render('terminal', r, 'en', { verbose: true }).replace(/\n\s*/g, ' ')).toContain('table processes; rule indicator processes: C:\\ProgramData\\{4CEC2908-5CE4-48F0-A717-8FC833D8017A}\\**\\dwm.exe; strength high');
  });

  it('wrap() breaks between words and never inside one', () => {
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap('x /a/very/long/path/that/does/not/fit y', 10, '  ', '    ')).toEqual(['  x', '    /a/very/long/path/that/does/not/fit', '    y']);
    expect(wrap('\u001b[1mbold\u001b[22m word', 9)).toEqual(['\u001b[1mbold\u001b[22m word']);
  });
});

describe('html', () => {
  it('is self-contained, sized for phones, prints, folds technical detail and escapes machine text', async () => {
    const snap = JSON.parse(readFileSync(new URL('../../examples/snapshots/ubuntu-monitored.json', import.meta.url), 'utf8')) as Snapshot;
    const r = await reportOf(snap);
    r.findings[0].evidence[0].item = '/opt/x/<img src=x onerror=alert(1)>"\'&';
    const page = render('html', r);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain('@media print');
    expect(page).toContain('<details><summary>Technical detail</summary>');
    expect(page).not.toMatch(/<(script|link|img|iframe|object|embed|audio|video|source)\b|<[^>]*\ssrc=|@import|url\(/i);
    expect(page).toContain('/opt/x/&#60;img src=x onerror=alert(1)&#62;&#34;&#39;&#38;');
    expect(page.indexOf('class="answer"')).toBeLessThan(page.indexOf('id="matrix"'));
    expect(render('html', r, 'es')).toContain('<html lang="es">');
  });
});

describe('markdown', () => {
  it('escapes Markdown in machine text so that it cannot format, link, mention or break a table', () => {
    expect(escapeMarkdown('a*b_c`d[e](f)<g>|h@i#1&j~k\\')).toBe('a\\*b\\_c\\`d\\[e\\](f)\\<g\\>\\|h\\@i\\#1\\&j\\~k\\\\');
    const r = structuredClone(reports.get('windows-monitored.json')!);
    r.findings[0].name = 'Evil | *agent* [x](http://e.example) @team';
    const md = render('markdown', r);
    expect(md).toContain('Evil \\| \\*agent\\* \\[x\\](http://e.example) \\@team');
    const tableRow = md.split('\n').find((l) => l.startsWith('| Evil'))!;
    expect(tableRow.split(/(?<!\\)\|/).length - 2).toBe(10); // product + 9 capability columns
  });
});

describe('csv', () => {
  it('has one RFC 4180 row per finding and evidence, safe in spreadsheets', () => {
    const r = reports.get('windows-monitored.json')!;
    const text = render('csv', r);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0][0]).toBe('product');
    const evidence = r.findings.reduce((n, f) => n + f.evidence.length, 0);
    expect(rows.length).toBe(1 + evidence);
    for (const row of rows) expect(row).toHaveLength(rows[0].length);
    expect(rows.filter((row) => row[1] === 'teramind')).toHaveLength(r.findings.find((f) => f.rule === 'teramind')!.evidence.length);
  });

  it.each(['en', 'es'] as const)('says each strength with the shared labels, not the raw enum (%s)', (lang) => {
    const labels = { en: ['high', 'medium', 'low'], es: ['alta', 'media', 'baja'] }[lang];
    for (const name of EXAMPLES) {
      const rows = parseCsv(render('csv', (lang === 'en' ? reports : spanish).get(name)!, lang).slice(1));
      const col = rows[0].length - 1;
      expect(rows[0][col]).toBe(lang === 'en' ? 'strength' : 'fuerza');
      for (const row of rows.slice(1)) expect(labels, `${name}: ${row.join(',')}`).toContain(row[col]);
    }
    const es = parseCsv(render('csv', spanish.get('macos-monitored.json')!, 'es').slice(1)).slice(1);
    expect(es.map((row) => row.at(-1))).not.toContain('high');
  });

  it('neutralises cells that a spreadsheet would run as a formula and quotes per RFC 4180', () => {
    for (const bad of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(csvField(bad).replace(/^"/, '').startsWith("'"), bad).toBe(true);
    expect(csvField('\tx')).toBe("'\\x09x");
    expect(csvField('a\rb')).toBe('a\\x0db');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a\u0007b')).toBe('a\\x07b');
    const r = structuredClone(reports.get('ubuntu-monitored.json')!);
    r.findings[0].evidence[0].item = '=cmd|\' /C calc\'!A0';
    const row = parseCsv(render('csv', r).slice(1))[1];
    expect(row[10]).toBe("'=cmd|' /C calc'!A0");
  });
});

describe('sarif', () => {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
  // the official schema is JSON Schema draft-04
  const Ajv = require('ajv-draft-04');
  const addFormats = require('ajv-formats');
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it.each(EXAMPLES)('%s validates against the OASIS SARIF 2.1.0 schema, one result per finding', (name) => {
    for (const [lang, r] of [['en', reports.get(name)!], ['es', spanish.get(name)!]] as const) {
      const log = JSON.parse(render('sarif', r, lang));
      const ok = validate(log);
      expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
      const run = log.runs[0];
      expect(run.language).toBe(lang);
      expect(run.results).toHaveLength(r.findings.length + (r.behaviours?.length ?? 0));
      for (const [i, f] of r.findings.entries()) {
        const res = run.results[i];
        expect(res.ruleId).toBe(f.rule);
        expect(run.tool.driver.rules[res.ruleIndex].id).toBe(f.rule);
        expect(res.locations).toHaveLength(f.evidence.length);
      }
    }
  });

  it('puts paths in artifact locations and names in logical locations', () => {
    expect(fileUri('C:\\Program Files\\Teramind\\a b.exe')).toBe('file:///C:/Program%20Files/Teramind/a%20b.exe');
    expect(fileUri('/usr/local/teramind/agent')).toBe('file:///usr/local/teramind/agent');
    expect(fileUri('com.teramind.agent')).toBeUndefined();
    const log = JSON.parse(render('sarif', reports.get('windows-monitored.json')!));
    const locs = log.runs[0].results[0].locations;
    expect(locs.some((l: { physicalLocation?: unknown }) => l.physicalLocation)).toBe(true);
    expect(locs.some((l: { logicalLocations?: unknown }) => l.logicalLocations)).toBe(true);
  });
});

describe('format from --output', () => {
  it('takes the format from the extension when --format is not given', () => {
    expect(formatFor(undefined, 'r.html')).toBe('html');
    expect(formatFor(undefined, 'r.HTM')).toBe('html');
    expect(formatFor(undefined, 'dir.v2/r.md')).toBe('markdown');
    expect(formatFor(undefined, 'r.sarif')).toBe('sarif');
    expect(formatFor(undefined, 'r.csv')).toBe('csv');
    expect(formatFor(undefined, 'r.json')).toBe('json');
    expect(formatFor(undefined, 'r.txt')).toBe('terminal');
    expect(formatFor(undefined, 'report')).toBe('terminal');
    expect(formatFor(undefined, undefined)).toBe('terminal');
    expect(formatFor('json', 'r.html')).toBe('json');
    expect(() => formatFor(undefined, 'r.pdf')).toThrow(/cannot tell the format/);
    expect(() => formatFor('pdf', undefined)).toThrow(/unknown format/);
  });
});

describe('a Spanish report is fully Spanish', () => {
  // every literal piece of every English message that Spanish words differently
  const fragments = [...new Set(Object.entries(en).flatMap(([key, text]) => {
    const other = (es as Record<string, string>)[key];
    if (other === text) return [];
    return text.split(/\{[a-z_]+\}/).map((s) => s.trim()).filter((s) => s.length >= 12 && !Object.values(es).some((v) => v.includes(s)));
  }))];

  it.each(EXAMPLES)('%s in every human format', (name) => {
    expect(fragments.length).toBeGreaterThan(100);
    // what the rules and the collectors wrote stays in their words (English); everything of ours must be Spanish
    const r = structuredClone(spanish.get(name)!);
    for (const f of r.findings) {
      f.summary = 'RULE';
      f.hidden_mode.note = undefined;
      for (const c of f.capabilities) c.note = undefined;
      // a reference's address is the rule's data too (a Teramind URL holds the word "architecture")
      for (const ref of f.references) Object.assign(ref, { title: 'REFERENCE', url: 'https://example.org/reference' });
    }
    for (const c of r.coverage) if (c.reason) c.reason = 'COLLECTOR';
    for (const format of ['terminal', 'html', 'markdown', 'csv', 'sarif'] as const) {
      for (const verbose of [false, true]) {
        const out = render(format, r, 'es', { verbose, width: 100000 });
        const flat = format === 'markdown' ? out.replace(/\\(.)/g, '$1') : format === 'html' ? out.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(+n)) : out;
        const found = fragments.filter((f) => flat.includes(f));
        expect(found, `${format}${verbose ? ' --verbose' : ''}`).toEqual([]);
      }
    }
  });
});

describe('a live scan of this computer', () => {
  it('renders in every format, in both languages', async () => {
    const { collectSnapshot } = await import('../../src/collectors/registry.js');
    const ruleSet = await loadRuleSet({});
    const snapshot = await collectSnapshot({ rules: ruleSet.rules });
    for (const lang of ['en', 'es'] as const) {
      const r = await reportOf(snapshot, lang);
      expect(ReportSchema.safeParse(r).success).toBe(true);
      for (const format of FORMATS) {
        const out = render(format, r, lang);
        expect(out.length, format).toBeGreaterThan(100);
        expect(out, format).not.toMatch(/\bclean\b/i);
        expect(out, format).not.toMatch(/\{[a-z_]+\}/);
      }
      expect(render('terminal', r, lang).split('\n')[0]).toMatch(lang === 'en' ? /^(Found on this computer|No known monitoring)/ : /^(Encontrado en este equipo|No se reconoció)/);
    }
  });
});
