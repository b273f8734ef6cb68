import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The complete example snapshots of Windows 11, macOS 14 and Ubuntu, scanned end to end by the built CLI.
const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const EXAMPLE = (name: string) => new URL(`../../examples/snapshots/${name}`, import.meta.url).pathname;

interface Finding {
  rule: string;
  confidence: string;
  running: boolean;
  evidence: { table: string; item: string }[];
}

function scan(name: string) {
  const r = spawnSync(process.execPath, [BIN, 'scan', '--snapshot', EXAMPLE(name), '--format', 'json'], { encoding: 'utf8' });
  return { code: r.status, findings: (JSON.parse(r.stdout).findings as Finding[]), stderr: r.stderr };
}

describe.each(['windows-clean.json', 'macos-clean.json', 'ubuntu-clean.json'])('clean machine %s', (name) => {
  it('produces no finding and exit code 0', () => {
    const r = scan(name);
    expect(r.findings.map((f) => `${f.rule} <- ${f.evidence.map((e) => `${e.table}:${e.item}`).join(', ')}`)).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('monitored machines', () => {
  it('Windows 11: Teramind\'s hidden agent by its path, beside the real dwm.exe, plus Proofpoint ITM and Insightful', () => {
    const r = scan('windows-monitored.json');
    expect(r.code).toBe(1);
    const byId = new Map(r.findings.map((f) => [f.rule, f]));
    expect([...byId.keys()]).toEqual(expect.arrayContaining(['teramind', 'proofpoint-itm', 'insightful']));
    const t = byId.get('teramind')!;
    expect(t).toMatchObject({ confidence: 'high', running: true });
    expect(t.evidence.some((e) => e.table === 'processes' && /^C:\\ProgramData\\\{4CEC2908-5CE4-48F0-A717-8FC833D8017A\}\\dwm\.exe$/i.test(e.item))).toBe(true);
    expect(t.evidence.some((e) => /\\System32\\dwm\.exe$/i.test(e.item))).toBe(false);
    expect(byId.has('os-component-impersonation')).toBe(false);
  });

  it('macOS 14: Teramind, Hubstaff, Jamf and Microsoft Defender with high confidence', () => {
    const r = scan('macos-monitored.json');
    expect(r.code).toBe(1);
    for (const id of ['teramind', 'hubstaff', 'jamf', 'microsoft-defender-endpoint']) {
      expect(r.findings.find((f) => f.rule === id)?.confidence, id).toBe('high');
    }
  });

  it('Ubuntu: every planted agent with high confidence', () => {
    const r = scan('ubuntu-monitored.json');
    expect(r.code).toBe(1);
    expect(r.findings.length).toBeGreaterThanOrEqual(3);
    for (const f of r.findings) expect(f.confidence, f.rule).toBe('high');
  });
});
