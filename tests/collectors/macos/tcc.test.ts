import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTccQuery,
  createTccCollector,
  FULL_DISK_ACCESS_HELP,
  parseSqliteOutput,
  parseTableInfo,
  readTccDb,
  sqliteArgv,
  tccUri,
} from '../../../src/collectors/macos/tcc.js';
import { nodeFs } from '../../../src/collectors/macos/util.js';
import type { Exec } from '../../../src/collectors/types.js';
import { fakeExec, fixture, makeCtx, realExec } from './helpers.js';

// The Debian sqlite3 CLI builds the databases and answers the collector's real queries.
let root: string;
const SYSTEM_DB = '/Library/Application Support/com.apple.TCC/TCC.db';
const USER_DB = '/Users/alex/Library/Application Support/com.apple.TCC/TCC.db';

function buildDb(rel: string, sql: string): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  rmSync(file, { force: true });
  execFileSync('sqlite3', [file], { input: sql });
  return file;
}

const schema = (name: string) => fixture(`tcc/schema/${name}`);
const rows = (name: string) => fixture(`tcc/rows/${name}`);

/** realExec with the URI's absolute path moved under the temporary root (the collector always asks for the real macOS paths). */
const rooted = (base: Exec = realExec): Exec & { calls: { file: string; args: readonly string[] }[] } => {
  const calls: { file: string; args: readonly string[] }[] = [];
  const fn = ((file, args, options) => {
    calls.push({ file, args: [...args] });
    const moved = args.map((a) => (a.startsWith('file:/') ? `file:${encodeURI(root).replace(/[?#]/g, encodeURIComponent)}${a.slice(5)}` : a));
    return base(file, moved, options);
  }) as Exec & { calls: { file: string; args: readonly string[] }[] };
  fn.calls = calls;
  return fn;
};

const haveSqlite = (() => {
  try {
    execFileSync('sqlite3', ['-version']);
    return true;
  } catch {
    return false;
  }
})();

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bw tcc '));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('TCC query building', () => {
  it('encodes spaces and URI delimiters and asks for read-only mode', () => {
    expect(tccUri('/Library/Application Support/com.apple.TCC/TCC.db')).toBe('file:/Library/Application%20Support/com.apple.TCC/TCC.db?mode=ro');
    expect(tccUri('/a b/#x?%.db', true)).toBe('file:/a%20b/%23x%3F%25.db?mode=ro&immutable=1');
    expect(sqliteArgv('json', '/x.db', 'SELECT 1;')).toEqual(['-readonly', '-json', 'file:/x.db?mode=ro', 'SELECT 1;']);
    expect(sqliteArgv('ascii', '/x.db', 'SELECT 1;', true)).toEqual(['-readonly', '-ascii', 'file:/x.db?mode=ro&immutable=1', 'SELECT 1;']);
  });

  it('selects auth_value/auth_reason on 11+ and allowed on 10.14 and before, only columns that exist', () => {
    const modern = buildTccQuery(['service', 'client', 'client_type', 'auth_value', 'auth_reason', 'auth_version', 'csreq', 'last_modified', 'pid']);
    expect(modern.columns).toEqual(['service', 'client', 'auth_value', 'client_type', 'auth_reason', 'last_modified']);
    expect(modern.sql).toMatch(/^SELECT service, client, auth_value, client_type, auth_reason, last_modified FROM access WHERE service IN \('kTCCServiceScreenCapture',/);
    const hs = buildTccQuery(['service', 'client', 'client_type', 'allowed', 'prompt_count', 'csreq', 'policy_id']);
    expect(hs.columns).toEqual(['service', 'client', 'allowed', 'client_type', 'prompt_count']);
    expect(hs.authValue).toBe(false);
    expect(() => buildTccQuery(['service', 'client'])).toThrow(/neither auth_value nor allowed/);
  });

  it('parses -json and -ascii output, including empty results', () => {
    expect(parseSqliteOutput('', 'json', [])).toEqual([]);
    expect(parseSqliteOutput('[{"service":"s","client":"c","auth_value":2}]\n', 'json', [])).toEqual([{ service: 's', client: 'c', auth_value: 2 }]);
    expect(parseSqliteOutput('s\x1fc|x\x1f2\x1e', 'ascii', ['service', 'client', 'auth_value'])).toEqual([{ service: 's', client: 'c|x', auth_value: '2' }]);
    expect(parseTableInfo('0\x1fservice\x1fTEXT\x1f1\x1f\x1f1\x1e1\x1fclient\x1fTEXT\x1f1\x1f\x1f2\x1e', 'ascii')).toEqual(['service', 'client']);
  });
});

