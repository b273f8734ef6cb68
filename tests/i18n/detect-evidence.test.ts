import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parseScutilProxy, scutilProxyRows } from '../../src/collectors/macos/proxy.js';
import { detectProxy } from '../../src/detect/browser-proxy/index.js';
import { detectBehaviours } from '../../src/detect/index.js';
import { detectEventTaps } from '../../src/detect/macos-event-tap/index.js';
import { detectMdmGrants } from '../../src/detect/macos-mdm-granted/index.js';
import { detectPipewireStreams } from '../../src/detect/screen-pipewire-stream/index.js';
import type { DetectKey, EvidenceParams } from '../../src/detect/messages.js';
import { CATALOGUES, LANGS } from '../../src/i18n/index.js';
import type { Snapshot } from '../../src/snapshot/schema.js';

// Every evidence line a detector writes goes through evidenceText (said() in src/detect/lib.ts); recording its calls
// while the detectors run over the example snapshots and over the detector tests' own fixtures (their test files are
// imported below, so their cases run here too) gives every (key, params) a real snapshot makes, checked in both languages.
const seen = vi.hoisted(() => new Map<string, { key: string; params: Record<string, string | number>; from: string }>());
const origin = vi.hoisted(() => ({ now: 'detector tests' }));
vi.mock('../../src/detect/messages.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/detect/messages.js')>();
  return {
    ...real,
    evidenceText: (key: DetectKey, params: EvidenceParams, lang?: 'en' | 'es') => {
      const id = `${key}\0${Object.keys(params).sort().join(',')}`;
      if (!seen.has(id)) seen.set(id, { key, params: { ...params }, from: origin.now });
      return real.evidenceText(key, params, lang);
    },
  };
});

// the detector tests, run again under the recorder: their fixtures are the recorded OS outputs the detectors meet
import '../detect/linux.test.js';
import '../detect/macos.test.js';
import '../detect/windows.test.js';
import '../detect/policies.test.js';
import '../detect/pipewire-stream.test.js';
import '../collectors/macos/proxy-trust.test.js';
import '../collectors/linux/permission-store.test.js';

const { evidenceText } = await vi.importActual<typeof import('../../src/detect/messages.js')>('../../src/detect/messages.js');
const EXAMPLES = new URL('../../examples/snapshots/', import.meta.url);
const FIXTURE_SNAPSHOTS = new URL('../fixtures/snapshots/', import.meta.url);
const snapshots = [
  ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => new URL(f, EXAMPLES)),
  ...readdirSync(FIXTURE_SNAPSHOTS).filter((f) => f.endsWith('.json')).map((f) => new URL(f, FIXTURE_SNAPSHOTS)),
];

const placeholders = (s: string) => [...s.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]);
/** The template's placeholders outside [[ ... ]]: a line without them would show "{name}". */
const required = (s: string) => placeholders(s.replace(/\[\[.*?\]\]/g, ''));
/** Each [[ ... ]] part's placeholders, in order: both languages must drop the same parts for the same missing values. */
const optionalParts = (s: string) => [...s.matchAll(/\[\[(.*?)\]\]/g)].map((m) => placeholders(m[1]).sort().join(','));
const detectKeys = Object.keys(CATALOGUES.en).filter((k) => k.startsWith('detect.')) as DetectKey[];

