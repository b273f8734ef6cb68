import { describe, expect, it } from 'vitest';
import { displayNameStem, programKey } from '../../src/match/names.js';
import { rule, run, snap } from './helpers.js';


describe('displayNameStem', () => {
  it('drops trailing version and architecture parts', () => {
    expect(displayNameStem('Hubstaff 1.6.22')).toBe('Hubstaff');
    expect(displayNameStem('TeamViewer 15')).toBe('TeamViewer');
    expect(displayNameStem('AnyDesk (x64)')).toBe('AnyDesk');
    expect(displayNameStem('Foo Agent 64-bit')).toBe('Foo Agent');
    expect(displayNameStem('Foo - 2.3.1')).toBe('Foo');
    expect(displayNameStem('Foo version 2.3')).toBe('Foo');
    expect(displayNameStem('Foo v2.3')).toBe('Foo');
    expect(displayNameStem('Foo 2.3.1 (x64)')).toBe('Foo');
    expect(displayNameStem('Foo x86')).toBe('Foo');
    expect(displayNameStem('Foo (2.3.1)')).toBe('Foo');
    // the row's own DisplayVersion, whatever its form
    expect(displayNameStem('Foo 2024.1-beta3', '2024.1-beta3')).toBe('Foo');
  });

  it('keeps other words, and never empties the name', () => {
    expect(displayNameStem('TeamViewer Meeting Add-in')).toBeUndefined();
    expect(displayNameStem('Foo Plus')).toBeUndefined();
    expect(displayNameStem('Foo 2.0 Tools')).toBeUndefined();
    expect(displayNameStem('2048')).toBeUndefined();
    expect(displayNameStem('Foo2')).toBeUndefined();
    expect(displayNameStem('Foo Beta', 'Beta')).toBe('Foo');
    expect(displayNameStem('FooBeta', 'Beta')).toBeUndefined();
  });

  it('programKey folds .exe on Windows only', () => {
    expect(programKey('TeamViewer.EXE', true)).toBe('teamviewer');
    expect(programKey('TeamViewer', true)).toBe('teamviewer');
    expect(programKey('foo.exe', false)).toBe('foo.exe');
  });
});

const hubstaff = rule('hubstaff', {
  windows: { packages: ['Hubstaff'], processes: [{ name: 'HubstaffClient.exe' }, { name: 'HubstaffCLI.exe', path: 'C:\\Program Files\\Hubstaff\\HubstaffCLI.exe' }], services: ['HubstaffSvc'] },
  linux: { packages: ['hubstaff'], services: ['hubstaff.service'] },
});

describe('Windows names as real machines write them', () => {
  it('an Uninstall DisplayName with a version or bitness suffix is the package', () => {
    for (const name of ['Hubstaff 1.6.22', 'Hubstaff (x64)', 'hubstaff - 1.2', 'Hubstaff version 2.3']) {
      const f = run([hubstaff], snap('windows', { packages: [{ name, source: 'windows-uninstall' }] }));
      expect(f.map((x) => [x.rule.id, x.confidence, x.evidence[0].item]), name).toEqual([['hubstaff', 'high', name]]);
    }
  });

  it('but not a different product whose name starts the same, nor on Linux, where package names are exact', () => {
    for (const name of ['Hubstaff Meeting Add-in', 'Hubstaff Tasks 2.0', 'HubstaffX 1.2', 'Not Hubstaff 1.2']) {
      expect(run([hubstaff], snap('windows', { packages: [{ name, source: 'windows-uninstall' }] })), name).toEqual([]);
    }
    expect(run([hubstaff], snap('linux', { packages: [{ name: 'hubstaff 1.2', source: 'dpkg' }] }))).toEqual([]);
  });

  it('a rule naming the package with and without its version gives one piece of evidence', () => {
    const both = rule('both', { windows: { packages: ['Foo', 'Foo 2.3'] } });
    const f = run([both], snap('windows', { packages: [{ name: 'Foo 2.3', source: 'windows-uninstall' }] }));
    expect(f[0].evidence.map((e) => e.indicator.value)).toEqual(['Foo 2.3']);
  });

  it('a process name with or without .exe, at the same medium strength; a path-qualified one needs its path', () => {
    const f = run([hubstaff], snap('windows', { processes: [{ pid: 1, name: 'HubstaffClient' }] }));
    expect(f.map((x) => [x.rule.id, x.confidence])).toEqual([['hubstaff', 'medium']]);
    expect(run([hubstaff], snap('windows', { processes: [{ pid: 1, name: 'HubstaffCLI', path: 'C:\\Program Files\\Hubstaff\\HubstaffCLI.exe' }] }))[0].confidence).toBe('high');
    expect(run([hubstaff], snap('windows', { processes: [{ pid: 1, name: 'HubstaffCLI' }] }))).toEqual([]);
    expect(run([hubstaff], snap('windows', { processes: [{ pid: 1, name: 'HubstaffClient.com' }, { pid: 2, name: 'HubstaffClientX' }] }))).toEqual([]);
    // macOS and Linux program names are exact
    const mac = rule('m', { macos: { processes: [{ name: 'Foo.exe' }], paths: ['/Applications/Foo.app'] } });
    expect(run([mac], snap('macos', { processes: [{ pid: 1, name: 'Foo' }] }))).toEqual([]);
  });

  it('a service found by its display name only when it is the whole name', () => {
    const ep = rule('ep', { windows: { services: ['Endpoint Protector'] } });
    expect(run([ep], snap('windows', { services: [{ name: 'EPPService', display_name: 'endpoint protector' }] }))).toHaveLength(1);
    expect(run([ep], snap('windows', { services: [{ name: 'x', display_name: 'Endpoint Protector Updater' }] }))).toEqual([]);
    expect(run([ep], snap('linux', { services: [{ name: 'x.service', display_name: 'Endpoint Protector' }] }))).toEqual([]);
  });
});

describe('Linux names', () => {
  it('a SysV init script is its generated unit; a multi-arch dpkg name is its package', () => {
    expect(run([hubstaff], snap('linux', { services: [{ name: 'hubstaff', path: '/etc/init.d/hubstaff', kind: 'sysv' }] }))).toHaveLength(1);
    expect(run([hubstaff], snap('linux', { packages: [{ name: 'hubstaff:amd64', source: 'dpkg' }] }))).toHaveLength(1);
    expect(run([hubstaff], snap('linux', { services: [{ name: 'hubstaffd', kind: 'sysv' }] }))).toEqual([]);
    expect(run([hubstaff], snap('linux', { packages: [{ name: 'hubstaff-tools:amd64', source: 'dpkg' }] }))).toEqual([]);
  });
});