describe.skipIf(!haveSqlite)('reading real-schema TCC.db files with the sqlite3 CLI', () => {
  it('macOS 10.15 Catalina (allowed/prompt_count, tccd default schema)', async () => {
    buildDb('catalina/TCC.db', schema('schema_macos10.15_catalina_tccd_default_dump.sql') + rows('catalina_10.15_system_INSERTS.sql'));
    const res = await readTccDb(realExec, path.join(root, 'catalina/TCC.db'), 'tcc-system');
    if (!('permissions' in res)) throw new Error(res.reason);
    expect(res.permissions).toHaveLength(18);
    expect(res.permissions.find((p) => p.client === 'com.teamviewer.TeamViewer' && p.service === 'accessibility')).toEqual({
      service: 'accessibility',
      client: 'com.teamviewer.TeamViewer',
      granted: true,
      source: 'tcc-system',
      allowed: 1,
      client_type: 'bundle-id',
      last_modified: '2019-12-22T20:09:16.000Z',
      tcc_service: 'kTCCServiceAccessibility',
    });
    expect(res.permissions.find((p) => p.client === 'com.dropbox.activityprovider')).toMatchObject({ service: 'accessibility', granted: false, allowed: 0 });
    expect(res.permissions.find((p) => p.client === 'com.blacey.SuperDuper!')).toMatchObject({ service: 'full-disk-access', granted: true });
    expect(res.permissions.find((p) => p.client === 'com.apple.screensharing.agent')).toMatchObject({ service: 'screen-capture', granted: true });
    expect(res.permissions.filter((p) => p.service === 'post-event')).toHaveLength(8);
  });

  it('macOS 10.13 High Sierra (no last_modified column)', async () => {
    buildDb('hs/TCC.db', rows('highsierra_10.13_system_FULL.sql'));
    const res = await readTccDb(realExec, path.join(root, 'hs/TCC.db'), 'tcc-system');
    if (!('permissions' in res)) throw new Error(res.reason);
    expect(res.permissions.map((p) => [p.service, p.client, p.granted])).toEqual([
      ['accessibility', 'com.adobe.Adobe-Animate-CC-2019.application', true],
      ['accessibility', 'com.getdropbox.dropbox', true],
      ['post-event', 'com.getdropbox.dropbox', true],
      ['post-event', 'com.parallels.desktop.console', true],
      ['post-event', 'none.installer', false],
      ['full-disk-access', 'com.blacey.SuperDuper!', true],
    ]);
    expect(res.permissions[0].last_modified).toBeUndefined();
  });

  it('macOS 14 Sonoma system database (auth_value; 2 = allowed, 0 = denied; path clients)', async () => {
    buildDb('sonoma/TCC.db', `${schema('schema_macos14_sonoma_access_tccutil_pr66.sql')};\n${rows('sonoma_14_system_INSERTS.sql')}`);
    const res = await readTccDb(realExec, path.join(root, 'sonoma/TCC.db'), 'tcc-system');
    if (!('permissions' in res)) throw new Error(res.reason);
    const by = (svc: string, client: string) => res.permissions.find((p) => p.service === svc && p.client === client);
    expect(by('full-disk-access', '/usr/libexec/sshd-keygen-wrapper')).toEqual({
      service: 'full-disk-access',
      client: '/usr/libexec/sshd-keygen-wrapper',
      granted: false,
      source: 'tcc-system',
      auth_value: 0,
      auth_reason: 4,
      client_type: 'path',
      last_modified: '2021-12-16T13:18:15.000Z',
      tcc_service: 'kTCCServiceSystemPolicyAllFiles',
    });
    expect(by('full-disk-access', 'com.microsoft.wdav')).toMatchObject({ granted: true, auth_value: 2, client_type: 'bundle-id' });
    expect(by('screen-capture', 'com.devexpress.testcafe-browser-tools')).toMatchObject({ granted: true, auth_reason: 3 });
    expect(by('input-monitoring', 'com.googlecode.iterm2')).toMatchObject({ granted: true });
    expect(by('screen-capture', 'us.zoom.xos')).toMatchObject({ granted: false });
    expect(by('post-event', '/Library/Application Support/Veertu/Anka/addons/ankarund')).toMatchObject({ granted: true });
    // automation (Apple events) names the app that may be controlled
    expect(by('automation', '/usr/local/opt/runner/provisioner/provisioner')).toMatchObject({ granted: true, tcc_service: 'kTCCServiceAppleEvents', target: 'com.apple.finder' });
    // network-volume and other rows are not among the services we report
    expect(res.permissions.some((p) => p.client === 'com.apple.Terminal' && p.service !== 'full-disk-access' && p.service !== 'accessibility')).toBe(false);
    expect(res.permissions).toHaveLength(21);
  });

  it('macOS 27 system database (newest columns) through the -ascii fallback for sqlite3 without -json', async () => {
    buildDb('m27/TCC.db', schema('schema_macos27.0.1_26A434_system.sql') + rows('macos27_system_INSERTS.sql'));
    // sqlite3 before 3.33 rejects -json with this message; the collector must switch to -ascii.
    const old: Exec = (file, args, options) =>
      args.includes('-json') ? Promise.resolve({ stdout: '', stderr: 'sqlite3: Error: unknown option: -json\nUse -help for a list of options.\n', code: 1 }) : realExec(file, args, options);
    const res = await readTccDb(old, path.join(root, 'm27/TCC.db'), 'tcc-system');
    if (!('permissions' in res)) throw new Error(res.reason);
    expect(res.permissions.map((p) => [p.service, p.client, p.granted, p.auth_value])).toEqual([
      ['accessibility', '/usr/local/opt/runner/runprovisioner.sh', true, 2],
      ['accessibility', 'com.apple.dt.Xcode-Helper', true, 2],
      ['post-event', '/usr/local/opt/runner/runprovisioner.sh', true, 2],
      ['full-disk-access', '/bin/bash', true, 2],
      ['full-disk-access', '/usr/local/opt/runner/runprovisioner.sh', true, 2],
    ]);
  });

  it('createTccCollector reads the system and the user database at their real paths (spaces in the path)', async () => {
    buildDb(SYSTEM_DB, `${schema('schema_macos14_sonoma_access_tccutil_pr66.sql')};\n${rows('sonoma_14_system_INSERTS.sql')}`);
    buildDb(USER_DB, schema('schema_macos26.6.2_25G83_user.sql') + rows('macos26_user_INSERTS.sql'));
    const exec = rooted();
    const r = await createTccCollector({ fs: nodeFs(root) }).collect(makeCtx(exec));
    expect(exec.calls.map((c) => [c.file, c.args.slice(0, 3)])).toEqual([
      ['/usr/bin/sqlite3', ['-readonly', '-json', 'file:/Library/Application%20Support/com.apple.TCC/TCC.db?mode=ro']],
      ['/usr/bin/sqlite3', ['-readonly', '-json', 'file:/Library/Application%20Support/com.apple.TCC/TCC.db?mode=ro']],
      ['/usr/bin/sqlite3', ['-readonly', '-json', 'file:/Users/alex/Library/Application%20Support/com.apple.TCC/TCC.db?mode=ro']],
      ['/usr/bin/sqlite3', ['-readonly', '-json', 'file:/Users/alex/Library/Application%20Support/com.apple.TCC/TCC.db?mode=ro']],
    ]);
    expect(exec.calls[0].args[3]).toBe('PRAGMA table_info(access);');
    const perms = r.tables.permissions ?? [];
    expect(perms.filter((p) => p.source === 'tcc-system')).toHaveLength(21);
    const automation = perms.filter((p) => p.source === 'tcc-user' && p.service === 'automation');
    expect(automation).toHaveLength(12);
    expect(automation.find((p) => p.client === 'com.apple.Terminal')).toMatchObject({ granted: true, target: 'com.apple.systemevents', user: 'alex' });
    expect(automation.every((p) => p.target && p.target !== 'UNUSED')).toBe(true);
    const user = perms.filter((p) => p.source === 'tcc-user' && p.service !== 'automation');
    expect(user.map((p) => [p.service, p.client, p.granted, p.user])).toEqual([
      ['camera', '/Users/alex/Tools/Überwachung|Test/cam', true, 'alex'],
      ['camera', 'us.zoom.xos', true, 'alex'],
      ['microphone', '/usr/local/opt/runner/runprovisioner.sh', true, 'alex'],
      ['microphone', 'com.apple.CoreSimulator.SimulatorTrampoline', true, 'alex'],
      ['microphone', 'us.zoom.xos', false, 'alex'],
      ['post-event', '/bin/bash', true, 'alex'],
      ['screen-capture', '/usr/local/opt/runner/provisioner/provisioner', true, 'alex'],
      ['full-disk-access', '/usr/local/opt/runner/runprovisioner.sh', true, 'alex'],
    ]);
    expect(r.coverage).toEqual([{ source: 'macos/tcc', table: 'permissions', status: 'ok' }]);
  });
});