// Lines no recorded output reaches: scutil --proxy in Apple's key names for the other proxy kinds and auto-discovery
// (hand-written in the format of the recordings in tests/fixtures/macos/proxy), event taps that filter or target one
// process (the CGEventTapInformation fields of tests/detect/macos.test.ts), a PipeWire stream whose node state was not
// given, TCC rows granted by MDM policy without a profile name. Hand-made rows: they only exercise the words.
describe('evidence lines no recorded fixture reaches (hand-made rows)', () => {
  const snap = (platform: 'macos' | 'linux', tables: Partial<Snapshot>): Snapshot => ({ format: 'bosswatch-snapshot', version: 1, collected_at: '2026-12-03T10:00:00Z', host: { platform, os_version: platform === 'macos' ? '14.5' : 'Debian 12' }, coverage: [], ...tables });

  it('macOS proxies of every kind, auto-discovery, and a PAC given inline or without an address', () => {
    const kinds = ['HTTPS', 'SOCKS', 'FTP', 'RTSP', 'Gopher'].flatMap((k, i) => [`  ${k}Enable : 1`, `  ${k}Port : ${3128 + i}`, `  ${k}Proxy : proxy.example`]);
    const scutil = ['<dictionary> {', ...kinds, '  ProxyAutoDiscoveryEnable : 1', '}'].join('\n');
    const lines = detectProxy(snap('macos', { settings: scutilProxyRows(parseScutilProxy(scutil)) })).flatMap((b) => b.evidence.map((e) => e.key));
    expect(lines).toEqual(['detect.proxy.mac.https', 'detect.proxy.mac.socks', 'detect.proxy.mac.ftp', 'detect.proxy.mac.rtsp', 'detect.proxy.mac.gopher', 'detect.proxy.mac.wpad']);
    for (const [pac, key] of [['  ProxyAutoConfigJavaScript : function FindProxyForURL(u, h) { return "DIRECT"; }', 'detect.proxy.mac.pac-inline'], ['', 'detect.proxy.mac.pac-none']]) {
      const text = ['<dictionary> {', '  ProxyAutoConfigEnable : 1', ...(pac ? [pac] : []), '}'].join('\n');
      expect(detectProxy(snap('macos', { settings: scutilProxyRows(parseScutilProxy(text)) })).flatMap((b) => b.evidence.map((e) => e.key))).toEqual([key]);
    }
  });

  it('event taps that filter, or watch one process', () => {
    const tap = (tap_id: number, listen_only: boolean, target_pid?: number) => ({ tap_id, tapping_pid: 501, listen_only, enabled: true, keyboard: true, mask: '0x1c00', process: 'Agent', ...(target_pid ? { target_pid } : {}) });
    const f = detectEventTaps(snap('macos', { event_taps: [tap(1, true, 77), tap(2, false), tap(3, false, 77)] }));
    expect(f.flatMap((b) => b.evidence.map((e) => e.key))).toEqual(['detect.tap.listen.pid', 'detect.tap.filter', 'detect.tap.filter.pid']);
  });

  it('a PipeWire stream without a node state, and one known only by its node', () => {
    const row = { source: 'linux/pipewire', node_id: 80, media_class: 'Stream/Input/Video', linked_node_id: 81, linked_class: 'Video/Source' };
    const full = { session: '/run/user/1000', linked_name: 'xdpw', linked_device_api: 'v4l2', linked_app: 'wireplumber', link_state: 'paused' };
    const f = detectPipewireStreams(snap('linux', { media_streams: [{ ...row, binary: 'obs' }, { ...row, node_id: 82, ...full }, { ...row, node_id: 83, state: 'running' }] }));
    expect(f.flatMap((b) => b.evidence.map((e) => [e.key, Object.keys(e.params).sort().join(',')]))).toEqual([
      ['detect.stream.no-state', 'class,node,who'],
      ['detect.stream.no-state', 'api,app,class,link,name,node,self,session'],
      ['detect.stream', 'class,node,self,state'],
    ]);
  });

  it('TCC rows allowed by MDM policy, named by their database rather than a profile', () => {
    const permissions = [
      { source: 'tcc-system', service: 'screen-capture', client: 'com.example.agent', granted: true, auth_reason: 6 },
      { source: 'tcc-system', service: 'input-monitoring', client: 'com.example.agent', granted: false, auth_reason: 6, authorization: 'AllowStandardUserToSetSystemService' },
    ];
    const f = detectMdmGrants(snap('macos', { permissions: permissions as Snapshot['permissions'] }));
    expect(f.flatMap((b) => b.evidence.map((e) => [e.key, Object.keys(e.params).sort().join(',')]))).toEqual([
      ['detect.mdm.allowed', 'service,source'],
      ['detect.mdm.user-may', 'service,source'],
    ]);
  });
});

