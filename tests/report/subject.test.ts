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