describe('createTccCollector without Full Disk Access', () => {
  const DENIED = (p: string) => ({ stdout: '', stderr: `Error: unable to open database "${p}": authorization denied\n`, code: 1 });

  it('retries once with immutable=1, then records "denied" with how to grant Full Disk Access', async () => {
    const exec = fakeExec((_f, args) => DENIED(args[2]));
    const fs = { ...nodeFs('/nonexistent-root'), stat: async () => ({ isDirectory: false }) };
    const r = await createTccCollector({ fs }).collect(makeCtx(exec));
    expect(exec.calls.map((c) => c.args[2])).toEqual([
      'file:/Library/Application%20Support/com.apple.TCC/TCC.db?mode=ro',
      'file:/Library/Application%20Support/com.apple.TCC/TCC.db?mode=ro&immutable=1',
      'file:/Users/alex/Library/Application%20Support/com.apple.TCC/TCC.db?mode=ro',
      'file:/Users/alex/Library/Application%20Support/com.apple.TCC/TCC.db?mode=ro&immutable=1',
    ]);
    for (const c of exec.calls) expect(c.options?.timeoutMs).toBe(15000);
    expect(r.tables.permissions).toEqual([]);
    expect(r.coverage).toEqual([{ source: 'macos/tcc', table: 'permissions', status: 'denied', reason: FULL_DISK_ACCESS_HELP, code: 'tcc-full-disk-access' }]);
    expect(FULL_DISK_ACCESS_HELP).toContain('System Settings → Privacy & Security → Full Disk Access');
  });

  it('partial when only the user database opens (macOS 26 WAL lock refusal fixed by immutable=1 on one db)', async () => {
    buildDb(USER_DB, schema('schema_macos26.6.2_25G83_user.sql') + rows('macos26_user_INSERTS.sql'));
    const base = rooted();
    const exec: Exec = (file, args, options) => (args[2].startsWith('file:/Library/') ? Promise.resolve(DENIED(args[2])) : base(file, args, options));
    const fs = { ...nodeFs(root), stat: async () => ({ isDirectory: false }) };
    const r = await createTccCollector({ fs }).collect(makeCtx(exec));
    expect(r.tables.permissions?.every((p) => p.source === 'tcc-user')).toBe(true);
    expect(r.tables.permissions).toHaveLength(20); // 8 + 12 automation grants
    expect(r.coverage[0].status).toBe('partial');
    expect(r.coverage[0].reason).toMatch(/^Could not read the system TCC.db \(no Full Disk Access\)\. macOS keeps/);
  });

  it("without root, other accounts' databases are not read and coverage says so (never ok)", async () => {
    buildDb(SYSTEM_DB, `${schema('schema_macos14_sonoma_access_tccutil_pr66.sql')};\n${rows('sonoma_14_system_INSERTS.sql')}`);
    buildDb(USER_DB, schema('schema_macos26.6.2_25G83_user.sql') + rows('macos26_user_INSERTS.sql'));
    mkdirSync(path.join(root, 'Users/bob'), { recursive: true });
    const r = await createTccCollector({ fs: nodeFs(root) }).collect(makeCtx(rooted()));
    expect(r.coverage).toEqual([
      {
        source: 'macos/tcc',
        table: 'permissions',
        status: 'partial',
        reason: "Without root, the privacy permissions of 1 other account(s) (bob) were not read: their TCC.db needs root and Full Disk Access.",
        code: 'tcc-other-accounts',
        params: { count: 1, users: 'bob' },
      },
    ]);
  });

  it('unavailable when sqlite3 is missing; skips databases that do not exist', async () => {
    const exec = fakeExec(() => undefined);
    const r = await createTccCollector({ fs: nodeFs('/nonexistent-root') }).collect(makeCtx(exec));
    expect(exec.calls).toHaveLength(0);
    expect(r.coverage[0]).toEqual({ source: 'macos/tcc', table: 'permissions', status: 'unavailable', reason: 'No TCC.db privacy database was found.', code: 'tcc-none' });
    const fs = { ...nodeFs('/nonexistent-root'), stat: async () => ({ isDirectory: false }) };
    const r2 = await createTccCollector({ fs }).collect(makeCtx(exec));
    expect(r2.coverage[0]).toMatchObject({ status: 'unavailable', reason: 'The sqlite3 tool that reads TCC.db is missing (/usr/bin/sqlite3).' });
  });

  it('error with the message when the database is not a TCC database', async () => {
    const exec = fakeExec((_f, args) => (args[3].startsWith('PRAGMA') ? { stdout: '' } : undefined));
    const fs = { ...nodeFs('/nonexistent-root'), stat: async () => ({ isDirectory: false }) };
    const r = await createTccCollector({ fs }).collect(makeCtx(exec));
    expect(r.coverage[0]).toMatchObject({ status: 'error' });
    expect(r.coverage[0].reason).toContain('TCC.db has no access table');
  });
});
