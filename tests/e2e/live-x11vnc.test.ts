import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A real remote-screen server from Debian's packages, started here and found by a real scan of this machine.
const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const have = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const available = process.platform === 'linux' && have('x11vnc') && have('Xvfb');

if (!available && process.env.CI) {
  throw new Error('CI must install x11vnc and xvfb (see .ci/run) for the live end-to-end test');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(available)('live scan of this machine', () => {
  const display = 90 + Math.floor(Math.random() * 9);
  let xvfb: ChildProcess;
  let vnc: ChildProcess;

  beforeAll(async () => {
    xvfb = spawn('Xvfb', [`:${display}`, '-screen', '0', '640x480x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    for (let i = 0; i < 50 && !existsSync(`/tmp/.X11-unix/X${display}`); i++) await sleep(100);
    // loopback only, view-only: nothing reaches the network and nobody can type into the display
    vnc = spawn('x11vnc', ['-display', `:${display}`, '-localhost', '-viewonly', '-nopw', '-forever', '-quiet', '-rfbport', String(5900 + display)], { stdio: 'ignore' });
    await sleep(1500);
    expect(vnc.exitCode).toBeNull();
  });

  afterAll(() => {
    vnc?.kill();
    xvfb?.kill();
  });

  it('recognises the running x11vnc server with high confidence, from its process and its package', () => {
    const r = spawnSync(process.execPath, [BIN, 'scan', '--format', 'json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    const f = report.findings.find((x: { rule: string }) => x.rule === 'x11vnc');
    expect(f).toBeDefined();
    expect(f.confidence).toBe('high');
    const running = f.evidence.find((e: { table: string }) => e.table === 'processes');
    expect(running.item).toBe('/usr/bin/x11vnc');
    expect(f.evidence.some((e: { table: string; item: string }) => e.table === 'packages' && e.item === 'x11vnc')).toBe(true);
    expect(report.host.platform).toBe('linux');
    expect(report.coverage.find((c: { table: string }) => c.table === 'processes')).toBeDefined();
  });

  it('shows it in the terminal report with its capabilities', () => {
    const r = spawnSync(process.execPath, [BIN, 'scan', '--no-color'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/● x11vnc · .* · high confidence/);
    expect(r.stdout).toContain('x11vnc is running: /usr/bin/x11vnc');
    expect(r.stdout).toContain('Lets someone watch your screen live.');
  });
});
