// bosswatch rules as osquery SQL: one query per rule and platform, a UNION of one SELECT per indicator and table.
// What each indicator means follows src/match (which tables a kind is looked up in, case, folders, globs); see docs/export.md.
import type { RuntimeRule } from '../match/types.js';
import type { Pattern, PlatformIndicators } from '../rules/schema.js';
import type { Platform } from '../snapshot/constants.js';
import { cleanPath, expandRulePath } from '../platform/index.js';
import { alternateCounts } from '../match/index.js';
import { normRegistry } from '../match/index.js';
import {
  LIKE_ESCAPE, globLiteral, likeLiteral, lit, nameGlobToGlob, nameGlobToLike, pathGlobToFileLike, pathGlobToGlobs, separatorCount,
} from './sql.js';

export type OsqueryPlatform = 'windows' | 'darwin' | 'linux';
export const OSQUERY_PLATFORM: Readonly<Record<Platform, OsqueryPlatform>> = { windows: 'windows', macos: 'darwin', linux: 'linux' };

/** Indicator kinds the export expresses, and the ones it cannot (with the reason's message key). */
export const EXPORTED_KINDS = ['processes', 'services', 'packages', 'paths', 'bundle_ids', 'launchd', 'browser_extensions', 'registry', 'drivers'] as const;
export const NOT_EXPORTED_KINDS = ['autostart', 'signers', 'agent_domains', 'website_domains'] as const;
export type SkipReason =
  | 'kind' // a kind this export does not express (NOT_EXPORTED_KINDS)
  | 'nul' // a NUL character cannot be carried in a SQL literal
  | 'file-glob' // a glob osquery's file table cannot expand (`**` inside a path, `?`, literal `%`): only other tables check it
  | 'extension-id' // not a Chromium extension id (Firefox add-ons are not exported)
  | 'registry-hive' // HKEY_CLASSES_ROOT (a merged view osquery does not list) or an unknown hive
  | 'registry-glob' // a registry glob osquery cannot expand (`**`, `?`, literal `%`)
  | 'windows-driver'; // Windows kernel drivers: osquery's `drivers` table lists Plug and Play devices, not every driver service

export interface Skipped {
  rule: string;
  platform: Platform;
  kind: string;
  value: string;
  reason: SkipReason;
}

export interface ExportQuery {
  /** osquery query name: bosswatch_<rule>_<platform>. */
  name: string;
  rule: string;
  /** The finding bosswatch reports this rule under (its family, or itself). */
  product: string;
  productName: string;
  platform: Platform;
  osqueryPlatform: OsqueryPlatform;
  /** One SELECT per indicator and table, joined with UNION; ends without `;`. */
  sql: string;
  tables: string[];
  indicators: number;
  /** Indicators of this rule on this platform that the query does not check (kind or form). */
  notExpressed: Skipped[];
}

export interface ExportResult {
  queries: ExportQuery[];
  skipped: Skipped[];
  /** Rule and platform pairs with indicators none of which could be expressed. */
  empty: { rule: string; platform: Platform }[];
  /** Rules with network indicators only (agent and website domains): no query. */
  networkOnly: string[];
}

interface Part {
  table: string;
  sql: string;
}

// osquery's names for the hives bosswatch's rules use (src/match/index.ts normRegistry gives the short forms)
const REGISTRY_HIVES: Readonly<Record<string, string>> = { hklm: 'HKEY_LOCAL_MACHINE', hku: 'HKEY_USERS', hkcu: 'HKEY_USERS\\*' };

const sepOf = (p: Platform) => (p === 'windows' ? '\\' : '/');
const patternValue = (p: Pattern) => (typeof p === 'string' ? p : p.glob);
const isGlobPattern = (p: Pattern) => typeof p === 'object';

