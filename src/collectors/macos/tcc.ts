import type { CoverageRow, PermissionRow } from '../../snapshot/schema.js';
import type { Collector, CollectContext, Exec } from '../types.js';
import { AnswerBuilder, judgeAnswer, sampleOf, unrecognised, type Answer } from '../shared/answer.js';
import { coverage, defaultFs, isMissing, listHomes, type MacFs } from './util.js';
import { joinReasons, maybeReasons, reason, reasonsOf, why, type Reason } from '../shared/reason.js';

const SOURCE = 'macos/tcc';
export const SQLITE3 = '/usr/bin/sqlite3';
const TIMEOUT_MS = 15_000;
export const SYSTEM_TCC_DB = '/Library/Application Support/com.apple.TCC/TCC.db';
export const userTccDb = (home: string) => `${home}/Library/Application Support/com.apple.TCC/TCC.db`;

/** TCC service names in TCC.db -> the readable ids used in permissions rows. */
export const TCC_SERVICES: Readonly<Record<string, string>> = {
  kTCCServiceScreenCapture: 'screen-capture',
  kTCCServiceListenEvent: 'input-monitoring',
  kTCCServiceAccessibility: 'accessibility',
  kTCCServicePostEvent: 'post-event',
  kTCCServiceCamera: 'camera',
  kTCCServiceMicrophone: 'microphone',
  kTCCServiceSystemPolicyAllFiles: 'full-disk-access',
  // one app controlling another (Apple events): indirect_object_identifier names the app controlled
  kTCCServiceAppleEvents: 'automation',
};

export const FULL_DISK_ACCESS_HELP =
  'macOS keeps its privacy permissions (screen recording, input monitoring, accessibility, full disk access, camera, microphone) ' +
  'in TCC.db, which only apps with Full Disk Access may read. To include them, open System Settings → Privacy & Security → ' +
  'Full Disk Access (macOS 12 and older: System Preferences → Security & Privacy → Privacy → Full Disk Access), turn it on for ' +
  'the app you run bosswatch from (Terminal, iTerm, …), quit and reopen that app, and scan again. Permissions that your ' +
  "organisation's MDM profiles pre-approve are still listed (source pppc-profile).";

export type SqliteMode = 'json' | 'ascii';

/** A read-only SQLite URI; spaces and URI delimiters in the path are percent-encoded. */
export function tccUri(dbPath: string, immutable = false): string {
  const enc = dbPath.replace(/[%?# ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `file:${enc}?mode=ro${immutable ? '&immutable=1' : ''}`;
}

export function sqliteArgv(mode: SqliteMode, dbPath: string, sql: string, immutable = false): string[] {
  return ['-readonly', mode === 'json' ? '-json' : '-ascii', tccUri(dbPath, immutable), sql];
}

/** Rows of sqlite3 output as records of strings/numbers/null, for `-json` or `-ascii` (0x1F between fields, 0x1E between rows). */
export function parseSqliteOutput(out: string, mode: SqliteMode, columns: readonly string[]): Record<string, unknown>[] {
  const a = readSqliteOutput(out, mode, columns);
  if (a.unrecognised) throw new Error(a.unrecognised);
  return a.rows;
}

/**
 * Reads sqlite3 output. A query with no rows prints nothing; otherwise `-json` prints one array of objects and `-ascii`
 * one record per row with exactly one field per selected column. Anything else is counted or refused.
 */
export function readSqliteOutput(out: string, mode: SqliteMode, columns: readonly string[]): Answer<Record<string, unknown>> {
  const a = new AnswerBuilder<Record<string, unknown>>();
  if (mode === 'json') {
    const t = out.trim();
    if (!t) return a.done();
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch {
      return unrecognised('sqlite3 -json did not print JSON', t);
    }
    if (!Array.isArray(v)) return unrecognised('sqlite3 -json did not print an array', t);
    for (const r of v) {
      if (typeof r === 'object' && r !== null && !Array.isArray(r)) a.row(r as Record<string, unknown>);
      else a.reject(JSON.stringify(r) ?? String(r));
    }
    return a.done();
  }
  for (const chunk of out.split('\x1e')) {
    const r = chunk.replace(/^\r?\n/, '');
    if (r.trim().length === 0) continue;
    const fields = r.split('\x1f');
    if (fields.length !== columns.length) {
      a.reject(r);
      continue;
    }
    const rec: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      rec[c] = fields[i] ?? null;
    });
    a.row(rec);
  }
  return a.done();
}

