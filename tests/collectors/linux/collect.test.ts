import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../../src/collectors/registry.js';
import type { RuntimeRule } from '../../../src/match/types.js';
import { Snapshot } from '../../../src/snapshot/schema.js';

const linux = process.platform === 'linux';

function ruleWithPath(path: string): RuntimeRule {
  return {
    id: 't', name: 't', vendor: 'v', category: 'employee-monitoring', website: 'https://example.com/', summary: 's', capabilities: [],
    hidden_mode: { supported: 'unknown' }, indicators: { linux: { paths: [path, `${path}-missing`] } }, references: [{ url: 'https://example.com/' }], last_reviewed: '2026-11-23',
  };
}

describe.runIf(linux)('Linux live collection', () => {
  it('collects this machine: processes with argv, packages, services, rule paths and coverage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-live-'));
    mkdirSync(join(dir, 'agent folder'));
    writeFileSync(join(dir, 'agent folder', 'x'), '');
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const snap = await collectSnapshot({ rules: [ruleWithPath(join(dir, 'agent folder'))], selfPid: -1 }) // the test process and its child stand in for the machine's programs;
      const parsed = Snapshot.safeParse(JSON.parse(JSON.stringify(snap)));
      expect(parsed.error?.issues).toBeUndefined();
      expect(snap.format).toBe('bosswatch-snapshot');
      expect(snap.host.platform).toBe('linux');
      const me = snap.processes!.find((p) => p.pid === child.pid);
      expect(me).toMatchObject({ name: 'sleep', argv: ['sleep', '30'], ppid: process.pid });
      expect(snap.processes!.find((p) => p.pid === process.pid)?.path).toBe(process.execPath);
      expect(snap.files!.map((f) => f.path)).toContain(join(dir, 'agent folder'));
      expect(snap.files!.map((f) => f.path)).not.toContain(`${join(dir, 'agent folder')}-missing`);
      if (snap.packages?.length) expect(snap.packages.some((p) => p.name === 'bash')).toBe(true);
      const tables = new Set(snap.coverage.map((c) => c.table));
      for (const t of ['processes', 'services', 'packages', 'autostart', 'drivers', 'files']) expect(tables, t).toContain(t);
    } finally {
      child.kill();
    }
  });
});
