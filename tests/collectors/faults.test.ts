// Collector fault tests: every helper command replaced by one that is missing, timed out, flooded, failing or
// printing garbage. The scan must finish, and no table that depends on the broken command may claim `ok`.
import { describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/collectors/registry.js';
import type { Exec, ExecResult } from '../../src/collectors/types.js';
import { loadRuleSet } from '../../src/rules/ruleset.js';

const FAULTS: Record<string, ExecResult> = {
  missing: { stdout: '', stderr: '', code: null, error: 'ENOENT' },
  hangs: { stdout: '', stderr: '', code: null, error: 'ETIMEDOUT' },
  floods: { stdout: 'x'.repeat(1000), stderr: '', code: null, error: 'EMAXBUFFER' },
  'exits non-zero': { stdout: '', stderr: 'something went wrong\n', code: 1 },
  'prints garbage': { stdout: '\u0000\u001b[2J{{{ not the expected output <<<\n\u00ff\u00fe', stderr: '', code: 0 },
};

// tables that only a helper command can fill on each platform (files and folders are read directly)
const COMMAND_TABLES: Record<'macos' | 'windows', string[]> = {
  macos: ['processes'],
  windows: ['processes', 'services', 'packages', 'autostart', 'drivers', 'registry'],
};

describe('collectors under broken helper commands', async () => {
  const { rules } = await loadRuleSet();
  for (const platform of ['macos', 'windows'] as const) {
    for (const [fault, result] of Object.entries(FAULTS)) {
      it(`${platform}: a command that ${fault} gives a finished scan whose coverage says so`, async () => {
        const calls: string[] = [];
        const exec: Exec = async (file) => {
          calls.push(file);
          return result;
        };
        const snap = await collectSnapshot({ rules, platform, exec, selfPid: -1 });
        expect(calls.length).toBeGreaterThan(0);
        for (const table of COMMAND_TABLES[platform]) {
          const rows = snap.coverage.filter((c) => c.table === table);
          expect(rows.length, `${table} has coverage`).toBeGreaterThan(0);
          expect(rows.every((c) => c.status !== 'ok'), `${table}: ${JSON.stringify(rows)}`).toBe(true);
        }
        for (const c of snap.coverage) if (c.status !== 'ok') expect(c.reason, `${c.source} ${c.table}`).toBeTruthy();
      });
    }
  }

  it('linux: a failing or garbled rpm or systemctl never makes their table ok through them', async () => {
    const exec: Exec = async () => FAULTS['prints garbage'];
    const snap = await collectSnapshot({ rules, platform: 'linux', exec, selfPid: -1 });
    for (const c of snap.coverage.filter((c) => c.source === 'linux/rpm')) expect(c.status).not.toBe('ok');
    expect(snap.coverage.length).toBeGreaterThan(0);
  });
});