const TABLE_INFO_COLUMNS = ['cid', 'name', 'type', 'notnull', 'dflt_value', 'pk'] as const;

/** Column names of the access table from `PRAGMA table_info(access);`. */
export function parseTableInfo(out: string, mode: SqliteMode): string[] {
  return parseSqliteOutput(out, mode, TABLE_INFO_COLUMNS)
    .map((r) => r.name)
    .filter((n): n is string => typeof n === 'string' && n.length > 0);
}

export interface TccQuery {
  sql: string;
  columns: string[];
  /** true for macOS 11+ (auth_value), false for 10.14 and earlier (allowed). */
  authValue: boolean;
}

/** Builds the SELECT for the columns this release's access table has (allowed/prompt_count before 11, auth_value/auth_reason after). */
export function buildTccQuery(available: readonly string[]): TccQuery {
  const has = new Set(available);
  if (!has.has('service') || !has.has('client')) throw new Error('TCC.db access table has no service/client columns');
  const authValue = has.has('auth_value');
  if (!authValue && !has.has('allowed')) throw new Error('TCC.db access table has neither auth_value nor allowed');
  const columns = ['service', 'client', authValue ? 'auth_value' : 'allowed'];
  for (const c of ['client_type', 'auth_reason', 'prompt_count', 'last_modified', 'indirect_object_identifier']) if (has.has(c)) columns.push(c);
  const services = Object.keys(TCC_SERVICES).map((s) => `'${s}'`).join(',');
  const sql = `SELECT ${columns.join(', ')} FROM access WHERE service IN (${services}) ORDER BY service, client;`;
  return { sql, columns, authValue };
}

const num = (v: unknown): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
};

/** Turns access rows into permission rows. auth_value 2 = allowed (11+); allowed 1 = allowed (10.14 and before). */
export function tccRowsToPermissions(rows: Record<string, unknown>[], q: TccQuery, source: 'tcc-system' | 'tcc-user', user?: string): PermissionRow[] {
  const out: PermissionRow[] = [];
  for (const r of rows) {
    const service = TCC_SERVICES[String(r.service)];
    const client = typeof r.client === 'string' ? r.client : r.client == null ? '' : String(r.client);
    if (!service || !client) continue;
    const p: PermissionRow = { service, client, granted: false, source };
    if (q.authValue) {
      const av = num(r.auth_value);
      p.granted = av === 2;
      if (av !== undefined) p.auth_value = av;
      const reason = num(r.auth_reason);
      if (reason !== undefined) p.auth_reason = reason;
    } else {
      const allowed = num(r.allowed);
      p.granted = allowed === 1;
      if (allowed !== undefined) p.allowed = allowed;
    }
    const ct = num(r.client_type);
    if (ct === 0) p.client_type = 'bundle-id';
    else if (ct === 1) p.client_type = 'path';
    const lm = num(r.last_modified);
    if (lm !== undefined && lm > 0) p.last_modified = new Date(lm * 1000).toISOString();
    p.tcc_service = String(r.service);
    const target = typeof r.indirect_object_identifier === 'string' ? r.indirect_object_identifier : undefined;
    // 'UNUSED' fills the column for services that have no target
    if (target && target !== 'UNUSED') p.target = target;
    if (user) p.user = user;
    out.push(p);
  }
  return out;
}

type Failure = { kind: 'denied' | 'unavailable' | 'error'; reason: string };
type QueryResult = { ok: true; out: string } | ({ ok: false } & Failure);

const OPEN_DENIED = /authorization denied|not authorized|operation not permitted|unable to open database|permission denied/i;

/**
 * Runs one read-only statement. Falls back from -json to -ascii on sqlite3 older than 3.33 (macOS 11 and earlier),
 * and retries with immutable=1 when the open is refused (newer macOS blocks the WAL lock files of protected databases).
 */
