import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPipewireCollector, parsePwDump, PwDumpFormatError } from '../../../src/collectors/linux/pipewire.js';
import type { CollectContext, Exec, ExecOptions, ExecResult } from '../../../src/collectors/types.js';

const fx = (name: string) => readFileSync(new URL(`../../fixtures/linux/pipewire/${name}`, import.meta.url), 'utf8');

describe('pw-dump parser (recorded on Debian 12, PipeWire 0.3.65)', () => {
  it('finds the program receiving video, the source it is linked to, and the audio capture', () => {
    const rows = parsePwDump(fx('pw-dump-video-stream-and-audio-capture.json'), '/run/user/0');
    expect(rows).toEqual([
      {
        source: 'linux/pipewire', session: '/run/user/0', node_id: 39, media_class: 'Stream/Input/Video', state: 'running', node_name: 'gst-launch-1.0',
        app: 'gst-launch-1.0', binary: 'gst-launch-1.0', pid: 12511, user: 'root', access: 'unrestricted',
        linked_node_id: 36, linked_class: 'Video/Source', linked_name: 'gst-launch-1.0', linked_app: 'gst-launch-1.0', link_state: 'active',
      },
      {
        // two links (left and right channel) from the same node make one row
        source: 'linux/pipewire', session: '/run/user/0', node_id: 48, media_class: 'Stream/Input/Audio', state: 'running', node_name: 'pw-record',
        app: 'pw-record', binary: 'pw-cat', pid: expect.any(Number), user: 'root', access: 'unrestricted',
        linked_node_id: 43, linked_class: 'Audio/Sink', linked_name: 'behave-null-sink', link_state: 'active',
      },
    ]);
  });

  it('lists nothing for a video source nobody reads', () => {
    expect(parsePwDump(fx('pw-dump-idle-video-source.json'))).toEqual([]);
  });

  it('keeps an audio-only session as audio', () => {
    expect(parsePwDump(fx('pw-dump-audio-capture-only.json')).map((r) => r.media_class)).toEqual(['Stream/Input/Audio']);
  });

  it('refuses output that is not pw-dump JSON instead of reporting an empty session', () => {
    expect(() => parsePwDump('')).toThrow(PwDumpFormatError);
    expect(() => parsePwDump('Error: failed to connect')).toThrow(PwDumpFormatError);
    expect(() => parsePwDump('{"id": 1}')).toThrow(PwDumpFormatError);
    expect(() => parsePwDump('[{"id": 5, "type": "Something"}]')).toThrow(PwDumpFormatError);
    // an empty list is what pw-dump prints for an object id that does not exist, not garbage
    expect(parsePwDump('[]')).toEqual([]);
  });

  it('ignores objects of the wrong shape and props that are not strings or numbers', () => {
    const raw = JSON.stringify([
      { id: 0, type: 'PipeWire:Interface:Core', info: {} },
      { id: 'x', type: 'PipeWire:Interface:Node' },
      { id: 7, type: 'PipeWire:Interface:Node', info: { state: 'running', props: { 'media.class': 'Stream/Input/Video', 'application.name': { toString: 1 }, 'client.id': 'nope' } } },
      { id: 8, type: 'PipeWire:Interface:Link', info: { 'output-node-id': 99, 'input-node-id': 7, state: 'active' } },
    ]);
    expect(parsePwDump(raw)).toEqual([{ source: 'linux/pipewire', node_id: 7, media_class: 'Stream/Input/Video', state: 'running', linked_node_id: 99, link_state: 'active' }]);
  });
});

interface Call { file: string; args: readonly string[]; options?: ExecOptions }
function fakeExec(answer: (env: Readonly<Record<string, string>> | undefined) => Partial<ExecResult>): Exec & { calls: Call[] } {
  const calls: Call[] = [];
  const fn = (async (file: string, args: readonly string[], options?: ExecOptions) => {
    calls.push({ file, args, options });
    return { stdout: '', stderr: '', code: 0, ...answer(options?.env) };
  }) as Exec & { calls: Call[] };
  fn.calls = calls;
  return fn;
}
const ctx = (exec: Exec) => ({ exec, platform: 'linux', env: {}, home: '/root', elevated: true, rulePaths: { exact: [], globs: [] }, registryKeys: [] }) as CollectContext;

