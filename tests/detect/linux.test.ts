import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupMembers, parseInputDevices, parseUdevRules } from '../../src/collectors/linux/input.js';
import { parseProc, parseProcNetTcpListening } from '../../src/collectors/linux/proc.js';
import { attachBehaviours, detectBehaviours } from '../../src/detect/index.js';
import { detectDeviceReaders } from '../../src/detect/input-device-reader/index.js';
import { detectInputAccess, udevGrant } from '../../src/detect/input-group-access/index.js';
import { detectVirtualDevices } from '../../src/detect/input-virtual-device/index.js';
import { x11ListenerOf } from '../../src/detect/input-x11-listener/index.js';
import { detectRemoteListening } from '../../src/detect/remote-vnc-listening/index.js';
import { screenCaptureOf } from '../../src/detect/screen-capture-process/index.js';
import type { Finding } from '../../src/match/types.js';
import type { ProcessRow, SettingRow, Snapshot } from '../../src/snapshot/schema.js';

const fx = (name: string) => readFileSync(new URL(`../fixtures/linux/${name}`, import.meta.url), 'utf8');
const snap = (tables: Partial<Snapshot>): Snapshot => ({ format: 'bosswatch-snapshot', version: 1, collected_at: '2026-12-03T10:00:00Z', host: { platform: 'linux', os_version: 'Debian 12' }, coverage: [], ...tables });

/** A process row from a recorded /proc/<pid>/{stat,cmdline}. */
const recorded = (name: string, pid: number, exe: string): ProcessRow =>
  parseProc({ pid, stat: fx(`behaviours/${name}-stat`), cmdline: fx(`behaviours/${name}-cmdline`), exe }, new Map())!;

describe('/proc/bus/input/devices', () => {
  it('tells keyboards from power buttons, hotkeys and mice, and marks virtual devices', () => {
    const rows = parseInputDevices(fx('input/proc-bus-input-devices-asus-x64j-ubuntu10.04.txt'));
    const by = Object.fromEntries(rows.map((r) => [r.handler, r]));
    expect(rows).toHaveLength(11);
    expect(by.event4).toEqual({ handler: 'event4', name: 'AT Translated Set 2 keyboard', keyboard: true, mouse: false, virtual: false });
    expect(rows.filter((r) => r.keyboard).map((r) => r.handler)).toEqual(['event4']);
    expect(by.event3).toMatchObject({ name: 'Macintosh mouse button emulation', mouse: true, virtual: true });
    expect(by.event5).toMatchObject({ name: 'Asus Laptop extra buttons', keyboard: false, virtual: true });
    expect(by.event8).toMatchObject({ name: 'Logitech USB Receiver', mouse: true });
  });

  it('reads a Hyper-V guest with the handler glued to the list', () => {
    const rows = parseInputDevices(fx('input/proc-bus-input-devices-hyperv-ubuntu.txt'));
    expect(rows.map((r) => [r.handler, r.keyboard, r.mouse])).toEqual([['event0', true, false], ['event1', false, true]]);
  });
});

describe('input.device-reader and input.virtual-device', () => {
  const input_devices = parseInputDevices(fx('input/proc-bus-input-devices-asus-x64j-ubuntu10.04.txt'));
  const processes: ProcessRow[] = [
    { pid: 900, name: 'Xorg', path: '/usr/lib/xorg/Xorg' },
    { pid: 901, name: 'kl', path: '/home/bob/.cache/kl' },
    { pid: 902, name: 'mousejig', path: '/opt/mj/mousejig' },
    { pid: 903, name: 'ydotoold', path: '/usr/bin/ydotoold' },
  ];
  const device_access = [
    { pid: 900, device: '/dev/input/event4', kind: 'input' },
    { pid: 901, device: '/dev/input/event4', kind: 'input' },
    { pid: 901, device: '/dev/input/event8', kind: 'input' },
    { pid: 902, device: '/dev/input/event8', kind: 'input' },
    { pid: 903, device: '/dev/uinput', kind: 'input-injection' },
    { pid: 904, device: '/dev/hidraw0', kind: 'hidraw' },
  ];
  const s = snap({ processes, device_access, input_devices });

  it('reports readers outside the display stack, high when one of the devices is a keyboard', () => {
    const f = detectDeviceReaders(s);
    expect(f.map((b) => [b.subject.kind === 'process' && b.subject.pid, b.confidence])).toEqual([[901, 'high'], [902, 'medium'], [904, 'medium']]);
    expect(f[0].evidence.map((e) => e.item)).toEqual(['/home/bob/.cache/kl', '/dev/input/event4 (AT Translated Set 2 keyboard)', '/dev/input/event8 (Logitech USB Receiver)']);
    expect(f[0].capabilities[0]).toBe('keystrokes');
    expect(f[2].subject).toEqual({ kind: 'process', pid: 904, name: 'pid 904' });
  });

  it('reports /dev/uinput holders as virtual input', () => {
    expect(detectVirtualDevices(s).map((b) => [b.id, b.subject.kind === 'process' && b.subject.name])).toEqual([['input.virtual-device', 'ydotoold']]);
  });
});

