import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandPath, parseCrontab, parseDesktopEntry } from '../../../src/collectors/linux/autostart.js';
import { parseOsRelease } from '../../../src/collectors/linux/host.js';
import { parseProcModules } from '../../../src/collectors/linux/modules.js';
import { parseDpkgStatus, parseRpmQuery } from '../../../src/collectors/linux/packages.js';
import { joinArgv, parseCmdline, parsePasswd, parseProc, parseProcNetTcp, parseStat } from '../../../src/collectors/linux/proc.js';
import { parseSystemctlJson, parseUnitFile } from '../../../src/collectors/linux/units.js';

const fx = (name: string) => readFileSync(new URL(`../../fixtures/linux/${name}`, import.meta.url), 'utf8');

describe('/proc parsers', () => {
  it('reads comm even when it contains spaces and a closing parenthesis', () => {
    expect(parseStat(fx('proc/weird-stat'))).toEqual({ comm: 'we ird) x', ppid: 13729, state: 'S' });
  });

  it('builds a process row with exe path, argv boundaries and the user name', () => {
    const row = parseProc(
      { pid: 13730, stat: fx('proc/weird-stat'), cmdline: fx('proc/weird-cmdline'), status: fx('proc/sleep-status'), exe: '/tmp/we ird) x (deleted)' },
      parsePasswd('root:x:0:0:root:/root:/bin/bash\n'),
    );
    expect(row).toEqual({
      pid: 13730,
      ppid: 13729,
      name: 'we ird) x',
      path: '/tmp/we ird) x',
      argv: ['/tmp/we ird) x', '300'],
      cmdline: "'/tmp/we ird) x' 300",
      user: 'root',
    });
  });

  it('falls back to comm when the executable is not readable (another user\'s process)', () => {
    const row = parseProc({ pid: 7, stat: fx('proc/sleep-stat'), cmdline: fx('proc/sleep-cmdline') }, new Map());
    expect(row?.name).toBe('sleep');
    expect(row?.path).toBeUndefined();
    expect(row?.argv).toEqual(['sleep', '300']);
  });

  it('returns nothing for a process that vanished', () => {
    expect(parseProc({ pid: 9 }, new Map())).toBeUndefined();
  });

  it('keeps empty arguments distinguishable when joining argv', () => {
    expect(parseCmdline('a\0\0b c\0')).toEqual(['a', '', 'b c']);
    expect(joinArgv(['a', '', "it's"])).toBe(`a '' 'it'\\''s'`);
  });

  it('reads established TCP connections with their socket inode', () => {
    const rows = parseProcNetTcp(fx('net-tcp'), false);
    expect(rows).toEqual([
      { address: '127.0.0.1', port: 18765, inode: 23567 },
      { address: '127.0.0.1', port: 57896, inode: 23568 },
    ]);
    expect(parseProcNetTcp(fx('net-tcp6'), true)).toEqual([]);
  });
});

describe('package parsers', () => {
  it('lists installed dpkg packages and skips removed ones that left config files', () => {
    const rows = parseDpkgStatus(fx('dpkg-status-debian12.txt'));
    expect(rows.map((r) => r.name).sort()).toEqual(['bash', 'libc6', 'sqlite3', 'x11vnc']);
    expect(rows.find((r) => r.name === 'x11vnc')).toMatchObject({ version: '0.9.16-9', source: 'dpkg' });
  });

  it('reads rpm query output', () => {
    expect(parseRpmQuery('falcon-sensor\t7.10.0-16303\tCrowdStrike, Inc.\nbash\t5.2.26-3.fc40\t(none)\n')).toEqual([
      { name: 'falcon-sensor', version: '7.10.0-16303', publisher: 'CrowdStrike, Inc.', source: 'rpm' },
      { name: 'bash', version: '5.2.26-3.fc40', source: 'rpm' },
    ]);
  });
});

describe('unit, autostart, cron, module and os-release parsers', () => {
  it('takes the executable from ExecStart, without systemd prefixes', () => {
    expect(parseUnitFile(fx('units/console-getty.service'))).toMatchObject({ description: 'Console Getty', exec: '/sbin/agetty' });
    expect(parseUnitFile(fx('units/dbus.service')).exec).toBe('/usr/bin/dbus-daemon');
    expect(parseUnitFile(fx('units/apt-daily.service')).exec).toBe('/usr/lib/apt/apt.systemd.daily');
    // apt-daily.service has no [Install] section (its timer starts it); console-getty.service has one
    expect(parseUnitFile(fx('units/apt-daily.service')).installable).toBe(false);
    expect(parseUnitFile(fx('units/console-getty.service')).installable).toBe(true);
  });

  it('reads running state from systemctl JSON', () => {
    const m = parseSystemctlJson('[{"unit":"x11vnc.service","load":"loaded","active":"active","sub":"running","description":"VNC"}]');
    expect(m.get('x11vnc.service')).toEqual({ active: 'active', sub: 'running' });
  });

  it('reads XDG autostart entries and the program they start', () => {
    const e = parseDesktopEntry(fx('at-spi-dbus-bus.desktop'));
    expect(e).toEqual({ name: 'AT-SPI D-Bus Bus', exec: '/usr/libexec/at-spi-bus-launcher --launch-immediately', hidden: false });
    expect(commandPath(e.exec!)).toBe('/usr/libexec/at-spi-bus-launcher');
    expect(parseDesktopEntry('[Desktop Entry]\nExec=x\nX-GNOME-Autostart-enabled=false\n').hidden).toBe(true);
    expect(commandPath('"/opt/My Agent/agent" --bg')).toBe('/opt/My Agent/agent');
    expect(commandPath('agent --bg')).toBeUndefined();
  });

  it('reads commands from the system crontab', () => {
    const cmds = parseCrontab(fx('crontab-debian12'), true);
    expect(cmds[0]).toBe('cd / && run-parts --report /etc/cron.hourly');
    expect(cmds).toHaveLength(4);
    expect(parseCrontab('@reboot /opt/agent/run\n*/5 * * * * /usr/bin/x\n', false)).toEqual(['/opt/agent/run', '/usr/bin/x']);
  });

  it('reads module names from /proc/modules', () => {
    expect(parseProcModules(fx('proc-modules.txt')).map((d) => d.name)).toEqual(['ttm', 'drm_kms_helper', 'psmouse', 'drm', 'kagent']);
  });

  it('reads PRETTY_NAME from os-release', () => {
    expect(parseOsRelease(fx('os-release-debian12'))).toBe('Debian GNU/Linux 12 (bookworm)');
  });
});