/** Builds the queries for every rule and every platform it declares (and has indicators for). */
export function buildOsqueryExport(rules: readonly RuntimeRule[]): ExportResult {
  const queries: ExportQuery[] = [];
  const skipped: Skipped[] = [];
  const empty: { rule: string; platform: Platform }[] = [];
  const networkOnly: string[] = [];
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!(['windows', 'macos', 'linux'] as const).some((p) => rule.indicators[p])) networkOnly.push(rule.id);
    for (const platform of ['windows', 'macos', 'linux'] as const) {
      const ind = rule.indicators[platform];
      // a platform the rule does not declare is not searched (rules from packs may leave platforms out)
      if (!ind || (rule.platforms && !rule.platforms[platform])) continue;
      const gen = new Generator(rule, platform);
      gen.all(ind);
      const domains = [...(rule.indicators.agent_domains ?? []).map((d) => ['agent_domains', d]), ...(rule.indicators.website_domains ?? []).map((d) => ['website_domains', d])];
      for (const [kind, value] of domains) gen.skip(kind, value, 'kind');
      skipped.push(...gen.skipped);
      if (!gen.parts.length) {
        empty.push({ rule: rule.id, platform });
        continue;
      }
      const name = `bosswatch_${rule.id.replace(/-/g, '_')}_${OSQUERY_PLATFORM[platform]}`;
      queries.push({
        name,
        rule: rule.id,
        product: rule.family ?? rule.id,
        productName: rule.name,
        platform,
        osqueryPlatform: OSQUERY_PLATFORM[platform],
        sql: unionOf(gen.parts.map((p) => p.sql)),
        tables: [...new Set(gen.parts.map((p) => p.table))].sort(),
        indicators: gen.indicators,
        notExpressed: gen.skipped,
      });
    }
  }
  return { queries, skipped, empty, networkOnly };
}

// SQLite refuses a compound SELECT of more than 500 terms (SQLITE_MAX_COMPOUND_SELECT): a big rule is nested in groups
const UNION_GROUP = 200;
export function unionOf(selects: readonly string[]): string {
  if (selects.length <= UNION_GROUP) return selects.join('\nUNION\n');
  const groups: string[] = [];
  for (let i = 0; i < selects.length; i += UNION_GROUP) groups.push(`SELECT * FROM (\n${selects.slice(i, i + UNION_GROUP).join('\nUNION\n')}\n)`);
  return unionOf(groups);
}

class Generator {
  parts: Part[] = [];
  skipped: Skipped[] = [];
  indicators = 0;
  private seen = new Set<string>();
  private readonly ci: boolean;
  private readonly sep: string;

  constructor(private readonly rule: RuntimeRule, private readonly platform: Platform) {
    this.ci = platform === 'windows';
    this.sep = sepOf(platform);
  }

  skip(kind: string, value: string, reason: SkipReason) {
    this.skipped.push({ rule: this.rule.id, platform: this.platform, kind, value, reason });
  }

  all(ind: PlatformIndicators) {
    for (const p of ind.autostart ?? []) this.skip('autostart', patternValue(p), 'kind');
    // macOS system extensions and kexts by bundle id, Linux kernel modules by name (bosswatch keeps their case)
    if (this.platform === 'macos') for (const p of ind.drivers ?? []) this.name('drivers', p, [['system_extensions', 'identifier'], ['kernel_extensions', 'name']], false);
    else if (this.platform === 'linux') for (const p of ind.drivers ?? []) this.name('drivers', p, [['kernel_modules', 'name']], false);
    else for (const p of ind.drivers ?? []) this.skip('drivers', patternValue(p), 'windows-driver');
    for (const p of ind.registry ?? []) {
      if (this.platform === 'windows') this.registry(p);
      else this.skip('registry', patternValue(p), 'kind');
    }
    for (const s of ind.signers ?? []) this.skip('signers', s, 'kind');
    for (const p of ind.processes ?? []) {
      const value = p.path ?? p.path_glob ?? p.name!;
      if (this.nul('processes', value, p.name)) continue;
      this.indicators++;
      if (p.path) this.filePath('processes', p.path, p.path, false, false, p.name);
      else if (p.path_glob) this.filePath('processes', p.path_glob, p.path_glob, true, false, p.name);
      else this.processName(p.name!);
    }
    for (const p of ind.paths ?? []) {
      const v = patternValue(p);
      if (this.nul('paths', v)) continue;
      this.indicators++;
      this.filePath('paths', v, v, isGlobPattern(p), true);
    }
    for (const p of ind.services ?? []) this.name('services', p, this.serviceTables());
    for (const p of ind.packages ?? []) this.name('packages', p, this.packageTables());
    if (this.platform === 'macos') {
      // bosswatch folds the case of bundle ids and launchd labels (reverse-DNS names macOS compares that way)
      const where: [string, string][] = [['apps', 'bundle_identifier'], ['package_receipts', 'package_id'], ['system_extensions', 'identifier'], ['kernel_extensions', 'name']];
      for (const p of ind.bundle_ids ?? []) this.name('bundle_ids', p, where, true);
      for (const p of ind.launchd ?? []) this.name('launchd', p, [['launchd', 'label']], true);
    } else {
      for (const p of ind.bundle_ids ?? []) this.skip('bundle_ids', patternValue(p), 'kind');
      for (const p of ind.launchd ?? []) this.skip('launchd', patternValue(p), 'kind');
    }
    for (const id of ind.browser_extensions ?? []) {
      if (this.nul('browser_extensions', id)) continue;
      // Chromium ids are 32 letters a-p; Firefox add-on ids (name@host, {uuid}) live in another table, not exported
      if (!/^[a-p]{32}$/i.test(id)) {
        this.skip('browser_extensions', id, 'extension-id');
        continue;
      }
      this.indicators++;
      // osquery reads every user's profiles only when the table is joined with users (Fleet's query library does the same)
      this.add('browser_extensions', id, 'chrome_extensions', 'identifier', `identifier = ${lit(id.toLowerCase())} COLLATE NOCASE`, 'users CROSS JOIN chrome_extensions USING (uid)');
    }
  }

