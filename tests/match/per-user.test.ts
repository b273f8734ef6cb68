import { describe, expect, it } from 'vitest';
import { buildIndex, carriesProductName } from '../../src/match/index.js';
import { match } from '../../src/match/match.js';
import { loadRuleDirs } from '../../src/rules/load.js';
import { rulePathsFor } from '../../src/rules/paths.js';
import { BUILTIN_RULES_DIR } from '../../src/rules/ruleset.js';
import { rule, run, snap } from './helpers.js';

// Per-user installs: Inno Setup's {autopf} is {commonpf} in administrative and {userpf} (%LOCALAPPDATA%\Programs,
// FOLDERID_UserProgramFiles) in non-administrative install mode (https://jrsoftware.org/ishelp/topic_consts.htm).
const hubstaff = rule('hubstaff', {
  windows: {
    processes: [{ name: 'HubstaffClient.exe', path: 'C:\\Program Files\\Hubstaff\\HubstaffClient.exe' }],
    paths: ['%ProgramFiles%\\Hubstaff'],
  },
});
const perUser = rule('deskpulse', { windows: { processes: [{ path: '%LOCALAPPDATA%\\Programs\\DeskPulse\\DeskPulse.exe' }] } });
// a product whose install folder has a generic name: a user's own "Agent" folder must not accuse it
const generic = rule('teramind', { windows: { processes: [{ path: 'C:\\Program Files\\Agent\\agent64.exe' }], paths: ['C:\\Program Files\\Agent'] } });

describe('per-user installs on Windows (%LOCALAPPDATA%\\Programs <-> Program Files)', () => {
  it('a Program Files program installed for one user is the rule program, high, as a process, service or file', () => {
    const exe = 'C:\\Users\\bob\\AppData\\Local\\Programs\\Hubstaff\\HubstaffClient.exe';
    for (const tables of [
      { processes: [{ pid: 7, name: 'HubstaffClient.exe', path: exe }] },
      { autostart: [{ kind: 'registry-run', name: 'Hubstaff', command: `"${exe}" --autostart` }] },
      { files: [{ path: 'C:\\Users\\bob\\AppData\\Local\\Programs\\Hubstaff' }] },
      { packages: [{ name: 'Hubstaff', source: 'windows-uninstall', install_location: 'C:\\Users\\bob\\AppData\\Local\\Programs\\Hubstaff\\' }] },
    ]) {
      const f = run([hubstaff], snap('windows', tables));
      expect(f.map((x) => [x.rule.id, x.confidence])).toEqual([['hubstaff', 'high']]);
    }
  });

  it('and back: a rule written for the per-user folder finds the machine-wide install in either Program Files', () => {
    for (const path of ['C:\\Program Files\\DeskPulse\\DeskPulse.exe', 'C:\\Program Files (x86)\\DeskPulse\\DeskPulse.exe', 'C:\\Users\\ann\\AppData\\Local\\Programs\\DeskPulse\\DeskPulse.exe']) {
      expect(run([perUser], snap('windows', { processes: [{ pid: 7, name: 'DeskPulse.exe', path }] })).map((x) => x.rule.id)).toEqual(['deskpulse']);
    }
  });

  it('not a folder whose name does not carry the product name, nor another folder, nor the Programs folder itself', () => {
    for (const path of [
      'C:\\Users\\bob\\AppData\\Local\\Programs\\Agent\\agent64.exe',
      'C:\\Users\\bob\\AppData\\Local\\Programs\\Agent\\notes.txt',
    ]) expect(run([generic], snap('windows', { files: [{ path }] }))).toEqual([]);
    // the machine-wide one still is
    expect(run([generic], snap('windows', { files: [{ path: 'C:\\Program Files\\Agent\\agent64.exe' }] }))).toHaveLength(1);
    for (const path of [
      'C:\\Users\\bob\\AppData\\Local\\Programs\\Hubstaff Notes\\HubstaffClient.exe',
      'C:\\Users\\bob\\AppData\\Local\\Hubstaff\\HubstaffClient.exe',
      'C:\\Users\\bob\\AppData\\Roaming\\Hubstaff\\HubstaffClient.exe',
      'C:\\Users\\bob\\AppData\\Local\\Programs',
      'C:\\Users\\bob\\Downloads\\Hubstaff\\HubstaffClient.exe',
    ]) expect(run([hubstaff], snap('windows', { files: [{ path }] }))).toEqual([]);
  });

  it('is collected where it is matched: the per-user glob only for a rule whose folder carries its name', () => {
    const { globs } = rulePathsFor([hubstaff, generic], 'windows');
    expect(globs).toContain('C:\\Users\\*\\AppData\\Local\\Programs\\Hubstaff\\HubstaffClient.exe');
    expect(globs.some((g) => /Programs\\Agent/i.test(g))).toBe(false);
    expect(rulePathsFor([perUser], 'windows').exact).toContain('C:\\Program Files (x86)\\DeskPulse\\DeskPulse.exe');
  });

  it('the name guard: words of 4+ letters that are not generic, in letters and digits only', () => {
    const r = rule('x', {});
    Object.assign(r, { name: 'Time Doctor', vendor: 'Remote Agent Software Inc.' });
    expect(carriesProductName(r, 'Time Doctor 2')).toBe(true);
    expect(carriesProductName(r, 'TimeDoctor.app')).toBe(true);
    for (const n of ['Time', 'Remote Agent', 'Software', 'Doc', '']) expect(carriesProductName(r, n)).toBe(false);
  });
});

describe('per-user folders people fill themselves give no finding with the whole rule database', async () => {
  const { rules } = await loadRuleDirs([BUILTIN_RULES_DIR]);
  const ix = buildIndex(rules, 'windows');
  it('ordinary per-user programs (VS Code, Python, GitHub Desktop, a user folder named Agent or Level)', () => {
    const paths = [
      'C:\\Users\\bob\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe',
      'C:\\Users\\bob\\AppData\\Local\\Programs\\Python\\Python312\\python.exe',
      'C:\\Users\\bob\\AppData\\Local\\Programs\\signal-desktop\\Signal.exe',
      'C:\\Users\\bob\\AppData\\Local\\Programs\\Agent\\agent.exe',
      'C:\\Users\\bob\\AppData\\Local\\Programs\\Level\\level.exe',
      'C:\\Users\\bob\\AppData\\Local\\Programs\\Common Files\\x.dll',
    ];
    const f = match(snap('windows', { processes: paths.map((path, i) => ({ pid: 10 + i, name: path.slice(path.lastIndexOf('\\') + 1), path })) }), ix);
    expect(f.map((x) => x.rule.id)).toEqual([]);
  });
});
