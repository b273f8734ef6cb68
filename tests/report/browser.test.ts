import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { renderHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/types.js';
import { exampleReport } from './helpers.js';

// The HTML report in a real browser: Debian's chromium, headless, driven by playwright-core.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE = existsSync(CHROMIUM);
// CI must run this test: it is skipped only on a developer machine without chromium
const SKIP = !HAVE && !process.env.CI;
export const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;

const CASES = [
  { name: 'macos-monitored.json', lang: 'en' as const },
  { name: 'windows-monitored.json', lang: 'es' as const },
  { name: 'ubuntu-monitored.json', lang: 'en' as const },
  { name: 'ubuntu-clean.json', lang: 'en' as const },
];

describe.skipIf(SKIP)('HTML report in Chromium', () => {
  let browser: Browser;
  const reports = new Map<string, { report: Report; file: string }>();

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    // root (CI, containers) cannot use Chromium's sandbox
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const c of CASES) {
      const report = await exampleReport(c.name, c.lang);
      const file = `${ARTIFACTS}${c.name.replace(/\.json$/, '')}-${c.lang}.html`;
      writeFileSync(file, renderHtml(report, { verbose: false, color: undefined as never, lang: c.lang }));
      reports.set(c.name, { report, file });
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(name: string, width: number, height: number) {
    const { file } = reports.get(name)!;
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    const external: string[] = [];
    // every request goes through here: only the file itself (and data: URLs) may load
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      external.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href);
    return { page, external };
  }

  it.each(CASES.map((c) => c.name))('%s: no horizontal overflow at 390 px, summary above the fold, every finding shown, no request leaves the file', async (name) => {
    const { report } = reports.get(name)!;
    for (const [width, height] of [[390, 844], [1280, 800]] as const) {
      const { page, external } = await open(name, width, height);
      const m = await page.evaluate(() => {
        const answer = document.querySelector('.answer')!.getBoundingClientRect();
        const first = document.querySelector('.summary li')?.getBoundingClientRect();
        const wide = [...document.querySelectorAll('body *')]
          .filter((el) => !el.closest('.scroll'))
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((el) => el.tagName + '.' + el.className);
        return {
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          innerHeight: window.innerHeight,
          answerBottom: answer.bottom,
          firstTop: first?.top,
          wide,
          fontSize: parseFloat(getComputedStyle(document.body).fontSize),
          text: document.body.innerText,
          sections: [...document.querySelectorAll('section.f[id^="f-"]')].map((s) => s.id),
          behaviours: document.querySelectorAll('section.f[id^="b-"]').length,
        };
      });
      expect(m.scrollWidth, `${name} at ${width}px`).toBeLessThanOrEqual(width);
      expect(m.wide, `elements wider than the page at ${width}px`).toEqual([]);
      expect(m.fontSize).toBeGreaterThanOrEqual(14);
      expect(m.answerBottom).toBeLessThan(m.innerHeight);
      if (report.findings.length) expect(m.firstTop!).toBeLessThan(m.innerHeight);
      expect(m.sections).toEqual(report.findings.map((f) => `f-${f.rule}`));
      expect(m.behaviours).toBe(report.behaviours?.length ?? 0);
      for (const b of report.behaviours ?? []) expect(m.text).toContain(b.title);
      for (const f of report.findings) expect(m.text).toContain(f.name);
      expect(m.text).not.toMatch(/\bclean\b/i);
      expect(external).toEqual([]);
      await page.close();
    }
  });

  it('keeps screenshots at 1280 and 390 px as test artefacts', async () => {
    for (const c of CASES.slice(0, 2)) {
      for (const width of [1280, 390]) {
        const { page } = await open(c.name, width, width === 390 ? 844 : 800);
        const base = `${ARTIFACTS}${c.name.replace(/\.json$/, '')}-${c.lang}-${width}`;
        await page.screenshot({ path: `${base}.png`, fullPage: true });
        await page.screenshot({ path: `${base}-fold.png` });
        await page.close();
        expect(existsSync(`${base}.png`)).toBe(true);
      }
    }
  });
});
