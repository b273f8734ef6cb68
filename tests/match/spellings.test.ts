import { describe, expect, it } from 'vitest';
import type { RuntimeRule } from '../../src/match/types.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { rulePathsFor } from '../../src/rules/paths.js';
import { rule, run, snap } from './helpers.js';

// The ordinary ways a real install spells an artefact that a rule names one way (issue #7).
const ids = (rules: RuntimeRule[], s: Snapshot) => run(rules, s).map((f) => f.rule.id);

const hubstaff = rule('hubstaff', {
  windows: {
    paths: ['C:\\Program Files\\Hubstaff'],
    processes: [{ name: 'HubstaffClient.exe', path: '%ProgramFiles(x86)%\\Hubstaff\\HubstaffClient.exe' }],
  },
  macos: { paths: ['/Applications/Hubstaff.app'], processes: [{ name: 'Hubstaff', path: '/Applications/Hubstaff.app/Contents/MacOS/Hubstaff' }] },
});

describe('Program Files and Program Files (x86)', () => {
  it('a rule path below one matches the same path below the other, in files, processes and command lines', () => {
    expect(ids([hubstaff], snap('windows', { files: [{ path: 'C:\\Program Files (x86)\\Hubstaff' }] }))).toEqual(['hubstaff']);
    const p = run([hubstaff], snap('windows', { processes: [{ pid: 1, name: 'HubstaffClient.exe', path: 'C:\\Program Files\\Hubstaff\\HubstaffClient.exe' }] }));
    expect(p[0].evidence.map((e) => e.indicator)).toEqual([
      { kind: 'processes', value: '%ProgramFiles(x86)%\\Hubstaff\\HubstaffClient.exe' },
      { kind: 'paths', value: 'C:\\Program Files\\Hubstaff' },
    ]);
    expect(ids([hubstaff], snap('windows', { services: [{ name: 'x', command: '"C:\\PROGRA~2\\Hubstaff\\svc.exe" -k' }] }))).toEqual(['hubstaff']);
    expect(ids([hubstaff], snap('windows', { processes: [{ pid: 2, name: 'HubstaffClient.exe', path: '\\Device\\HarddiskVolume3\\Program Files\\Hubstaff\\HubstaffClient.exe' }] }))).toEqual(['hubstaff']);
  });

  it('look-alikes still do not match: another folder, a sibling with the same prefix, a copy in Downloads', () => {
    for (const path of ['C:\\Program Files (x86)\\Hubstaff Old', 'C:\\ProgramData\\Hubstaff', 'C:\\Users\\ann\\Downloads\\Program Files\\Hubstaff', 'D:\\Hubstaff']) {
      expect(ids([hubstaff], snap('windows', { files: [{ path }] })), path).toEqual([]);
    }
  });

  it('a rule naming both folders explains an item once, by the indicator that names its folder', () => {
    const both = rule('both', { windows: { paths: ['C:\\Program Files\\Foo', 'C:\\Program Files (x86)\\Foo'] } });
    const f = run([both], snap('windows', { files: [{ path: 'C:\\Program Files (x86)\\Foo\\a.exe' }] }));
    expect(f[0].evidence.map((e) => e.indicator.value)).toEqual(['C:\\Program Files (x86)\\Foo']);
  });

  it('the collectors look in both folders', () => {
    expect(rulePathsFor([hubstaff], 'windows').exact).toEqual([
      'C:\\Program Files (x86)\\Hubstaff',
      'C:\\Program Files (x86)\\Hubstaff\\HubstaffClient.exe',
      'C:\\Program Files\\Hubstaff',
      'C:\\Program Files\\Hubstaff\\HubstaffClient.exe',
    ]);
  });
});

describe('macOS apps in ~/Applications', () => {
  it('an app in /Applications also matches the same app in any user\'s ~/Applications', () => {
    expect(ids([hubstaff], snap('macos', { apps: [{ name: 'Hubstaff', path: '/Users/ann/Applications/Hubstaff.app', bundle_id: 'x.y' }] }))).toEqual(['hubstaff']);
    const f = run([hubstaff], snap('macos', { processes: [{ pid: 1, name: 'Hubstaff', path: '/Users/ann/Applications/Hubstaff.app/Contents/MacOS/Hubstaff' }] }));
    expect(f[0].evidence.map((e) => e.indicator.kind)).toEqual(['processes', 'paths']);
    expect(rulePathsFor([hubstaff], 'macos').globs).toContain('/Users/*/Applications/Hubstaff.app');
  });

  it('but not elsewhere in a home, a look-alike bundle, or a non-app folder of /Applications', () => {
    for (const path of ['/Users/ann/Downloads/Hubstaff.app', '/Users/ann/Applications/Hubstaff Old.app', '/Users/ann/Applications/Hubstaff.app.zip']) {
      expect(ids([hubstaff], snap('macos', { files: [{ path }] })), path).toEqual([]);
    }
    // the same app in other letters is the same folder on default (case-insensitive) APFS
    expect(ids([hubstaff], snap('macos', { files: [{ path: '/Users/ann/Applications/hubstaff.app' }] }))).toEqual(['hubstaff']);
    // an app whose name does not carry the product's is trusted in /Applications only (LanSchool's student.app)
    const lanschool = rule('LanSchool', { macos: { paths: ['/Applications/student.app'] } });
    expect(ids([lanschool], snap('macos', { files: [{ path: '/Users/ann/Applications/student.app' }] }))).toEqual([]);
    expect(ids([lanschool], snap('macos', { files: [{ path: '/Applications/student.app' }] }))).toEqual(['LanSchool']);
    const folder = rule('folder', { macos: { paths: ['/Applications/CarbonBlack'] } });
    expect(ids([folder], snap('macos', { files: [{ path: '/Users/ann/Applications/CarbonBlack' }] }))).toEqual([]);
  });

  it('a rule that also names ~/Applications explains the item once', () => {
    const both = rule('both', { macos: { paths: ['/Applications/Foo.app', '~/Applications/Foo.app'] } });
    const f = run([both], snap('macos', { files: [{ path: '/Users/ann/Applications/Foo.app' }] }));
    expect(f[0].evidence.map((e) => e.indicator.value)).toEqual(['~/Applications/Foo.app']);
  });
});
