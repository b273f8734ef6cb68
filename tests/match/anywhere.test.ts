import { describe, expect, it } from 'vitest';
import { match } from '../../src/match/match.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { rulePathsFor } from '../../src/rules/paths.js';
import { rule, run, snap } from './helpers.js';


const falcon = rule('falcon', {
  windows: {
    processes: [{ name: 'CSFalconService.exe', path: 'C:\\Program Files\\CrowdStrike\\CSFalconService.exe' }],
    paths: ['%ProgramData%\\CrowdStrike'],
  },
  macos: { paths: ['/Applications/Falcon.app'], launchd: ['com.crowdstrike.falcond'] },
  linux: { processes: [{ path: '/opt/CrowdStrike/falcond' }] },
});

describe('evidence wherever it appears', () => {
  it('a service whose binary is the program counts, high, with its field, and is not "running"', () => {
    const f = run([falcon], snap('windows', { services: [{ name: 'CSFalconService', path: 'C:\\Program Files\\CrowdStrike\\CSFalconService.exe', state: 'Stopped' }] }));
    expect(f).toHaveLength(1);
    expect(f[0].confidence).toBe('high');
    expect(f[0].evidence[0]).toMatchObject({ table: 'services', field: 'path', indicator: { kind: 'processes' } });
    expect(f[0].evidence.some((e) => e.table === 'processes')).toBe(false);
  });

  it('reads raw command lines: quoted ImagePath with arguments, Run values, scheduled tasks', () => {
    const cmd = '"C:\\PROGRAM FILES\\CrowdStrike\\CSFalconService.exe" -k x';
    for (const tables of [
      { services: [{ name: 'X', command: cmd }] },
      { autostart: [{ kind: 'registry-run', name: 'x', command: cmd }] },
      { autostart: [{ kind: 'scheduled-task', name: 'x', command: 'C:\\Program Files\\CrowdStrike\\CSFalconService.exe /update' }] },
    ] as Partial<Snapshot>[]) {
      const f = run([falcon], snap('windows', tables));
      expect(f.map((x) => x.rule.id)).toEqual(['falcon']);
      expect(f[0].evidence[0].field).toBe('command');
      expect(f[0].evidence[0].item.toLowerCase()).toBe('c:\\program files\\crowdstrike\\csfalconservice.exe');
    }
  });

  it('reads Uninstall InstallLocation, DisplayIcon and UninstallString against folder and program indicators', () => {
    const f = run([falcon], snap('windows', {
      packages: [
        { name: 'Something', display_icon: 'C:\\Program Files\\CrowdStrike\\CSFalconService.exe,0' },
        { name: 'Other', uninstall_string: '"C:\\ProgramData\\CrowdStrike\\unins000.exe" /S' },
        { name: 'Msi', uninstall_string: 'MsiExec.exe /X{01234567-89AB-CDEF-0123-456789ABCDEF}' },
        { name: 'Loc', install_location: 'C:\\ProgramData\\CrowdStrike\\' },
      ],
    }));
    expect(f[0].evidence.map((e) => [e.row, e.field]).sort()).toEqual([[0, 'display_icon'], [1, 'uninstall_string'], [3, 'install_location']]);
  });

  it('%ProgramData% and %APPDATA% rule paths match, and are collected as concrete paths or globs', () => {
    const r = rule('appdata', { windows: { paths: ['%APPDATA%\\FooTracker'] } });
    const f = run([r], snap('windows', { files: [{ path: 'C:\\Users\\ann\\AppData\\Roaming\\FooTracker\\x.exe' }] }));
    expect(f.map((x) => x.rule.id)).toEqual(['appdata']);
    expect(run([r], snap('windows', { files: [{ path: 'C:\\Users\\ann\\AppData\\Local\\FooTracker' }] }))).toEqual([]);
    // a per-user variable in the data (a user's Run value) still names that user's folder
    expect(run([r], snap('windows', { autostart: [{ kind: 'registry-run', name: 'x', command: '"%APPDATA%\\FooTracker\\ft.exe" -min' }] }))).toHaveLength(1);
    expect(run([falcon], snap('windows', { files: [{ path: 'C:\\ProgramData\\CrowdStrike\\x' }] }))).toHaveLength(1);
    expect(rulePathsFor([r, falcon], 'windows')).toEqual({
      // an installer may put the program in either Program Files folder, so the collector looks in both
      exact: ['C:\\Program Files (x86)\\CrowdStrike\\CSFalconService.exe', 'C:\\Program Files\\CrowdStrike\\CSFalconService.exe', 'C:\\ProgramData\\CrowdStrike'],
      globs: ['C:\\Users\\*\\AppData\\Roaming\\FooTracker'],
    });
  });

  it('NT and driver forms of a path are the same path', () => {
    const f = run([falcon], snap('windows', { drivers: [{ name: 'csagent', path: '\\??\\C:\\ProgramData\\CrowdStrike\\csagent.sys' }] }));
    expect(f).toHaveLength(1);
  });

  it('launchd ProgramArguments, plists and app executables on macOS', () => {
    expect(run([falcon], snap('macos', { autostart: [{ kind: 'launchd-daemon', name: 'x', command: '/Applications/Falcon.app/Contents/Resources/falcond --x' }] }))).toHaveLength(1);
    expect(run([falcon], snap('macos', { apps: [{ name: 'F', path: '/Applications/Other.app', executable: '/Applications/Falcon.app/Contents/MacOS/F' }] }))).toHaveLength(1);
    expect(run([falcon], snap('macos', { services: [{ name: 'com.crowdstrike.falcond', state: 'unknown' }] }))[0].confidence).toBe('high');
  });

  it('systemd ExecStart with a prefix, on a unit that is not running', () => {
    const f = run([falcon], snap('linux', { services: [{ name: 'falcon-sensor.service', command: '-/opt/CrowdStrike/falcond --daemon' }] }));
    expect(f).toHaveLength(1);
    expect(f[0].evidence[0]).toMatchObject({ table: 'services', field: 'command', strength: 'high' });
  });

  it('a look-alike does not match: installer in Downloads, same-named folder elsewhere', () => {
    expect(run([falcon], snap('windows', {
      services: [{ name: 'X', command: '"C:\\Users\\ann\\Downloads\\CSFalconService.exe"' }],
      packages: [{ name: 'Y', install_location: 'C:\\Program Files\\Other\\CrowdStrike' }],
    }))).toEqual([]);
  });

  it('input keys named like Object.prototype members find nothing and break nothing', () => {
    const r = rule('proto', { windows: { services: ['constructor-svc'], paths: ['%constructor%\\x'] } });
    expect(run([r], snap('windows', {
      services: [{ name: 'constructor' }, { name: '__proto__' }, { name: 'toString' }],
      files: [{ path: '%__proto__%\\x' }, { path: 'constructor' }],
    }))).toEqual([]);
  });

  it('rules of one family that share a file give one finding, under the rule naming the family', () => {
    const head = { ...rule('take-control', { windows: { processes: [{ path: 'C:\\Program Files\\BASupSrvc\\BASupSrvc.exe' }] } }) };
    const member = { ...rule('dameware-re', { windows: { processes: [{ path: 'C:\\Program Files\\BASupSrvc\\BASupSrvc.exe' }], services: ['DwreSvc'] } }), family: 'take-control' };
    const f = run([member, head], snap('windows', { services: [{ name: 'DwreSvc', path: 'C:\\Program Files\\BASupSrvc\\BASupSrvc.exe' }] }));
    expect(f).toHaveLength(1);
    expect(f[0].rule.id).toBe('take-control');
    expect(f[0].members).toEqual(['dameware-re', 'take-control']);
    expect(f[0].evidence.map((e) => e.indicator.kind).sort()).toEqual(['processes', 'services']);
  });
});