export async function runSqlite(exec: Exec, dbPath: string, sql: string, state: { mode: SqliteMode; immutable: boolean }): Promise<QueryResult> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = await exec(SQLITE3, sqliteArgv(state.mode, dbPath, sql, state.immutable), { timeoutMs: TIMEOUT_MS });
    if (r.error === 'ENOENT') return { ok: false, kind: 'unavailable', reason: `${SQLITE3} is missing` };
    if (r.error === 'ETIMEDOUT') return { ok: false, kind: 'error', reason: 'sqlite3 did not answer in time' };
    if (r.error) return { ok: false, kind: 'error', reason: `sqlite3 could not be started (${r.error})` };
    // the shell's note about ~/.sqliterc is not an error; any other text on standard error is
    const err = r.stderr.split(/\r?\n/).filter((l) => l.trim() && !/^-- Loading resources from /.test(l)).join('\n').trim();
    if (r.code === 0 && !err) return { ok: true, out: r.stdout };
    if (state.mode === 'json' && /unknown option|-json/i.test(err)) {
      state.mode = 'ascii';
      continue;
    }
    if (OPEN_DENIED.test(err)) {
      if (!state.immutable) {
        state.immutable = true;
        continue;
      }
      return { ok: false, kind: 'denied', reason: sampleOf(err.split('\n')[0]) };
    }
    return { ok: false, kind: 'error', reason: err ? sampleOf(err.split('\n')[0]) : `sqlite3 exited with code ${r.code}` };
  }
  return { ok: false, kind: 'error', reason: 'sqlite3 kept failing' };
}

/** Reads the privacy permissions of one TCC.db through the sqlite3 CLI; `bad` says which rows were not understood. */
export async function readTccDb(exec: Exec, dbPath: string, source: 'tcc-system' | 'tcc-user', user?: string): Promise<{ permissions: PermissionRow[]; bad?: string } | Failure> {
  const state = { mode: 'json' as SqliteMode, immutable: false };
  const info = await runSqlite(exec, dbPath, 'PRAGMA table_info(access);', state);
  if (!info.ok) return info;
  const infoAnswer = readSqliteOutput(info.out, state.mode, TABLE_INFO_COLUMNS);
  const infoBad = judgeAnswer('sqlite3', infoAnswer);
  if (infoBad?.status === 'error') return { kind: 'error', reason: infoBad.note };
  const cols = infoAnswer.rows.map((r) => r.name).filter((n): n is string => typeof n === 'string' && n.length > 0);
  if (cols.length === 0) return { kind: 'error', reason: 'TCC.db has no access table' };
  let q: TccQuery;
  try {
    q = buildTccQuery(cols);
  } catch (e) {
    return { kind: 'error', reason: (e as Error).message };
  }
  const res = await runSqlite(exec, dbPath, q.sql, state);
  if (!res.ok) return res;
  const rows = readSqliteOutput(res.out, state.mode, q.columns);
  // a row without a known service and a client is not one the query can return
  const usable = rows.rows.filter((r) => TCC_SERVICES[String(r.service)] && r.client !== null && r.client !== undefined && r.client !== '');
  const answer = { ...rows, rows: usable, bad: rows.bad + rows.rows.length - usable.length };
  if (rows.rows.length > usable.length) answer.sample ??= sampleOf(JSON.stringify(rows.rows.find((r) => !usable.includes(r))));
  const verdict = judgeAnswer('sqlite3', answer);
  if (verdict?.status === 'error') return { kind: 'error', reason: `unexpected sqlite3 output (${verdict.note})` };
  const permissions = tccRowsToPermissions(usable, q, source, user);
  return verdict ? { permissions, bad: verdict.note } : { permissions };
}

interface DbResult {
  label: string;
  /** 'partial': read, but some rows were not understood (reason says which). */
  status: 'ok' | 'partial' | 'missing' | Failure['kind'];
  reason?: string;
}