  /**
   * A registry key (and anything under it, as bosswatch reads it): the key is a `subkey` row of its parent in osquery's
   * `registry` table. osquery cannot read HKEY_CURRENT_USER (it runs as a service): HKCU becomes every user's hive,
   * HKEY_USERS\<SID>, as in osquery's own examples (specs/windows/registry.table).
   */
  private registry(p: Pattern) {
    const v = patternValue(p);
    if (this.nul('registry', v)) return;
    const [hive, ...rest] = normRegistry(v, false).split('\\');
    const root = REGISTRY_HIVES[hive.toLowerCase()];
    if (!root || !rest.length) {
      this.skip('registry', v, 'registry-hive');
      return;
    }
    const path = [root, ...rest].join('\\');
    const parent = path.slice(0, path.lastIndexOf('\\'));
    if (!/[*?]/.test(path)) {
      this.indicators++;
      this.add('registry', v, 'registry', 'path', `key = ${lit(parent)} COLLATE NOCASE AND path = ${lit(path)} COLLATE NOCASE`);
      return;
    }
    const like = pathGlobToFileLike(path, '\\');
    const parentLike = like?.slice(0, like.lastIndexOf('\\'));
    if (like === undefined || !parentLike || parentLike.includes('%%')) {
      this.skip('registry', v, 'registry-glob');
      return;
    }
    this.indicators++;
    this.add('registry', v, 'registry', 'path', `key LIKE ${lit(parentLike)} AND path LIKE ${lit(like)} AND ${this.globMatch('path', path, false)}`);
  }

  private nul(kind: string, value: string, extra?: string): boolean {
    if (!value.includes('\0') && !extra?.includes('\0')) return false;
    this.skip(kind, value, 'nul');
    return true;
  }

  private add(kind: string, value: string, table: string, found: string, where: string, from = table) {
    const sql =
      `SELECT ${lit(this.rule.id)} AS bosswatch_rule, ${lit(kind)} AS bosswatch_indicator, ${lit(value)} AS bosswatch_value, ` +
      `${lit(table)} AS osquery_table, ${found} AS found FROM ${from} WHERE ${where}`;
    if (this.seen.has(sql)) return;
    this.seen.add(sql);
    this.parts.push({ table, sql });
  }

  private serviceTables(): [string, string][] {
    if (this.platform === 'windows') return [['services', 'name']];
    return this.platform === 'linux' ? [['systemd_units', 'id']] : [['launchd', 'label']];
  }

  private packageTables(): [string, string][] {
    if (this.platform === 'windows') return [['programs', 'name']];
    return this.platform === 'linux' ? [['deb_packages', 'name'], ['rpm_packages', 'name']] : [['package_receipts', 'package_id']];
  }