describe('input.group-access', () => {
  const rows = (file: string, path: string): SettingRow[] => parseUdevRules(fx(`input/${file}`)).map((r) => ({ source: 'linux/input', file: path, key: `udev rule line ${r.line}`, value: r.rule }));

  it('keeps the defaults of systemd and Debian quiet (input group, joysticks, uaccess for joysticks)', () => {
    const settings = [...rows('50-udev-default.rules.in.systemd', '/lib/udev/rules.d/50-udev-default.rules'), ...rows('70-uaccess.rules.debian12', '/lib/udev/rules.d/70-uaccess.rules')];
    expect(settings.length).toBeGreaterThan(2);
    expect(detectInputAccess(snap({ settings }))).toEqual([]);
  });

  it('reports world-readable event devices (high) and Steam\'s per-controller rules (low) once per file', () => {
    const settings = [...rows('99-sunshine-input.rules', '/etc/udev/rules.d/99-sunshine-input.rules'), ...rows('60-steam-input.rules', '/lib/udev/rules.d/60-steam-input.rules')];
    const f = detectInputAccess(snap({ settings }));
    expect(f.map((b) => [b.subject.kind === 'setting' && b.subject.file, b.confidence])).toEqual([
      ['/etc/udev/rules.d/99-sunshine-input.rules', 'high'],
      ['/lib/udev/rules.d/60-steam-input.rules', 'low'],
    ]);
    expect(f[0].subject).toMatchObject({ value: 'SUBSYSTEM=="input", KERNEL=="event*", MODE="0666", GROUP="input"' });
    expect(f[0].evidence).toHaveLength(4);
    expect(f[0].capabilities).toEqual(['keystrokes', 'mouse-activity', 'remote-control']);
  });

  it('judges single rules', () => {
    expect(udevGrant('SUBSYSTEM=="input", GROUP="input"')).toBeUndefined();
    expect(udevGrant('KERNEL=="event*", TAG+="uaccess"')).toEqual({ confidence: 'medium', capabilities: ['keystrokes', 'mouse-activity'] });
    expect(udevGrant('SUBSYSTEM=="input", ENV{ID_INPUT_KEYBOARD}=="1", GROUP="plugdev"')).toMatchObject({ confidence: 'medium' });
  });

  it('reports members of the input group', () => {
    expect(groupMembers(fx('input/etc-group-debian12'), 'input')).toEqual([]);
    const members = groupMembers(fx('input/etc-group-input-members_CONSTRUCTED'), 'input');
    expect(members).toEqual(['alice', 'bob']);
    const f = detectInputAccess(snap({ settings: [{ source: 'linux/input', file: '/etc/group', key: 'group input', value: members.join(',') }] }));
    expect(f.map((b) => [b.confidence, b.evidence[0].item])).toEqual([['medium', '/etc/group: input group members alice,bob']]);
  });
});

