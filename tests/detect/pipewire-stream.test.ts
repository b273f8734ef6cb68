import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePwDump } from '../../src/collectors/linux/pipewire.js';
import { detectBehaviours } from '../../src/detect/index.js';
import { detectPipewireStreams } from '../../src/detect/screen-pipewire-stream/index.js';
import type { MediaStreamRow, Snapshot } from '../../src/snapshot/schema.js';

const fx = (name: string) => readFileSync(new URL(`../fixtures/linux/pipewire/${name}`, import.meta.url), 'utf8');
const snap = (tables: Partial<Snapshot>): Snapshot => ({ format: 'bosswatch-snapshot', version: 1, collected_at: '2026-12-03T10:00:00Z', host: { platform: 'linux', os_version: 'Debian 12' }, coverage: [], ...tables });
const streams = (name: string) => parsePwDump(fx(name), '/run/user/1000');

describe('screen.pipewire-stream', () => {
  it('reports the program receiving a video source, with its pid and the source, high while frames flow', () => {
    const media_streams = streams('pw-dump-video-stream-and-audio-capture.json');
    const processes = [{ pid: 12511, name: 'gst-launch-1.0', path: '/usr/bin/gst-launch-1.0', argv: ['gst-launch-1.0', 'pipewiresrc', 'target-object=behave-test-source', '!', 'video/x-raw', '!', 'fakesink'] }];
    const f = detectPipewireStreams(snap({ media_streams, processes }));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      id: 'screen.pipewire-stream',
      capabilities: ['screen-recording'],
      confidence: 'high',
      subject: { kind: 'process', pid: 12511, name: 'gst-launch-1.0', path: '/usr/bin/gst-launch-1.0' },
    });
    expect(f[0].evidence[0]).toMatchObject({ table: 'media_streams', row: 0, what: 'stream' });
    expect(f[0].evidence[0].item).toBe('/run/user/1000: gst-launch-1.0 receives video from "gst-launch-1.0" (node 36, Video/Source, from gst-launch-1.0); stream running, link active');
    expect(f[0].evidence[1]).toMatchObject({ table: 'processes', row: 0 });
    // the detector runs with the others on Linux snapshots
    expect(detectBehaviours(snap({ media_streams })).filter((b) => b.id === 'screen.pipewire-stream')).toHaveLength(1);
  });

  it('does not report an idle video source that nobody reads', () => {
    expect(detectPipewireStreams(snap({ media_streams: streams('pw-dump-idle-video-source.json') }))).toEqual([]);
  });

  it('does not report a stream that is only audio', () => {
    const media_streams = streams('pw-dump-audio-capture-only.json');
    expect(media_streams).toHaveLength(1);
    expect(detectPipewireStreams(snap({ media_streams }))).toEqual([]);
  });

  const row = (over: Partial<MediaStreamRow>): MediaStreamRow => ({ source: 'linux/pipewire', node_id: 70, media_class: 'Stream/Input/Video', state: 'running', binary: 'zoom', pid: 4242, linked_node_id: 60, linked_class: 'Video/Source', link_state: 'active', ...over });

  it('tells a camera (v4l2, libcamera, role Camera) from a screen-cast', () => {
    for (const cam of [{ linked_device_api: 'v4l2' }, { linked_device_api: 'libcamera' }, { linked_role: 'Camera' }]) {
      expect(detectPipewireStreams(snap({ media_streams: [row(cam)] }))[0].capabilities).toEqual(['webcam']);
    }
    expect(detectPipewireStreams(snap({ media_streams: [row({ linked_name: 'xdpw-stream-a1b2c3' })] }))[0].capabilities).toEqual(['screen-recording']);
  });

  it('is medium for a linked stream that is paused, and nothing for an unlinked one or another program\'s plain output', () => {
    expect(detectPipewireStreams(snap({ media_streams: [row({ state: 'idle', link_state: 'paused' })] }))[0].confidence).toBe('medium');
    expect(detectPipewireStreams(snap({ media_streams: [row({ linked_node_id: undefined, linked_class: undefined, link_state: undefined })] }))).toEqual([]);
    expect(detectPipewireStreams(snap({ media_streams: [row({ linked_class: 'Stream/Output/Video' })] }))).toEqual([]);
  });

  it('gives one finding per program, with both camera and screen when it receives both', () => {
    const f = detectPipewireStreams(snap({ media_streams: [row({ linked_device_api: 'v4l2' }), row({ node_id: 71, linked_node_id: 61, state: 'idle', link_state: 'paused' })] }));
    expect(f).toHaveLength(1);
    expect(f[0].capabilities).toEqual(['webcam', 'screen-recording']);
    expect(f[0].confidence).toBe('high');
    expect(f[0].evidence).toHaveLength(2);
    expect(f[0].subject).toEqual({ kind: 'process', pid: 4242, name: 'zoom' });
  });
});
