import type { EventTapRow } from '../../snapshot/schema.js';
import type { Collector, CollectorResult } from '../types.js';
import { reason } from '../shared/reason.js';

// Quartz event taps, the way ReiKey and osquery's event_taps table list them: CGGetEventTapList through the
// JavaScript for Automation ObjC bridge (osascript -l JavaScript), so no native addon is needed. Never run on a Mac
// by us: the script is checked for syntax and run in tests against a stub of the bridge only.

export const OSASCRIPT = '/usr/bin/osascript';
const TIMEOUT_MS = 20_000;

// CGEventTapInformation, 48 bytes on 64-bit macOS: eventTapID u32 @0, tapPoint u32 @4, options u32 @8,
// eventsOfInterest u64 @16, tappingProcess i32 @24, processBeingTapped i32 @28, enabled bool @32.
export const EVENT_TAPS_JXA = String.raw`
ObjC.import('Foundation');
ObjC.import('AppKit');
ObjC.bindFunction('CGGetEventTapList', ['int', ['unsigned int', 'void *', 'void *']]);
ObjC.bindFunction('malloc', ['void *', ['unsigned long']]);
ObjC.bindFunction('free', ['void', ['void *']]);
var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function bytesAt(ptr, n) {
  var s = $.NSData.dataWithBytesLength(ptr, n).base64EncodedStringWithOptions(0).js;
  var out = [];
  for (var i = 0; i + 3 < s.length; i += 4) {
    var a = B64.indexOf(s[i]), b = B64.indexOf(s[i + 1]), c = B64.indexOf(s[i + 2]), d = B64.indexOf(s[i + 3]);
    out.push((a << 2) | (b >> 4));
    if (c >= 0) out.push(((b & 15) << 4) | (c >> 2));
    if (d >= 0) out.push(((c & 3) << 6) | d);
  }
  return out;
}
function u32(b, o) { return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0; }
function i32(b, o) { return b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24); }
function appOf(pid) {
  var a = $.NSRunningApplication.runningApplicationWithProcessIdentifier(pid);
  if (!a || a.isNil()) return {};
  var r = {};
  if (a.bundleIdentifier && !a.bundleIdentifier.isNil()) r.bundle_id = a.bundleIdentifier.js;
  if (a.localizedName && !a.localizedName.isNil()) r.name = a.localizedName.js;
  if (a.executableURL && !a.executableURL.isNil()) r.path = a.executableURL.path.js;
  return r;
}
function run() {
  var out = { format: 'bosswatch-event-taps', version: 1, taps: [] };
  var countPtr = $.malloc(4);
  var err = $.CGGetEventTapList(0, null, countPtr);
  if (err !== 0) { out.error = 'CGGetEventTapList returned ' + err; $.free(countPtr); return JSON.stringify(out); }
  var count = u32(bytesAt(countPtr, 4), 0);
  if (count > 0) {
    var size = 48;
    var buf = $.malloc(size * count);
    err = $.CGGetEventTapList(count, buf, countPtr);
    if (err !== 0) out.error = 'CGGetEventTapList returned ' + err;
    else {
      count = Math.min(count, u32(bytesAt(countPtr, 4), 0));
      var b = bytesAt(buf, size * count);
      for (var i = 0; i < count; i++) {
        var o = i * size;
        var tap = { id: u32(b, o), tap_point: u32(b, o + 4), options: u32(b, o + 8), mask_lo: u32(b, o + 16), mask_hi: u32(b, o + 20), tapping_pid: i32(b, o + 24), target_pid: i32(b, o + 28), enabled: b[o + 32] !== 0 };
        var app = appOf(tap.tapping_pid);
        for (var k in app) tap[k] = app[k];
        out.taps.push(tap);
      }
    }
    $.free(buf);
  }
  $.free(countPtr);
  return JSON.stringify(out);
}
`;

// kCGEventKeyDown 10, kCGEventKeyUp 11, kCGEventFlagsChanged 12 (CGEventTypes.h)
const KEY_EVENTS = (1n << 10n) | (1n << 11n) | (1n << 12n);
const LISTEN_ONLY = 1; // kCGEventTapOptionListenOnly

/** The script's JSON: one row per tap, with whether it sees key events and only listens. */
export function parseEventTaps(json: string): { rows: EventTapRow[]; error?: string; bad?: number } {
  let doc: unknown;
  try {
    doc = JSON.parse(json.trim());
  } catch {
    return { rows: [], error: 'osascript did not print the event-tap list' };
  }
  const d = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as { format?: unknown; taps?: unknown; error?: unknown }) : undefined;
  // our script always prints its format name and a taps array, even when there are no taps
  if (!d || d.format !== 'bosswatch-event-taps' || (!Array.isArray(d.taps) && typeof d.error !== 'string')) return { rows: [], error: 'osascript did not print the event-tap list' };
  const rows: EventTapRow[] = [];
  let bad = 0;
  for (const t of Array.isArray(d.taps) ? (d.taps as unknown[]) : []) {
    if (typeof t !== 'object' || t === null) {
      bad++;
      continue;
    }
    const rec = t as Record<string, unknown>;
    const num = (k: string) => (typeof rec[k] === 'number' ? (rec[k] as number) : undefined);
    const id = num('id');
    const pid = num('tapping_pid');
    if (id === undefined || pid === undefined) {
      bad++;
      continue;
    }
    const mask = (BigInt(num('mask_hi') ?? 0) << 32n) | BigInt(num('mask_lo') ?? 0);
    const row: EventTapRow = { tap_id: id, tapping_pid: pid, listen_only: num('options') === LISTEN_ONLY, enabled: rec.enabled === true, keyboard: (mask & KEY_EVENTS) !== 0n, mask: `0x${mask.toString(16)}` };
    const target = num('target_pid');
    if (target !== undefined && target !== 0) row.target_pid = target;
    if (typeof rec.name === 'string') row.process = rec.name;
    if (typeof rec.path === 'string') row.path = rec.path;
    if (typeof rec.bundle_id === 'string') row.bundle_id = rec.bundle_id;
    rows.push(row);
  }
  const out: { rows: EventTapRow[]; error?: string; bad?: number } = { rows };
  if (typeof d.error === 'string') out.error = d.error;
  if (bad) out.bad = bad;
  return out;
}

export const eventTapsCollector: Collector = {
  id: 'macos/event-taps',
  tables: ['event_taps'],
  async collect(ctx): Promise<CollectorResult> {
    const r = await ctx.exec(OSASCRIPT, ['-l', 'JavaScript', '-e', EVENT_TAPS_JXA], { timeoutMs: TIMEOUT_MS });
    if (r.error || r.code !== 0) {
      const why =
        r.error === 'ENOENT' ? reason('event-taps-no-osascript')
        : r.error === 'ETIMEDOUT' ? reason('event-taps-timeout')
        : reason('event-taps-failed', { detail: (r.stderr.trim().split('\n')[0] || `osascript exited with ${r.code}`).slice(0, 200) });
      return { tables: {}, coverage: [{ source: this.id, table: 'event_taps', status: 'error', ...why }] };
    }
    const { rows, error, bad } = parseEventTaps(r.stdout);
    const total = rows.length + (bad ?? 0);
    return {
      tables: { event_taps: rows },
      coverage: [
        error
          ? { source: this.id, table: 'event_taps', status: 'error', ...reason('event-taps-failed', { detail: error }) }
          : bad
            ? { source: this.id, table: 'event_taps', status: rows.length ? 'partial' : 'error', ...reason('event-taps-some-bad', { count: bad, total }) }
            : { source: this.id, table: 'event_taps', status: 'ok' },
      ],
    };
  },
};
