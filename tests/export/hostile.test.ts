import { describe, expect, it } from 'vitest';
import { buildOsqueryExport, osqueryPack } from '../../src/export/osquery.js';
import { fleetYaml } from '../../src/export/fleet.js';
import { lit, likeLiteral, nameGlobToLike, pathGlobToFileLike, pathGlobToGlobs } from '../../src/export/sql.js';
import type { RuntimeRule } from '../../src/match/types.js';
import { osqueryDatabase, runQueries } from './snapshot-rows.js';
import jsyaml from 'js-yaml';

// Rule text is data: quotes, LIKE wildcards, GLOB brackets, backslashes and SQL keywords in it match only themselves.
// (`*` and `?` are the rule glob's own wildcards, in bosswatch as in the query; exact strings with them are globs.)
const NASTY = `it's'; DROP TABLE processes; --%_\\[x]`;

function rule(over: Partial<RuntimeRule['indicators']>, id = 'hostile-rule'): RuntimeRule {
  return {
    id,
    name: `Bad "name" ' -- */`,
    vendor: 'v',
    category: 'employee-monitoring',
    website: 'https://example.com/',
    summary: 's',
    platforms: { windows: { source: 'https://example.com/' }, macos: { source: 'https://example.com/' }, linux: { source: 'https://example.com/' } },
    capabilities: [],
    hidden_mode: { supported: 'unknown' },
    indicators: over,
    references: [{ url: 'https://example.com/' }],
    last_reviewed: '2026-01-01',
  } as RuntimeRule;
}

const hits = async (r: RuntimeRule, platform: 'windows' | 'darwin' | 'linux', rows: Record<string, Record<string, string | number | null>[]>) => {
  const db = await osqueryDatabase(platform, rows);
  const out = runQueries(db, Object.values(osqueryPack(buildOsqueryExport([r])).queries), platform);
  const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0].values.flat();
  db.close();
  return { out, tables };
};

describe('SQL literals', () => {
  it('double single quotes, and LIKE literals escape \\ % _', () => {
    expect(lit(`a'b''c`)).toBe(`'a''b''''c'`);
    expect(likeLiteral('50%_off\\x')).toBe('50\\%\\_off\\\\x');
    expect(nameGlobToLike('a%b_c*d?')).toBe('a\\%b\\_c%d_');
  });

  it('turn path globs into GLOB forms: **\\ as zero or more folders, * pinned to one level by the separator count', () => {
    expect(pathGlobToGlobs('C:\\A\\**\\b.exe', '\\', true)).toEqual({ patterns: ['c:\\a\\b.exe', 'c:\\a\\*\\b.exe'], singleLevel: false, separators: 2 });
    expect(pathGlobToGlobs('/opt/x*/[y]', '/', false)).toEqual({ patterns: ['/opt/x*/[[]y]'], singleLevel: true, separators: 3 });
    expect(pathGlobToFileLike('/opt/**', '/')).toBe('/opt/%%');
    expect(pathGlobToFileLike('/opt/**/x', '/')).toBeUndefined();
    expect(pathGlobToFileLike('/opt/50%/x', '/')).toBeUndefined();
  });
});