describe('behaviour evidence in every language', () => {
  it.each(snapshots.map((u) => [u.pathname.slice(u.pathname.lastIndexOf('/') + 1), u]))('runs the detectors over %s', (_name, url) => {
    origin.now = String(_name);
    const s = JSON.parse(readFileSync(url, 'utf8')) as Snapshot;
    for (const b of detectBehaviours(s)) for (const e of b.evidence) expect(e.item).toBe(evidenceText(e.key, e.params, 'en'));
    origin.now = 'detector tests';
  });

  it('every detect.* key has an English and a Spanish line with the same placeholders and the same optional parts', () => {
    for (const key of detectKeys) {
      const en = CATALOGUES.en[key];
      for (const lang of LANGS) {
        const text = CATALOGUES[lang][key];
        expect(text, `${lang} ${key}`).toBeTruthy();
        expect(placeholders(text).sort(), `${lang} ${key}`).toEqual(placeholders(en).sort());
        expect(required(text).sort(), `${lang} ${key}`).toEqual(required(en).sort());
        expect(optionalParts(text).sort(), `${lang} ${key}`).toEqual(optionalParts(en).sort());
        // brackets come in pairs, none nested: the renderer's [[ ... ]] is not greedy
        expect(text.split('[[').length, `${lang} ${key}`).toBe(text.split(']]').length);
        expect(text, `${lang} ${key}`).not.toMatch(/\[\[[^\]]*\[\[/);
      }
      // a line with words of its own says them in Spanish; one made only of machine values is the same in both
      const words = en.replace(/\{[a-z_]+\}|\[\[|\]\]/g, ' ').match(/[A-Za-z]{3,}/g) ?? [];
      const machineWords = ['PAC', 'WPAD', 'HTTP', 'HTTPS', 'SOCKS', 'FTP', 'RTSP', 'Gopher', 'SHA', 'Windows', 'ProxyAutoConfigEnable', 'ProxyAutoDiscoveryEnable', 'ExceptionsList'];
      if (words.some((w) => !machineWords.includes(w))) expect(CATALOGUES.es[key], key).not.toBe(en);
    }
  });

  // registered after the imported detector tests, so it runs once they have filled the record
  it('every line a detector wrote has its key in both catalogues, every placeholder supplied, nothing left over', () => {
    const lines = [...seen.values()];
    const problems: string[] = [];
    for (const { key, params, from } of lines) {
      if (!detectKeys.includes(key as DetectKey)) {
        problems.push(`${key} (${from}): not a detect.* key of the English catalogue`);
        continue;
      }
      for (const lang of LANGS) {
        const template = CATALOGUES[lang][key as DetectKey];
        for (const name of required(template)) if (!Object.hasOwn(params, name)) problems.push(`${lang} ${key} (${from}): {${name}} is not supplied`);
        for (const name of Object.keys(params)) if (!placeholders(template).includes(name)) problems.push(`${lang} ${key} (${from}): {${name}} is supplied but the line never shows it`);
        // values stand for themselves (a Windows GUID may hold braces): render with plain stand-ins, then look for leftovers
        const plain = Object.fromEntries(Object.keys(params).map((k, i) => [k, `V${i}`]));
        const text = evidenceText(key as DetectKey, plain, lang);
        if (/[{}]|\[\[|\]\]/.test(text)) problems.push(`${lang} ${key} (${from}): leftover in "${text}"`);
        if (text.trim() === '') problems.push(`${lang} ${key} (${from}): empty line`);
      }
    }
    // every key is met at least once, so a new line without a fixture is noticed
    const met = new Set(lines.map((l) => l.key));
    for (const key of detectKeys) if (!met.has(key)) problems.push(`${key}: no detector test or example snapshot makes this line`);
    // and every placeholder of a line, optional ones too, is filled by some call: a part no detector fills is dead
    for (const key of met) {
      if (!detectKeys.includes(key as DetectKey)) continue;
      const given = new Set(lines.filter((l) => l.key === key).flatMap((l) => Object.keys(l.params)));
      for (const name of placeholders(CATALOGUES.en[key as DetectKey])) if (!given.has(name)) problems.push(`${key}: no detector run supplies {${name}}`);
    }
    expect(problems).toEqual([]);
  });
});
