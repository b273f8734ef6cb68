import { describe, expect, it } from 'vitest';
import { buildIndex, registryViews, uninstallKeyOf } from '../../src/match/index.js';
import { match } from '../../src/match/match.js';
import type { RuntimeRule } from '../../src/match/types.js';
import type { PackageRow, RegistryRow, Snapshot } from '../../src/snapshot/schema.js';

function rule(id: string, registry: RuntimeRule['indicators']['windows']): RuntimeRule {
  return {
    id, name: id, vendor: 'v', category: 'remote-access', website: 'https://example.com/', summary: 's',
    capabilities: [], hidden_mode: { supported: 'unknown' }, indicators: { windows: registry }, references: [{ url: 'https://example.com/' }], last_reviewed: '2026-12-03',
  };
}

const snap = (packages: PackageRow[], registry?: RegistryRow[]): Snapshot => ({
  format: 'bosswatch-snapshot', version: 1, collected_at: '2026-12-03T00:00:00Z', host: { platform: 'windows', os_version: 't' }, coverage: [],
  packages, ...(registry ? { registry } : {}),
});

const U = 'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
// as rules/rmm/nomachine.yaml names it: both the 64-bit and the 32-bit program's key
const nomachine = rule('nomachine', { registry: [`HKLM\\${U}\\NoMachine_is1`, `HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\NoMachine_is1`] });
const parsec = rule('parsec', { registry: [`HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Parsec`] });
const screenconnect = rule('screenconnect', { registry: [{ glob: `HKLM\\${U}\\ScreenConnect Client (*)` }] });
const rules = [nomachine, parsec, screenconnect];
const run = (s: Snapshot) => match(s, buildIndex(rules, 'windows'));
const pkg = (uninstall_key: string, scope?: string): PackageRow => ({ name: 'Some Name', source: 'windows-uninstall', uninstall_key, ...(scope ? { scope } : {}) });

describe('a package row\'s Uninstall key is evidence of a registry indicator naming that key', () => {
  it('the collector\'s subkey name under each scope, and a full key in any spelling, finds the product', () => {
    const cases: [PackageRow, string][] = [
      [pkg('NoMachine_is1', 'machine'), 'nomachine'],
      [pkg('nomachine_IS1', 'machine-32bit'), 'nomachine'],
      [pkg(`HKEY_LOCAL_MACHINE\\${U}\\NoMachine_is1`), 'nomachine'],
      [pkg(`HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\NoMachine_is1\\`), 'nomachine'],
      [pkg('Parsec', 'user'), 'parsec'],
      [pkg('HKEY_USERS\\S-1-5-21-3623811015-3361044348-30300820-1013\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Parsec'), 'parsec'],
      [pkg('HKU\\S-1-12-1-1234567890-1234567890-1234567890-123456789\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Parsec'), 'parsec'],
      [pkg('ScreenConnect Client (3f4c9a1b2c3d4e5f)', 'machine'), 'screenconnect'],
    ];
    for (const [row, id] of cases) {
      const f = run(snap([row]));
      expect(f.map((x) => x.rule.id), JSON.stringify(row)).toEqual([id]);
      // one row, one piece of evidence, even when the rule names the key in two spellings
      expect(f[0].evidence).toHaveLength(1);
      expect(f[0].evidence[0]).toMatchObject({ table: 'packages', row: 0, field: 'uninstall_key', strength: 'high', indicator: { kind: 'registry' }, what: "an installed program's Uninstall entry" });
      expect(f[0].confidence).toBe('high');
    }
    expect(run(snap([pkg('NoMachine_is1', 'machine')]))[0].evidence[0].item).toBe(`HKLM\\${U}\\NoMachine_is1`);
  });

  it('a look-alike key, another parent, another scope or an unknown scope finds nothing', () => {
    for (const row of [
      pkg('NoMachine_is10', 'machine'),
      pkg('NoMachine', 'machine'),
      pkg('NoMachine_is1'), // no scope: which Uninstall key holds it is unknown
      pkg('NoMachine_is1', 'user'), // HKCU, while the rule names HKLM
      pkg(`HKLM\\SOFTWARE\\Vendor\\Uninstall\\NoMachine_is1`),
      pkg(`HKLM\\${U}\\NoMachine_is1\\Extra`), // a key below the one named is not the Uninstall entry
      pkg('Parsec', 'machine'),
      pkg('HKU\\S-1-5-21-1-2-3-1001_Classes\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Parsec'),
      pkg('HKU\\.DEFAULT\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Parsec'),
      pkg('ScreenConnect Client', 'machine'),
      pkg('Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Parsec'), // relative: no hive
    ]) expect(run(snap([row])), JSON.stringify(row)).toEqual([]);
  });

  it('a rule naming the Uninstall folder itself is not proved by every entry in it', () => {
    const broad = rule('broad', { registry: [`HKLM\\${U}`, { glob: `HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Unins*` }] });
    expect(match(snap([pkg('NoMachine_is1', 'machine')]), buildIndex([broad], 'windows'))).toEqual([]);
  });

  it('the registry row and the package row of one key give one finding with the key shown once', () => {
    const f = run(snap([pkg('NoMachine_is1', 'machine')], [{ key: `HKLM\\${U}\\NoMachine_is1` }]));
    expect(f).toHaveLength(1);
    expect(f[0].evidence.map((e) => [e.table, e.indicator.value])).toEqual([['registry', `HKLM\\${U}\\NoMachine_is1`]]);
    // the 32-bit entry, which the registry collector reports as the 32-bit program sees it
    const g = run(snap([pkg('NoMachine_is1', 'machine-32bit')], [{ key: `HKLM\\${U}\\NoMachine_is1`, actual_key: `HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\NoMachine_is1` }]));
    expect(g).toHaveLength(1);
    expect(g[0].evidence.map((e) => e.table)).toEqual(['registry']);
  });

  it('other packages still add their own evidence next to a registry row', () => {
    const f = run(snap([pkg('NoMachine_is1', 'machine'), pkg('Parsec', 'user')], [{ key: `HKLM\\${U}\\NoMachine_is1` }]));
    expect(f.map((x) => [x.rule.id, x.evidence.map((e) => e.table)])).toEqual([['nomachine', ['registry']], ['parsec', ['packages']]]);
  });

  it('registry rows get the same spellings: a user\'s hive under HKU, a 32-bit key, one piece of evidence per rule', () => {
    const sid = 'HKEY_USERS\\S-1-5-21-3623811015-3361044348-30300820-1013';
    expect(run(snap([], [{ key: `${sid}\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Parsec` }])).map((x) => x.rule.id)).toEqual(['parsec']);
    const f = run(snap([], [{ key: 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\NoMachine_is1' }]));
    expect(f.map((x) => [x.rule.id, x.evidence.length])).toEqual([['nomachine', 1]]);
    expect(run(snap([], [{ key: 'HKU\\.DEFAULT\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Parsec' }]))).toEqual([]);
  });

  it('the key spellings are those of the registry rows', () => {
    expect(registryViews('hklm\\software\\wow6432node\\x')).toEqual(['hklm\\software\\wow6432node\\x', 'hklm\\software\\x']);
    expect(registryViews('hku\\s-1-5-21-1-2-3-1001\\software\\x')).toEqual(['hku\\s-1-5-21-1-2-3-1001\\software\\x', 'hkcu\\software\\x']);
    expect(uninstallKeyOf('X', 'machine')).toBe(`HKLM\\${U}\\X`);
    expect(uninstallKeyOf('X', 'constructor')).toBeUndefined();
  });
});