describe('hostile rule text', () => {
  const r = rule({
    windows: {
      processes: [{ name: NASTY }, { path: `C:\\Program Files\\${NASTY}\\a.exe` }], services: [NASTY], paths: [`C:\\${NASTY}`, { glob: `C:\\Users\\*\\${NASTY}x` }],
      registry: [`HKLM\\SOFTWARE\\${NASTY}`, `HKCU\\Software\\${NASTY}`],
    },
    linux: { packages: [NASTY, { glob: `pre${NASTY}*` }], services: [{ glob: `${NASTY}*.service` }], paths: [`/opt/${NASTY}`] },
    macos: { bundle_ids: [NASTY], launchd: [{ glob: `com.${NASTY}*` }], paths: [`~/Library/${NASTY}`] },
  });

  it('every query still parses and runs, and no table is dropped', async () => {
    for (const platform of ['windows', 'darwin', 'linux'] as const) {
      const { tables } = await hits(r, platform, {});
      expect(tables).toContain('processes');
    }
  });

  it('matches the literal text only: a LIKE wildcard in the rule is not a wildcard in the query', async () => {
    const exact = await hits(r, 'windows', { processes: [{ pid: 1, name: NASTY.toUpperCase(), path: '' }] });
    expect(exact.out.map((o) => o.bosswatch_indicator)).toEqual(['processes']);
    // the same text with % and _ read as wildcards would match this name; it must not
    const near = await hits(r, 'windows', { processes: [{ pid: 1, name: NASTY.replace('%_', 'XYZ'), path: '' }] });
    expect(near.out).toEqual([]);
    const linux = await hits(r, 'linux', { deb_packages: [{ name: NASTY }], rpm_packages: [{ name: NASTY.replace('%', 'p') }] });
    expect(linux.out.map((o) => `${o.osquery_table}:${o.found}`)).toEqual([`deb_packages:${NASTY}`]);
    // a glob's own * is a wildcard; the rule's % _ [ are not
    const glob = await hits(r, 'linux', { rpm_packages: [{ name: `pre${NASTY}-agent` }, { name: `pre${NASTY.replace('%_', 'ab')}-agent` }, { name: `pre${NASTY.replace('[x]', 'x')}-agent` }] });
    expect(glob.out.map((o) => o.found)).toEqual([`pre${NASTY}-agent`]);
  });

  it('registry keys: HKLM as HKEY_LOCAL_MACHINE, HKCU as every user\'s hive under HKEY_USERS, text matched literally', async () => {
    const key = (path: string) => ({ key: path.slice(0, path.lastIndexOf('\\')), path, name: path.slice(path.lastIndexOf('\\') + 1), type: 'subkey' });
    const found = await hits(r, 'windows', {
      registry: [
        key(`HKEY_LOCAL_MACHINE\\SOFTWARE\\${NASTY.toLowerCase()}`),
        key(`HKEY_LOCAL_MACHINE\\SOFTWARE\\${NASTY.replace('%_', 'ab')}`),
        key('HKEY_USERS\\S-1-5-21-1\\Software\\Plain'),
      ],
    });
    expect(found.out.map((o) => o.found)).toEqual([`HKEY_LOCAL_MACHINE\\SOFTWARE\\${NASTY.toLowerCase()}`]);
    // under HKEY_USERS\% osquery expands the pattern itself, which cannot carry a literal %: left out, and said so
    expect(buildOsqueryExport([r]).skipped).toContainEqual(expect.objectContaining({ kind: 'registry', value: `HKCU\\Software\\${NASTY}`, reason: 'registry-glob' }));
    const plain = rule({ windows: { registry: ['HKCU\\Software\\Plain'] } });
    const user = await hits(plain, 'windows', { registry: [key('HKEY_USERS\\S-1-5-21-1\\Software\\Plain'), key('HKEY_USERS\\S-1-5-21-1\\x\\Software\\Plain')] });
    expect(user.out.map((o) => o.found)).toEqual(['HKEY_USERS\\S-1-5-21-1\\Software\\Plain']);
  });

  it('keeps case where bosswatch keeps it (Linux paths) and folds it where bosswatch folds it (Windows, bundle ids)', async () => {
    const linux = await hits(r, 'linux', { file: [{ path: `/opt/${NASTY}`.toUpperCase(), directory: '/OPT' }, { path: `/opt/${NASTY}`, directory: '/opt' }] });
    expect(linux.out.map((o) => o.found)).toEqual([`/opt/${NASTY}`]);
    const mac = await hits(r, 'darwin', { apps: [{ name: 'x.app', path: '/Applications/x.app', bundle_identifier: NASTY.toUpperCase() }] });
    expect(mac.out.map((o) => o.bosswatch_indicator)).toEqual(['bundle_ids']);
  });

  it('a rule with more indicators than SQLite allows terms in one UNION still gives one query that runs', async () => {
    const many = rule({ linux: { packages: Array.from({ length: 700 }, (_, i) => `agent-${i}`) } });
    const q = buildOsqueryExport([many]).queries[0];
    expect(q.sql.split('\nUNION\n').length).toBeGreaterThan(500);
    const found = await hits(many, 'linux', { deb_packages: [{ name: 'agent-699' }], rpm_packages: [{ name: 'agent-0' }] });
    expect(found.out.map((o) => o.found).sort()).toEqual(['agent-0', 'agent-699']);
  });

  it('a NUL character cannot be carried in a SQL literal: that indicator is left out and said so', () => {
    const res = buildOsqueryExport([rule({ linux: { packages: ['a\0b', 'fine'] } })]);
    expect(res.skipped).toContainEqual(expect.objectContaining({ kind: 'packages', reason: 'nul' }));
    expect(res.queries[0].sql).not.toContain('\0');
    expect(res.queries[0].indicators).toBe(1);
  });

  it('Fleet YAML of hostile text parses back to the same strings', () => {
    const docs = jsyaml.loadAll(fleetYaml(buildOsqueryExport([r]))) as { kind: string; spec: { name: string; query: string; description: string } }[];
    expect(docs.length).toBe(6);
    const q = docs.find((d) => d.kind === 'query' && d.spec.name.endsWith('_windows'))!;
    expect(q.spec.query).toContain(`'it''s''; DROP TABLE processes; --`);
    expect(q.spec.description).toContain(`Bad "name" ' -- */`);
  });
});