export function summariseTcc(results: DbResult[], notRead: string[] = []): CoverageRow {
  const row = summariseRead(results);
  if (notRead.length === 0) return row;
  const note = why('tcc-other-accounts', { count: notRead.length, users: `${notRead.slice(0, 5).join(', ')}${notRead.length > 5 ? ', …' : ''}` });
  if (row.status === 'ok') return coverage(SOURCE, 'permissions', 'partial', joinReasons([note]));
  return coverage(SOURCE, 'permissions', row.status, joinReasons([...reasonsOf(row), note] as Reason[] as [Reason, ...Reason[]]));
}

function summariseRead(results: DbResult[]): CoverageRow {
  const present = results.filter((r) => r.status !== 'missing');
  const ok = present.filter((r) => r.status === 'ok' || r.status === 'partial');
  const bad = present.filter((r) => r.status !== 'ok' && r.status !== 'partial');
  const some = present.filter((r) => r.status === 'partial');
  const list = (rs: DbResult[]) => rs.map((r) => `${r.label}${r.reason ? ` (${r.reason})` : ''}`).join('; ');
  if (present.length === 0) return coverage(SOURCE, 'permissions', 'unavailable', reason('tcc-none'));
  if (bad.length === 0) return some.length ? coverage(SOURCE, 'permissions', 'partial', reason('tcc-some-rows', { detail: list(some) })) : coverage(SOURCE, 'permissions', 'ok');
  if (ok.length > 0) {
    const denied = bad.some((r) => r.status === 'denied');
    return coverage(SOURCE, 'permissions', 'partial', joinReasons([why('tcc-unread', { detail: list(bad) }), ...(denied ? [why('tcc-full-disk-access')] : [])]));
  }
  if (bad.some((r) => r.status === 'denied')) return coverage(SOURCE, 'permissions', 'denied', reason('tcc-full-disk-access'));
  if (bad.every((r) => r.status === 'unavailable')) return coverage(SOURCE, 'permissions', 'unavailable', reason('tcc-no-sqlite3', { path: SQLITE3 }));
  return coverage(SOURCE, 'permissions', 'error', reason('tcc-unread', { detail: list(bad) }));
}

export function createTccCollector(deps: { fs?: MacFs } = {}): Collector {
  const fs = deps.fs ?? defaultFs;
  return {
    id: SOURCE,
    tables: ['permissions'],
    async collect(ctx: CollectContext) {
      const dbs: { path: string; source: 'tcc-system' | 'tcc-user'; user?: string; label: string }[] = [
        { path: SYSTEM_TCC_DB, source: 'tcc-system', label: 'the system TCC.db' },
      ];
      // Other accounts' databases are only reachable as root (and still need Full Disk Access).
      const all = (await listHomes(fs, ctx)).homes;
      const ownHome = ctx.home.replace(/\/+$/, '');
      const homes = ctx.elevated ? all : [{ user: ownHome.split('/').filter(Boolean).pop() ?? '', home: ownHome }];
      const notRead = ctx.elevated ? [] : all.filter((h) => h.home !== ownHome).map((h) => h.user);
      for (const h of homes) dbs.push({ path: userTccDb(h.home), source: 'tcc-user', user: h.user, label: `${h.user}'s TCC.db` });

      const permissions: PermissionRow[] = [];
      const results: DbResult[] = [];
      for (const db of dbs) {
        try {
          await fs.stat(db.path);
        } catch (e) {
          // Without Full Disk Access stat may still fail with EPERM: let sqlite3 report that.
          if (isMissing(e)) {
            results.push({ label: db.label, status: 'missing' });
            continue;
          }
        }
        const res = await readTccDb(ctx.exec, db.path, db.source, db.user);
        if ('permissions' in res) {
          permissions.push(...res.permissions);
          results.push(res.bad ? { label: db.label, status: 'partial', reason: res.bad } : { label: db.label, status: 'ok' });
        } else {
          results.push({ label: db.label, status: res.kind, reason: res.kind === 'denied' ? 'no Full Disk Access' : res.reason });
          if (res.kind === 'unavailable') break;
        }
      }
      return { tables: { permissions }, coverage: [summariseTcc(results, notRead)] };
    },
  };
}

export const tccCollector = createTccCollector();