  /** A name compared exactly (case folded on Windows, or where bosswatch folds it), or a name glob. */
  private nameWhere(col: string, p: Pattern, fold: boolean): string {
    if (typeof p === 'string') return `${col} = ${lit(p)}${fold ? ' COLLATE NOCASE' : ''}`;
    // LIKE is ASCII case-insensitive; GLOB adds the case where bosswatch keeps it
    const like = `${col} LIKE ${lit(nameGlobToLike(p.glob))} ${LIKE_ESCAPE}`;
    return fold ? like : `${like} AND ${col} GLOB ${lit(nameGlobToGlob(p.glob))}`;
  }

  private name(kind: string, p: Pattern, tables: [string, string][], fold = this.ci) {
    const v = patternValue(p);
    if (this.nul(kind, v)) return;
    this.indicators++;
    for (const [table, col] of tables) this.add(kind, v, table, col, this.nameWhere(col, p, fold));
  }

  /** A program name without a path: the process name, or the last part of the program's path (as bosswatch reads both). */
  private processName(n: string) {
    const eq = `name = ${lit(n)}${this.ci ? ' COLLATE NOCASE' : ''}`;
    this.add('processes', n, 'processes', 'path', eq);
    const tail = `path LIKE ${lit(`%${likeLiteral(this.sep + n)}`)} ${LIKE_ESCAPE}`;
    this.add('processes', n, 'processes', 'path', this.ci ? tail : `${tail} AND path GLOB ${lit(`*${globLiteral(this.sep + n)}`)}`);
  }

  private eq(col: string, p: string): string {
    return `${col} = ${lit(p)}${this.ci ? ' COLLATE NOCASE' : ''}`;
  }

  /** `col` starts with `prefix` (LIKE with ESCAPE; GLOB adds case on macOS and Linux). */
  private startsWith(col: string, prefix: string): string {
    const like = `${col} LIKE ${lit(`${likeLiteral(prefix)}%`)} ${LIKE_ESCAPE}`;
    return this.ci ? like : `${like} AND ${col} GLOB ${lit(`${globLiteral(prefix)}*`)}`;
  }

  /** `col` matches a path glob exactly as bosswatch's automaton does (union of GLOB forms, separator count pinned). */
  private globMatch(col: string, glob: string, inside: boolean): string {
    const { patterns, singleLevel, separators } = pathGlobToGlobs(glob, this.sep, this.ci);
    const subject = this.ci ? `lower(${col})` : col;
    const forms = patterns.map((g) => `${subject} GLOB ${lit(g)}`);
    const exact = forms.length === 1 ? forms[0] : `(${forms.join(' OR ')})`;
    const pinned = singleLevel ? `${exact} AND ${separatorCount(col, this.sep, separators)}` : exact;
    if (!inside) return pinned;
    // inside a folder glob: GLOB's `*` may cross a separator here, one deliberate looseness (docs/export.md)
    const within = patterns.map((g) => `${subject} GLOB ${lit(`${g}${globLiteral(this.sep)}*`)}`);
    return `((${pinned}) OR ${within.length === 1 ? within[0] : `(${within.join(' OR ')})`})`;
  }

  /** A command line that starts with a path glob, quoted or not, then arguments (GLOB's `*` may cross separators here). */
  private commandGlob(col: string, glob: string, folder: boolean): string {
    const { patterns } = pathGlobToGlobs(glob, this.sep, this.ci);
    const subject = this.ci ? `lower(ltrim(${col}, '"'))` : `ltrim(${col}, '"')`;
    const tails = folder ? [globLiteral(this.sep) + '*'] : ['', '"*', ' *'];
    const forms = patterns.flatMap((g) => tails.map((t) => `${subject} GLOB ${lit(g + t)}`));
    return `(${forms.join(' OR ')})`;
  }

