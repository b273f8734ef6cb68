import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/collectors/shared/progress.js';
import { inventoryCollector } from '../../src/collectors/windows/index.js';

const stream = (isTTY: boolean) => {
  const out: string[] = [];
  return { out, s: { isTTY, columns: 60, write: (t: string) => out.push(t) } };
};

describe('progress on standard error', () => {
  it('draws and clears one line on a terminal', () => {
    const { out, s } = stream(true);
    const p = createProgress(s, {});
    p.step('reading the installed services', 3, 17);
    p.done();
    expect(out).toEqual(['\r\u001b[2Kbosswatch: reading the installed services (3 of 17)', '\r\u001b[2K']);
  });

  it('prints nothing into a pipe or file, in CI, or on a dumb terminal', () => {
    for (const [tty, env] of [[false, {}], [true, { CI: 'true' }], [true, { TERM: 'dumb' }]] as const) {
      const { out, s } = stream(tty);
      const p = createProgress(s, env);
      p.step('x', 1, 2);
      p.done();
      expect(out).toEqual([]);
    }
  });

  it('follows the Windows script section by section as its output arrives', async () => {
    const doc = readFileSync(join(import.meta.dirname, '../fixtures/windows/machines/clean.inventory.json'), 'utf8');
    const steps: string[] = [];
    await inventoryCollector.collect({
      platform: 'windows',
      exec: async (_f, _a, opts) => {
        // in pieces that cut lines in the middle, as a pipe does
        for (let i = 0; i < doc.length; i += 4096) opts?.onStdout?.(doc.slice(i, i + 4096));
        return { stdout: doc, stderr: '', code: 0 };
      },
      rulePaths: { exact: [], globs: [] },
      registryKeys: [],
      home: 'C:\\Users\\amartin',
      elevated: false,
      env: { SystemRoot: 'C:\\WINDOWS' },
      progress: { step: (what, done, total) => steps.push(`${what}|${done ?? ''}/${total ?? ''}`), done: () => steps.push('done') },
    });
    expect(steps[0]).toBe('starting Windows PowerShell to list what is installed and running|/');
    expect(steps).toContain('reading the installed services|1/20');
    expect(steps.at(-2)).toBe('finishing|20/20');
    expect(steps.at(-1)).toBe('done');
  });
});
