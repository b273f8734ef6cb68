import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_TAPS_JXA, parseEventTaps } from '../../src/collectors/macos/eventtaps.js';
import { detectBehaviours } from '../../src/detect/index.js';
import { detectEventTaps } from '../../src/detect/macos-event-tap/index.js';
import type { Snapshot } from '../../src/snapshot/schema.js';

/** Runs the JXA text under Node with a stub of the ObjC bridge whose CGGetEventTapList fills the documented layout. */
function runWithStub(taps: { id: number; options: number; maskLo: number; maskHi: number; pid: number; target: number; enabled: boolean }[]): string {
  const mem = new Map<number, Buffer>();
  let next = 1;
  const malloc = (n: number) => {
    const p = next++;
    mem.set(p, Buffer.alloc(Number(n)));
    return p;
  };
  const $ = Object.assign(() => undefined, {
    malloc,
    free: (p: number) => mem.delete(p),
    CGGetEventTapList: (max: number, buf: number | null, countPtr: number) => {
      mem.get(countPtr)!.writeUInt32LE(buf === null ? taps.length : Math.min(max, taps.length), 0);
      if (buf !== null) {
        const b = mem.get(buf)!;
        taps.slice(0, max).forEach((t, i) => {
          const o = i * 48;
          b.writeUInt32LE(t.id, o);
          b.writeUInt32LE(t.options, o + 8);
          b.writeUInt32LE(t.maskLo, o + 16);
          b.writeUInt32LE(t.maskHi, o + 20);
          b.writeInt32LE(t.pid, o + 24);
          b.writeInt32LE(t.target, o + 28);
          b.writeUInt8(t.enabled ? 1 : 0, o + 32);
        });
      }
      return 0;
    },
    NSData: { dataWithBytesLength: (p: number, n: number) => ({ base64EncodedStringWithOptions: () => ({ js: mem.get(p)!.subarray(0, n).toString('base64') }) }) },
    NSRunningApplication: {
      runningApplicationWithProcessIdentifier: (pid: number): unknown =>
        pid === 501
          ? { isNil: () => false, bundleIdentifier: { isNil: () => false, js: 'com.example.agent' }, localizedName: { isNil: () => false, js: 'Agent' }, executableURL: { isNil: () => false, path: { js: '/Applications/Agent.app/Contents/MacOS/Agent' } } }
          : { isNil: () => true },
    },
  });
  const ObjC = { import: () => undefined, bindFunction: () => undefined };
  return new Function('ObjC', '$', `${EVENT_TAPS_JXA}\nreturn run();`)(ObjC, $) as string;
}

describe('macOS event taps (JXA through osascript; never run on a Mac, checked here against a stub bridge)', () => {
  it('is valid JavaScript', () => {
    expect(() => new Function(EVENT_TAPS_JXA)).not.toThrow();
  });

  it('reads the 48-byte CGEventTapInformation records and the owning app', () => {
    const out = runWithStub([
      { id: 7, options: 1, maskLo: (1 << 10) | (1 << 11) | (1 << 12), maskHi: 0, pid: 501, target: 0, enabled: true },
      { id: 8, options: 0, maskLo: 1 << 22, maskHi: 0, pid: 502, target: 0, enabled: true },
      { id: 9, options: 1, maskLo: 0xffffffff, maskHi: 0xffffffff, pid: 503, target: 77, enabled: false },
    ]);
    const { rows, error } = parseEventTaps(out);
    expect(error).toBeUndefined();
    expect(rows).toEqual([
      { tap_id: 7, tapping_pid: 501, listen_only: true, enabled: true, keyboard: true, mask: '0x1c00', process: 'Agent', path: '/Applications/Agent.app/Contents/MacOS/Agent', bundle_id: 'com.example.agent' },
      { tap_id: 8, tapping_pid: 502, listen_only: false, enabled: true, keyboard: false, mask: '0x400000' },
      { tap_id: 9, tapping_pid: 503, listen_only: true, enabled: false, keyboard: true, mask: '0xffffffffffffffff', target_pid: 77 },
    ]);
    const s: Snapshot = { format: 'bosswatch-snapshot', version: 1, collected_at: '2026-12-03T10:00:00Z', host: { platform: 'macos', os_version: '14.5' }, coverage: [], event_taps: rows };
    expect(detectEventTaps(s).map((b) => [b.confidence, b.subject])).toEqual([['high', { kind: 'process', pid: 501, name: 'Agent', path: '/Applications/Agent.app/Contents/MacOS/Agent' }]]);
  });

  it('reports an empty list and an error', () => {
    expect(parseEventTaps(runWithStub([])).rows).toEqual([]);
    expect(parseEventTaps('execution error: -2700').error).toBe('osascript did not print the event-tap list');
  });
});

describe('macOS privacy grants and system extensions (example machines)', () => {
  const load = (f: string) => JSON.parse(readFileSync(new URL(`../../examples/snapshots/${f}`, import.meta.url), 'utf8')) as Snapshot;

  it('finds MDM-granted and user-granted watching permissions, the endpoint-security and network extensions on the monitored Mac', () => {
    const ids = new Set(detectBehaviours(load('macos-monitored.json')).map((b) => `${b.id}:${b.subject.kind === 'process' ? b.subject.name : ''}`));
    expect(ids).toContain('macos.mdm-granted:tmsysd');
    expect(ids).toContain('macos.mdm-granted:com.netsoft.Hubstaff');
    expect(ids).toContain('macos.privacy-grant:tmsysd');
    expect(ids).toContain('macos.endpoint-security-extension:Microsoft Defender Endpoint Security Extension');
    expect(ids).toContain('macos.network-filter:Microsoft Defender Network Extension');
  });
});
