import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Real capture programs from Debian's packages, started here on a headless X server and found by a real scan.
const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const have = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const linux = process.platform === 'linux';
const tools = ['Xvfb', 'ffmpeg', 'gst-launch-1.0', 'xinput'];
const available = linux && tools.every(have);

if (linux && !available && process.env.CI) {
  throw new Error(`CI must install ${tools.join(', ')} (packages xvfb, ffmpeg, gstreamer1.0-tools, gstreamer1.0-plugins-base/good, xinput; see .ci/run)`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Behaviour {
  id: string;
  confidence: string;
  subject: { kind: string; pid?: number; name?: string };
  evidence: { item: string }[];
}

function scan(): { status: number | null; behaviours: Behaviour[] } {
  const r = spawnSync(process.execPath, [BIN, 'scan', '--format', 'json'], { encoding: 'utf8' });
  const report = JSON.parse(r.stdout);
  const all: Behaviour[] = [...report.behaviours, ...report.findings.flatMap((f: { behaviours?: Behaviour[] }) => f.behaviours ?? [])];
  return { status: r.status, behaviours: all };
}

const byPid = (bs: Behaviour[], pid: number | undefined) => bs.filter((b) => b.subject.kind === 'process' && b.subject.pid === pid);

async function started(child: ChildProcess, what: string) {
  await sleep(1200);
  if (child.exitCode !== null) throw new Error(`${what} exited early with code ${child.exitCode}`);
}

describe.runIf(available)('live behaviours on a headless X server', () => {
  const display = `:${110 + Math.floor(Math.random() * 80)}`;
  const env = { ...process.env, DISPLAY: display };
  let xvfb: ChildProcess;
  let ffmpeg: ChildProcess;
  let gst: ChildProcess;
  let xinput: ChildProcess;

  beforeAll(async () => {
    xvfb = spawn('Xvfb', [display, '-screen', '0', '320x240x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    for (let i = 0; i < 50 && !existsSync(`/tmp/.X11-unix/X${display.slice(1)}`); i++) await sleep(100);
    // nothing is written anywhere: ffmpeg and gstreamer throw the frames away
    ffmpeg = spawn('ffmpeg', ['-nostdin', '-loglevel', 'quiet', '-f', 'x11grab', '-framerate', '5', '-i', display, '-f', 'null', '-'], { stdio: 'ignore', env });
    gst = spawn('gst-launch-1.0', ['-q', 'ximagesrc', `display-name=${display}`, '!', 'video/x-raw,framerate=5/1', '!', 'fakesink'], { stdio: 'ignore', env });
    xinput = spawn('xinput', ['test-xi2', '--root'], { stdio: 'ignore', env });
    await Promise.all([started(ffmpeg, 'ffmpeg'), started(gst, 'gst-launch-1.0'), started(xinput, 'xinput')]);
  });

  afterAll(() => {
    for (const c of [ffmpeg, gst, xinput, xvfb]) c?.kill();
  });

  it('finds each capture program while it runs, with its pid and command line, and exits 1', () => {
    const r = scan();
    expect(r.status).toBe(1);
    const ff = byPid(r.behaviours, ffmpeg.pid);
    expect(ff.map((b) => [b.id, b.confidence])).toEqual([['screen.capture-process', 'high']]);
    expect(ff[0].evidence[0].item).toContain('-f x11grab');
    const gs = byPid(r.behaviours, gst.pid);
    expect(gs.map((b) => [b.id, b.confidence])).toEqual([['screen.capture-process', 'high']]);
    expect(gs[0].evidence[0].item).toContain('ximagesrc');
    const xi = byPid(r.behaviours, xinput.pid);
    expect(xi.map((b) => [b.id, b.confidence])).toEqual([['input.x11-listener', 'high']]);
    expect(xi[0].evidence[0].item).toBe('xinput test-xi2 --root');
    // the X server itself is expected and not reported
    expect(byPid(r.behaviours, xvfb.pid)).toEqual([]);
  });

  it('shows them in the terminal report and no longer finds them once they stop', async () => {
    const text = spawnSync(process.execPath, [BIN, 'scan', '--no-color'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('◆ A program is capturing the screen · high confidence');
    expect(text).toContain('◆ A program listens to every key on the X display · high confidence');
    const pids = [ffmpeg.pid, gst.pid, xinput.pid];
    for (const c of [ffmpeg, gst, xinput]) c.kill();
    for (let i = 0; i < 30 && [ffmpeg, gst, xinput].some((c) => c.exitCode === null && c.signalCode === null); i++) await sleep(100);
    const after = scan();
    for (const pid of pids) expect(byPid(after.behaviours, pid)).toEqual([]);
  });
});

// Event devices and /dev/uinput exist only where the kernel offers them (this project's VM and CI have neither).
const events = linux && existsSync('/dev/input') ? readdirSync('/dev/input').filter((n) => /^event\d+$/.test(n)) : [];
const uinput = linux && existsSync('/dev/uinput');
const noUinputReason = linux && !readFileSync('/proc/misc', 'utf8').includes('uinput') ? 'the kernel has no uinput driver (/proc/misc)' : 'no /dev/uinput';

describe('live input devices', () => {
  it.skipIf(!events.length || !have('evtest'))(`finds evtest reading an event device${events.length ? '' : ' (skipped: this kernel offers no /dev/input/event* devices)'}`, async () => {
    const reader = spawn('evtest', [`/dev/input/${events[0]}`], { stdio: 'ignore' });
    try {
      await started(reader, 'evtest');
      const found = byPid(scan().behaviours, reader.pid);
      expect(found.map((b) => b.id)).toEqual(['input.device-reader']);
    } finally {
      reader.kill();
    }
  });

  it.skipIf(!uinput)(`finds a program holding /dev/uinput${uinput ? '' : ` (skipped: ${noUinputReason})`}`, async () => {
    // a real open file descriptor of /dev/uinput handed to a long-running program, as a virtual-input tool holds it
    const fd = openSync('/dev/uinput', 'r');
    const holder = spawn('sleep', ['30'], { stdio: [fd, 'ignore', 'ignore'] });
    closeSync(fd);
    try {
      await started(holder, 'sleep');
      const found = byPid(scan().behaviours, holder.pid);
      expect(found.map((b) => b.id)).toEqual(['input.virtual-device']);
    } finally {
      holder.kill();
    }
  });
});
