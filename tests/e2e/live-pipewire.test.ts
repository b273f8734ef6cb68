import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPipewireCollector } from '../../src/collectors/linux/pipewire.js';
import { realExec } from '../../src/collectors/shared/exec.js';
import type { CollectContext } from '../../src/collectors/types.js';
import { detectPipewireStreams } from '../../src/detect/screen-pipewire-stream/index.js';
import type { Snapshot } from '../../src/snapshot/schema.js';

// A real PipeWire session (Debian's pipewire, wireplumber, gstreamer1.0-pipewire) in a private runtime folder: a video
// source alone is not capture; a program receiving it is found with its pid while it runs and is gone after it stops.
const have = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const gstHas = (el: string) => spawnSync('gst-inspect-1.0', [el], { stdio: 'ignore' }).status === 0;
const linux = process.platform === 'linux';
const tools = ['pipewire', 'wireplumber', 'pw-dump', 'dbus-run-session', 'gst-launch-1.0'];
const missing = linux ? [...tools.filter((t) => !have(t)), ...(have('gst-inspect-1.0') && gstHas('pipewiresrc') ? [] : ['the GStreamer pipewire plugin'])] : [];
const available = linux && !missing.length;
const reason = !linux ? 'not Linux' : `missing ${missing.join(', ')} (packages pipewire pipewire-bin wireplumber gstreamer1.0-pipewire dbus-daemon)`;

if (linux && !available && process.env.CI) throw new Error(`CI must install the PipeWire test programs: ${reason}; see .ci/run`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const uid = typeof process.getuid === 'function' ? process.getuid() : 0;

describe.skipIf(!available)(`live PipeWire session${available ? '' : ` (skipped: ${reason})`}`, () => {
  const base = mkdtempSync(join(tmpdir(), 'bw-pw-live-'));
  const runtime = join(base, String(uid));
  const env = { ...process.env, XDG_RUNTIME_DIR: runtime, PIPEWIRE_REMOTE: 'pipewire-0' };
  let session: ChildProcess;
  let source: ChildProcess;
  let consumer: ChildProcess | undefined;
  const ctx = { exec: realExec, platform: 'linux', env: {}, home: base, elevated: uid === 0, rulePaths: { exact: [], globs: [] }, registryKeys: [] } as CollectContext;
  const scan = async () => {
    const r = await createPipewireCollector({ runtimeBase: base }).collect(ctx);
    const snap: Snapshot = { format: 'bosswatch-snapshot', version: 1, collected_at: new Date().toISOString(), host: { platform: 'linux', os_version: 'test' }, coverage: r.coverage, ...r.tables };
    return { coverage: r.coverage, streams: r.tables.media_streams ?? [], found: detectPipewireStreams(snap) };
  };
  const waitFor = async (cond: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 50; i++) {
      if (await cond()) return;
      await sleep(200);
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  beforeAll(async () => {
    mkdirSync(runtime, { mode: 0o700 });
    // wireplumber (which links streams) needs a session bus; the group is ours, so it ends with the test
    session = spawn('dbus-run-session', ['--', 'sh', '-c', 'pipewire & sleep 0.5; wireplumber & wait'], { env, stdio: 'ignore', detached: true });
    await waitFor(async () => existsSync(join(runtime, 'pipewire-0')), 'the PipeWire socket');
    source = spawn('gst-launch-1.0', ['-q', 'videotestsrc', 'is-live=true', '!', 'video/x-raw,width=64,height=48,framerate=5/1', '!', 'pipewiresink', 'mode=provide', 'stream-properties=props,media.class=Video/Source,node.name=bw-live-source'], { env, stdio: 'ignore' });
    await waitFor(async () => (await realExec('pw-dump', [], { env: { XDG_RUNTIME_DIR: runtime } })).stdout.includes('bw-live-source'), 'the video source');
  }, 20_000);

  afterAll(() => {
    for (const c of [consumer, source]) c?.kill();
    if (session?.pid) {
      try {
        process.kill(-session.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    rmSync(base, { recursive: true, force: true });
  });

  it('a video source nobody reads is not capture, and coverage is ok', async () => {
    const r = await scan();
    expect(r.coverage).toEqual([{ source: 'linux/pipewire', table: 'media_streams', status: 'ok' }]);
    expect(r.found).toEqual([]);
  });

  it('finds the program receiving the video while it runs, with its pid, and not after it stops', async () => {
    consumer = spawn('gst-launch-1.0', ['-q', 'pipewiresrc', 'target-object=bw-live-source', '!', 'video/x-raw', '!', 'fakesink'], { env, stdio: 'ignore' });
    await waitFor(async () => (await scan()).found.some((f) => f.confidence === 'high'), 'the receiving stream');
    const r = await scan();
    expect(r.found).toHaveLength(1);
    expect(r.found[0]).toMatchObject({ id: 'screen.pipewire-stream', confidence: 'high', capabilities: ['screen-recording'], subject: { kind: 'process', pid: consumer.pid, name: 'gst-launch-1.0' } });
    expect(r.found[0].evidence[0].item).toContain('receives video from');
    consumer.kill();
    await waitFor(async () => (await scan()).found.length === 0, 'the stream to go away');
  }, 20_000);
});
