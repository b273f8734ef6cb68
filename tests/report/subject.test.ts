import { Chalk } from 'chalk';
import { expect, it } from 'vitest';
import { RENDERERS } from '../../src/report/index.js';
import { exampleReport } from './helpers.js';

it('names a setting behaviour once when its key and value are the same words (macOS MDM enrolment)', async () => {
  const r = await exampleReport('macos-monitored.json');
  const managed = r.behaviours?.find((b) => b.id === 'device.managed');
  expect(managed).toBeDefined();
  const out = RENDERERS.terminal(r, { verbose: false, color: new Chalk({ level: 0 }), lang: 'en', width: 200 });
  expect(out).toContain('MDM enrollment');
  expect(out).not.toMatch(/MDM enrollment:? MDM enrollment/);
});

it('tells two findings of one behaviour apart in the summary by what each is about', async () => {
  const r = await exampleReport('macos-monitored.json');
  const root = r.behaviours!.find((b) => b.id === 'tls.extra-root-ca')!;
  r.behaviours!.push({ ...structuredClone(root), subject: { kind: 'setting', key: 'system', value: 'CN=<Second> CA' } });
  const plain = new Chalk({ level: 0 });
  const term = RENDERERS.terminal(r, { verbose: false, color: plain, lang: 'en', width: 400 });
  const lines = term.split('\n').filter((l) => l.startsWith('  ◆ An extra root certificate'));
  expect(lines).toHaveLength(2);
  expect(new Set(lines).size).toBe(2);
  expect(lines[1]).toContain('(CN=<Second> CA)');
  const html = RENDERERS.html(r, { verbose: false, color: plain, lang: 'es', width: 100 });
  expect(html).toContain('(CN=&#60;Second&#62; CA)');
  expect(RENDERERS.markdown(r, { verbose: false, color: plain, lang: 'en', width: 100 })).toContain('CN=\\<Second\\> CA');
  // a behaviour found once keeps its plain title
  expect(term).toContain('◆ Your employer manages this device: can capture');
});