describe('programs capturing the screen or listening to keys (recorded command lines)', () => {
  it('recognises ffmpeg x11grab, a gstreamer ximagesrc pipeline, xinput test-xi2 --root and xev -root', () => {
    expect(screenCaptureOf(recorded('ffmpeg-x11grab', 1, '/usr/bin/ffmpeg'))).toMatchObject({ how: 'ffmpeg -f x11grab', confidence: 'high' });
    expect(screenCaptureOf(recorded('gst-ximagesrc', 2, '/usr/bin/gst-launch-1.0'))).toMatchObject({ how: 'gst-launch ximagesrc', confidence: 'high' });
    expect(x11ListenerOf(recorded('xinput-test-xi2', 3, '/usr/bin/xinput'))).toEqual({ how: 'xinput test-xi2 --root', confidence: 'high' });
    expect(x11ListenerOf(recorded('xev-root', 4, '/usr/bin/xev'))).toEqual({ how: 'xev -root', confidence: 'medium' });
  });

  it('leaves the X server, ffmpeg transcoding a file and other xinput commands alone', () => {
    const xvfb = recorded('Xvfb', 5, '/usr/bin/Xvfb');
    expect(screenCaptureOf(xvfb)).toBeUndefined();
    expect(x11ListenerOf(xvfb)).toBeUndefined();
    expect(screenCaptureOf({ pid: 6, name: 'ffmpeg', argv: ['ffmpeg', '-i', 'in.mkv', '-f', 'mp4', 'out.mp4'] })).toBeUndefined();
    expect(x11ListenerOf({ pid: 7, name: 'xinput', argv: ['xinput', 'list'] })).toBeUndefined();
    expect(screenCaptureOf({ pid: 8, name: 'import', argv: ['import', 'shot.png'] })).toBeUndefined();
  });

  it('recognises a pipeline given as one argument and import -window root', () => {
    expect(screenCaptureOf({ pid: 9, name: 'gst-launch-1.0', argv: ['gst-launch-1.0', 'pipewiresrc path=42 ! videoconvert ! fakesink'] })).toMatchObject({ how: 'gst-launch pipewiresrc' });
    expect(screenCaptureOf({ pid: 10, name: 'import', argv: ['import', '-window', 'root', 'x.png'] })).toMatchObject({ capabilities: ['screenshots'] });
  });
});

describe('remote.vnc-listening', () => {
  const listening = parseProcNetTcpListening(fx('behaviours/net-tcp-listen-5907'), false);

  it('reads listening sockets from /proc/net/tcp', () => {
    expect(listening).toEqual([
      { address: '127.0.0.1', port: 5907, inode: 91867 },
      { address: '0.0.0.0', port: 2024, inode: 552 },
    ]);
  });

  it('reports VNC ports with their program, higher when reachable from the network', () => {
    const network = [
      { source: 'listening', state: 'listen', protocol: 'tcp' as const, local_address: '127.0.0.1', local_port: 5907, pid: 50 },
      { source: 'listening', state: 'listen', protocol: 'tcp' as const, local_address: '0.0.0.0', local_port: 2024, pid: 51 },
      { source: 'listening', state: 'listen', protocol: 'tcp' as const, local_address: '0.0.0.0', local_port: 3389, pid: 52 },
    ];
    const processes = [{ pid: 50, name: 'x11vnc', path: '/usr/bin/x11vnc' }, { pid: 51, name: 'sshd' }, { pid: 52, name: 'xrdp', path: '/usr/sbin/xrdp' }];
    const f = detectRemoteListening(snap({ network, processes }));
    expect(f.map((b) => [b.subject.kind === 'process' && b.subject.name, b.confidence, b.evidence[1].item])).toEqual([
      ['x11vnc', 'medium', '127.0.0.1:5907'],
      ['xrdp', 'high', '0.0.0.0:3389'],
    ]);
  });
});

describe('behaviours a product explains', () => {
  it('moves a behaviour into the product finding that has the same process', () => {
    const processes = [{ pid: 50, name: 'x11vnc', path: '/usr/bin/x11vnc' }];
    const network = [{ source: 'listening', state: 'listen', local_address: '0.0.0.0', local_port: 5900, pid: 50 }];
    const s = snap({ processes, network });
    const rule = { id: 'x11vnc', category: 'remote-access' } as Finding['rule'];
    const findings: Finding[] = [{ rule, confidence: 'high', evidence: [{ table: 'processes', row: 0, item: '/usr/bin/x11vnc', indicator: { kind: 'processes', value: '/usr/bin/x11vnc' }, strength: 'high', what: 'running program' }] }];
    const r = attachBehaviours(s, findings, detectBehaviours(s));
    expect(r.unexplained).toEqual([]);
    expect(r.explained.map((e) => [e.behaviour.id, e.rule])).toEqual([['remote.vnc-listening', 'x11vnc']]);
  });
});