  /**
   * A path indicator: a process path (one file) or a `paths` entry (a file or folder, and anything inside it).
   * Every concrete form it stands for (%ProgramFiles%, ~, %APPDATA% over every home) is checked in every table
   * that has paths: the file itself (`file`), running programs, services and launchd jobs, installed programs, apps.
   */
  private filePath(kind: string, value: string, raw: string, glob: boolean, folder: boolean, name?: string) {
    for (const e of expandRulePath(raw, this.platform)) {
      // the matcher's rule for a per-user copy (src/match): only when the app's or folder's name carries the product's
      if (!alternateCounts(this.rule, e)) continue;
      const isGlob = glob || e.glob;
      const path = isGlob ? (this.ci ? e.path.replace(/\//g, '\\') : e.path) : cleanPath(e.path, this.platform);
      const match = (col: string) => {
        if (isGlob) return this.globMatch(col, path, folder);
        return folder ? `(${this.eq(col, path)} OR ${this.startsWith(col, path + this.sep)})` : this.eq(col, path);
      };
      // command lines and ImagePaths: the path quoted or followed by arguments
      const command = (col: string) => {
        if (isGlob) return this.commandGlob(col, path, folder);
        const p = folder ? path + this.sep : path;
        const forms = folder
          ? [this.startsWith(col, p), this.startsWith(col, `"${p}`)]
          : [this.eq(col, p), this.startsWith(col, `"${p}"`), this.startsWith(col, `${p} `)];
        return `(${forms.map((f) => `(${f})`).join(' OR ')})`;
      };
      // the file table: osquery needs a path constraint (= or a LIKE it can expand on disk)
      if (!isGlob) this.add(kind, value, 'file', 'path', this.eq('path', path));
      else {
        const like = pathGlobToFileLike(path, this.sep);
        if (like === undefined) this.skip(kind, value, 'file-glob');
        else this.add(kind, value, 'file', 'path', `path LIKE ${lit(like)} AND ${this.globMatch('path', path, false)}`);
      }
      const nameCheck =
        name && !folder
          ? ` AND (name = ${lit(name)}${this.ci ? ' COLLATE NOCASE' : ''} OR path LIKE ${lit(`%${likeLiteral(this.sep + name)}`)} ${LIKE_ESCAPE})`
          : '';
      this.add(kind, value, 'processes', 'path', `${match('path')}${nameCheck}`);
      if (this.platform === 'windows') {
        this.add(kind, value, 'services', 'path', command('path'));
        this.add(kind, value, 'services', 'module_path', match('module_path'));
        if (folder) this.add(kind, value, 'programs', 'install_location', match(`rtrim(install_location, '\\')`));
        this.add(kind, value, 'programs', 'uninstall_string', command('uninstall_string'));
      } else if (this.platform === 'macos') {
        this.add(kind, value, 'launchd', 'program', match('program'));
        this.add(kind, value, 'launchd', 'program_arguments', command('program_arguments'));
        this.add(kind, value, 'launchd', 'path', match('path'));
        this.add(kind, value, 'apps', 'path', match('path'));
        this.add(kind, value, 'apps', `path || '/Contents/MacOS/' || bundle_executable`, match(`path || '/Contents/MacOS/' || bundle_executable`));
      } else {
        this.add(kind, value, 'systemd_units', 'fragment_path', match('fragment_path'));
      }
    }
  }
}

/** The osquery pack (https://osquery.readthedocs.io/en/stable/deployment/configuration/#packs). */
export interface OsqueryPack {
  queries: Record<string, { query: string; interval: number; description: string; platform: OsqueryPlatform; removed: boolean }>;
}

export const DEFAULT_INTERVAL = 3600;

export function describeQuery(q: ExportQuery): string {
  const missing = new Map<string, number>();
  for (const s of q.notExpressed) missing.set(s.kind, (missing.get(s.kind) ?? 0) + 1);
  const not = [...missing].map(([k, n]) => `${k} (${n})`).join(', ');
  return (
    `bosswatch rule ${q.rule} (${q.productName}) on ${q.platform}: a row names the indicator that matched. ` +
    `${q.indicators} indicators checked` +
    (not ? `; not checked here: ${not} (see docs/export.md)` : '') +
    (q.product !== q.rule ? `; bosswatch reports it as ${q.product}` : '')
  );
}

export function osqueryPack(result: ExportResult, interval = DEFAULT_INTERVAL): OsqueryPack {
  const queries: OsqueryPack['queries'] = {};
  for (const q of result.queries) {
    queries[q.name] = { query: `${q.sql};`, interval, description: describeQuery(q), platform: q.osqueryPlatform, removed: true };
  }
  return { queries };
}