describe.runIf(process.platform === 'linux')('PipeWire collector', () => {
  const base = mkdtempSync(join(tmpdir(), 'bw-pw-base-'));
  const servers: Server[] = [];
  // a real Unix socket stands where PipeWire's is, in two sessions; a folder without one has no PipeWire
  beforeAll(async () => {
    for (const uid of ['1000', '1001']) {
      mkdirSync(join(base, uid));
      const srv = createServer();
      await new Promise<void>((r) => srv.listen(join(base, uid, 'pipewire-0'), r));
      servers.push(srv);
    }
    mkdirSync(join(base, '1002'));
    writeFileSync(join(base, '1002', 'pipewire-0'), 'not a socket');
  });
  afterAll(() => {
    for (const s of servers) s.close();
  });

  it('runs pw-dump once per session, choosing the session in the child environment only', async () => {
    const exec = fakeExec(() => ({ stdout: fx('pw-dump-video-stream-and-audio-capture.json') }));
    const r = await createPipewireCollector({ runtimeBase: base }).collect(ctx(exec));
    expect(exec.calls.map((c) => [c.file, c.args, c.options?.env])).toEqual([
      ['pw-dump', [], { XDG_RUNTIME_DIR: join(base, '1000'), PIPEWIRE_REMOTE: 'pipewire-0' }],
      ['pw-dump', [], { XDG_RUNTIME_DIR: join(base, '1001'), PIPEWIRE_REMOTE: 'pipewire-0' }],
    ]);
    expect(exec.calls.every((c) => (c.options?.timeoutMs ?? 0) > 0 && (c.options?.maxBuffer ?? 0) > 0)).toBe(true);
    expect(r.tables.media_streams?.map((m) => [m.session, m.node_id])).toEqual([[join(base, '1000'), 39], [join(base, '1000'), 48], [join(base, '1001'), 39], [join(base, '1001'), 48]]);
    expect(r.coverage).toEqual([{ source: 'linux/pipewire', table: 'media_streams', status: 'ok' }]);
    expect(process.env.XDG_RUNTIME_DIR).not.toBe(join(base, '1001'));
  });

  it('says pw-dump is missing instead of ok', async () => {
    const r = await createPipewireCollector({ runtimeBase: base }).collect(ctx(fakeExec(() => ({ code: null, error: 'ENOENT' }))));
    expect(r.coverage[0].status).toBe('unavailable');
    expect(r.coverage[0].reason).toContain('pw-dump is not installed');
  });

  it('says there is no PipeWire session when no socket exists', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'bw-pw-none-'));
    const exec = fakeExec(() => ({}));
    const r = await createPipewireCollector({ runtimeBase: empty }).collect(ctx(exec));
    expect(exec.calls).toEqual([]);
    expect(r.coverage[0]).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('no PipeWire session is running') });
    const gone = await createPipewireCollector({ runtimeBase: join(empty, 'missing') }).collect(ctx(exec));
    expect(gone.coverage[0].status).toBe('unavailable');
  });

  it('marks garbage, failures and timeouts per session: partial when one session was read, error when none', async () => {
    const one = fakeExec((env) => (env?.XDG_RUNTIME_DIR?.endsWith('1000') ? { stdout: fx('pw-dump-audio-capture-only.json') } : { stdout: '<html>' }));
    const r1 = await createPipewireCollector({ runtimeBase: base }).collect(ctx(one));
    expect(r1.coverage[0]).toMatchObject({ status: 'partial', reason: expect.stringContaining('did not print JSON') });
    expect(r1.tables.media_streams).toHaveLength(1);
    const none = fakeExec((env) => (env?.XDG_RUNTIME_DIR?.endsWith('1000') ? { code: null, error: 'ETIMEDOUT' } : { code: 1, stderr: "can't connect: Connection refused\n" }));
    const r2 = await createPipewireCollector({ runtimeBase: base }).collect(ctx(none));
    expect(r2.coverage[0].status).toBe('error');
    expect(r2.coverage[0].reason).toContain('did not answer in time');
    expect(r2.coverage[0].reason).toContain("exit code 1): can't connect");
    expect(r2.tables.media_streams).toBeUndefined();
  });
});
