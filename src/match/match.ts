import type { Snapshot, TableName } from '../snapshot/schema.js';
import { cleanPath, extractPaths } from '../platform/index.js';
import { bundleExecutable } from '../platform/macos.js';
import { type Entry, type GlobEntry, type MatchIndex, normHost, normName, normRegistry, registryViews, uninstallKeyOf } from './index.js';
import { displayNameStem, programKey } from './names.js';
import { STRENGTH_ORDER, type Evidence, type Finding, type RuntimeRule } from './types.js';

const WHAT: Record<TableName, string> = {
  processes: 'running program',
  services: 'service or background job',
  packages: 'installed package',
  apps: 'installed app',
  autostart: 'starts automatically',
  drivers: 'driver or system extension',
  files: 'file or folder present',
  registry: 'registry key present',
  browser_extensions: 'browser extension',
  permissions: 'privacy permission record',
  network: 'network lookup or connection',
  device_access: 'input device opened',
  input_devices: 'input device',
  settings: 'setting',
  certificates: 'certificate',
  event_taps: 'event tap',
  media_streams: 'media stream',
};

// Where in a row a path was seen, in plain words (table.field); other fields use the table's words.
const WHAT_FIELD: Record<string, string> = {
  'services.path': "a service's program file",
  'services.command': "a service's command line",
  'services.plist': 'a launchd job file',
  'autostart.path': 'a program that starts automatically',
  'autostart.command': 'a command that starts automatically',
  'autostart.plist': 'a launchd job file',
  'autostart.embedded_in': 'the app that carries a background job',
  'packages.install_location': "an installed package's folder",
  'packages.display_icon': "an installed program's icon file",
  'packages.uninstall_string': "an installed program's uninstaller",
  'packages.quiet_uninstall_string': "an installed program's uninstaller",
  'packages.uninstall_key': "an installed program's Uninstall entry",
  'apps.executable': "an installed app's program",
  'network.path': 'the program behind a network connection',
  'permissions.client': 'a program holding a privacy permission',
};

// When one item matches several indicators, the most specific one explains it best (a program before its folder).
const SPECIFIC: Record<string, number> = {
  processes: 0, services: 1, launchd: 1, bundle_ids: 2, packages: 3, drivers: 4, signers: 5, browser_extensions: 6,
  autostart: 7, registry: 8, paths: 9, agent_domains: 10, website_domains: 11, os_component: 12,
};

// Code-unit order of the case-folded names (then as written): localeCompare's order for ASCII letters and digits
// ('eHorus' beside 'EHR', not after 'Zoho'), without starting ICU's collator.
const codeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const byCodeUnit = (a: string, b: string) => codeUnit(a.toLowerCase(), b.toLowerCase()) || codeUnit(a, b);

class Collector {
  private byRule = new Map<RuntimeRule, Map<string, Evidence>>();

  add(e: Entry, table: TableName, row: number, item: string, field?: string) {
    let ev = this.byRule.get(e.rule);
    if (!ev) this.byRule.set(e.rule, (ev = new Map()));
    const key = `${table}\0${row}\0${e.kind}\0${e.value}`;
    if (!ev.has(key)) {
      const what = (field && WHAT_FIELD[`${table}.${field}`]) || WHAT[table];
      const evidence: Evidence = { table, row, item, indicator: { kind: e.kind, value: e.value }, strength: e.strength, what };
      if (field) evidence.field = field;
      ev.set(key, evidence);
    }
  }

  findings(): Finding[] {
    // rules of one family (shared files) give one finding, under the rule that names the family
    const families = new Map<string, RuntimeRule[]>();
    for (const rule of this.byRule.keys()) {
      const fam = rule.family ?? rule.id;
      const list = families.get(fam);
      if (list) list.push(rule);
      else families.set(fam, [rule]);
    }
    const out: Finding[] = [];
    for (const [fam, members] of families) {
      const head = members.find((r) => r.id === fam) ?? [...members].sort((a, b) => byCodeUnit(a.id, b.id))[0];
      const seen = new Set<string>();
      const evidence = members
        .flatMap((r) => [...this.byRule.get(r)!.values()])
        .filter((e) => {
          const k = `${e.table}\0${e.row}\0${e.indicator.kind}\0${e.indicator.value}`;
          return seen.has(k) ? false : (seen.add(k), true);
        })
        .sort((a, b) => STRENGTH_ORDER[b.strength] - STRENGTH_ORDER[a.strength] || SPECIFIC[a.indicator.kind] - SPECIFIC[b.indicator.kind]);
      const f: Finding = { rule: head, confidence: evidence[0].strength, evidence };
      if (members.length > 1) f.members = members.map((r) => r.id).sort();
      out.push(f);
    }
    return out;
  }
}

const basename = (p: string) => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);

const INTERPRETER = /^(sh|dash|bash|zsh|ksh|python[\d.]*|perl[\d.]*|ruby[\d.]*|node|php[\d.]*)$/;

/** The script a shell or language runtime runs: the first argument that is not an option. */
export function scriptOf(name: string, argv: readonly string[] | undefined): string | undefined {
  if (!argv || argv.length < 2 || !INTERPRETER.test(name)) return undefined;
  const first = argv[1];
  return first && !first.startsWith('-') ? first : undefined;
}

/** Matches one snapshot against a prebuilt index; cost grows with the snapshot, not with the rule count. */
export function match(snapshot: Snapshot, ix: MatchIndex): Finding[] {
  const ci = ix.caseInsensitive;
  const mac = ix.platform === 'macos';
  const out = new Collector();

  const lookup = (kind: string, value: string | undefined, table: TableName, row: number, fold = ci) => {
    if (!value) return;
    for (const e of ix.exact.get(`${kind}\0${normName(value, fold)}`) ?? []) out.add(e, table, row, value);
    const anchor = value.slice(0, 3).toLowerCase();
    for (const g of ix.nameGlobs.get(`${kind}\0${anchor}`) ?? []) if (g.re.test(value)) out.add(g, table, row, value);
  };

  const foldPath = ix.pathCaseInsensitive;
  const win = ix.platform === 'windows';
  // a path-qualified program's name: the file name on disk, so compared as paths are on the platform
  const sameProgram = (a: string, b: string) => (win ? programKey(a, true) === programKey(b, true) : foldPath ? a.toLowerCase() === b.toLowerCase() : a === b);

  const pathMatch = (raw: string | undefined, table: TableName, row: number, processName?: string, field?: string) => {
    if (!raw) return;
    const clean = cleanPath(raw, ix.platform);
    const p = foldPath ? clean.toLowerCase() : clean;
    const sep = win ? '\\' : '/';
    const accept = (e: Entry, exactHit: boolean) => {
      if (e.kind === 'processes') {
        if (!exactHit) return;
        if (e.name && table === 'processes') {
          const n = processName;
          if (!sameProgram(e.name, basename(clean)) && (!n || !sameProgram(e.name, n))) return;
        }
      } else if (!e.folder && !exactHit) return;
      out.add(e, table, row, clean, field);
    };
    for (const e of ix.paths.get(p) ?? []) accept(e, true);
    // walk up the folders: a folder indicator matches anything inside it
    for (let i = p.lastIndexOf(sep); i > 0; i = p.lastIndexOf(sep, i - 1)) {
      const parent = win && i === 2 ? p.slice(0, 3) : p.slice(0, i);
      for (const e of ix.paths.get(parent) ?? []) accept(e, false);
    }
    if (ix.pathGlobs.size) {
      const seen = new Set<string>();
      for (const seg of p.split(/[\\/]/)) {
        const s = foldPath ? seg : seg.toLowerCase();
        if (s.length < 3 || seen.has(s)) continue;
        seen.add(s);
        for (const g of ix.pathGlobs.get(s) ?? []) globAccept(g, clean, table, row, processName, field);
      }
    }
  };

  const globAccept = (g: GlobEntry, clean: string, table: TableName, row: number, processName?: string, field?: string) => {
    if (!g.re.test(clean)) return;
    if (g.kind === 'processes' && g.name && table === 'processes') {
      const n = processName ?? basename(clean);
      if (!sameProgram(g.name, n) && !sameProgram(g.name, basename(clean))) return;
    }
    out.add(g, table, row, clean, field);
  };

  // Every path a command line or argument list names (quoted, with arguments, NT forms, %VAR%) is a path seen.
  const commandMatch = (raw: string | readonly string[] | undefined, table: TableName, row: number, field: string, skip?: string) => {
    if (!raw) return;
    const skipKey = skip ? cleanPath(skip, ix.platform) : undefined;
    for (const p of extractPaths(raw, ix.platform)) if (p !== skipKey) pathMatch(p, table, row, undefined, field);
  };

  // a program name with or without `.exe` on Windows; each spelling of a row is looked up once
  const programLookup = (names: (string | undefined)[], row: number) => {
    const done = new Set<string>();
    for (const n of names) {
      if (!n) continue;
      const k = programKey(n, ci);
      if (done.has(k)) continue;
      done.add(k);
      for (const e of ix.exact.get(`processes\0${k}`) ?? []) out.add(e, 'processes', row, n);
    }
  };

  snapshot.processes?.forEach((r, i) => {
    programLookup([r.name, r.path && basename(r.path), !r.path && r.argv?.[0] ? basename(r.argv[0]) : undefined], i);
    pathMatch(r.path, 'processes', i, r.name);
    // a script's process is its interpreter (/usr/bin/dash); the script itself is the first argument
    const script = scriptOf(r.name, r.argv);
    if (script) {
      programLookup([basename(script)], i);
      if (script.includes('/') || script.includes('\\')) pathMatch(script, 'processes', i, basename(script));
    }
    lookup('signers', r.signer, 'processes', i, true);
    lookup('signers', r.team_id, 'processes', i, true);
  });
  snapshot.services?.forEach((r, i) => {
    lookup('services', r.name, 'services', i);
    // some rules name a Windows service as the Services console shows it; compared whole, never in part
    if (ci && r.display_name && r.display_name.toLowerCase() !== r.name.toLowerCase()) lookup('services', r.display_name, 'services', i);
    // a SysV init script is the unit systemd generates for it (/etc/init.d/foo runs as foo.service)
    if (ix.platform === 'linux' && !r.name.includes('.')) lookup('services', `${r.name}.service`, 'services', i);
    if (mac) lookup('launchd', r.name, 'services', i, true);
    pathMatch(r.path, 'services', i, undefined, 'path');
    commandMatch(r.command, 'services', i, 'command', r.path);
    pathMatch(r.plist, 'services', i, undefined, 'plist');
    lookup('signers', r.signer, 'services', i, true);
    lookup('signers', r.team_id, 'services', i, true);
  });
  snapshot.packages?.forEach((r, i) => {
    lookup('packages', r.name, 'packages', i);
    // an Uninstall DisplayName often carries the version or bitness the rule leaves out ("Hubstaff 1.6.22")
    const stem = ci ? displayNameStem(r.name, r.version) : undefined;
    if (stem) {
      const whole = new Set((ix.exact.get(`packages\0${r.name.toLowerCase()}`) ?? []).map((e) => e.rule));
      for (const e of ix.exact.get(`packages\0${stem.toLowerCase()}`) ?? []) if (!whole.has(e.rule)) out.add(e, 'packages', i, r.name);
    }
    // dpkg-query's ${binary:Package} names a multi-arch package with its architecture (libfoo:amd64)
    if (ix.platform === 'linux' && /^[a-z0-9][a-z0-9+.-]*:[a-z0-9-]+$/.test(r.name)) lookup('packages', r.name.slice(0, r.name.indexOf(':')), 'packages', i);
    if (mac) lookup('bundle_ids', r.name, 'packages', i, true);
    pathMatch(r.install_location, 'packages', i, undefined, 'install_location');
    commandMatch(r.display_icon, 'packages', i, 'display_icon');
    commandMatch(r.uninstall_string, 'packages', i, 'uninstall_string');
    commandMatch(r.quiet_uninstall_string, 'packages', i, 'quiet_uninstall_string');
  });
  snapshot.apps?.forEach((r, i) => {
    lookup('bundle_ids', r.bundle_id, 'apps', i, true);
    pathMatch(r.path, 'apps', i, undefined, 'path');
    if (r.path && r.executable) pathMatch(mac ? bundleExecutable(r.path, r.executable) : r.executable, 'apps', i, undefined, 'executable');
    lookup('signers', r.signer, 'apps', i, true);
    lookup('signers', r.team_id, 'apps', i, true);
  });
  snapshot.autostart?.forEach((r, i) => {
    lookup('autostart', r.name, 'autostart', i);
    if (mac) lookup('launchd', r.name, 'autostart', i, true);
    pathMatch(r.path, 'autostart', i, undefined, 'path');
    commandMatch(r.command, 'autostart', i, 'command', r.path);
    pathMatch(r.plist, 'autostart', i, undefined, 'plist');
    pathMatch(r.embedded_in, 'autostart', i, undefined, 'embedded_in');
    lookup('signers', r.team_id, 'autostart', i, true);
  });
  snapshot.drivers?.forEach((r, i) => {
    lookup('drivers', r.name, 'drivers', i);
    // Windows lists a driver by service name (kbdclass) while rules may name its file (kbdclass.sys)
    if (r.path && basename(r.path) !== r.name) lookup('drivers', basename(r.path), 'drivers', i);
    // macOS system extensions carry the developer's Team ID, which rules list under signers
    lookup('signers', r.team_id, 'drivers', i, true);
    if (mac) lookup('bundle_ids', r.name, 'drivers', i, true);
    pathMatch(r.path, 'drivers', i, undefined, 'path');
  });
  snapshot.files?.forEach((r, i) => pathMatch(r.path, 'files', i));
  // A key proves the indicators naming it (and, for registry rows, those naming a key above it), in the first of its
  // spellings that a rule names: one piece of evidence per rule and row, however many spellings the rule lists.
  const keyMatch = (key: string, table: TableName, row: number, within: boolean, field?: string, skip?: ReadonlySet<string>) => {
    const done = new Set<RuntimeRule>();
    for (const k of registryViews(normRegistry(key, true))) {
      if (skip?.has(k)) {
        // already shown by a registry row of that very key: the rules it proves are not proved twice
        for (const e of ix.registry.get(k) ?? []) done.add(e.rule);
        for (const seg of new Set(k.split('\\'))) for (const g of ix.registryGlobs.get(seg) ?? []) if (g.re.test(k)) done.add(g.rule);
        continue;
      }
      const hits: Entry[] = [...(ix.registry.get(k) ?? [])];
      if (within) for (let j = k.lastIndexOf('\\'); j > 0; j = k.lastIndexOf('\\', j - 1)) hits.push(...(ix.registry.get(k.slice(0, j)) ?? []));
      if (ix.registryGlobs.size) {
        // globs match in folder mode; a package's key must be the glob's whole match, not a key below one it names
        const parent = k.slice(0, Math.max(0, k.lastIndexOf('\\')));
        for (const seg of new Set(k.split('\\'))) for (const g of ix.registryGlobs.get(seg) ?? []) if (g.re.test(k) && (within || !g.re.test(parent))) hits.push(g);
      }
      const now = new Set<RuntimeRule>();
      for (const e of hits) if (!done.has(e.rule)) (out.add(e, table, row, key, field), now.add(e.rule));
      for (const r of now) done.add(r);
    }
  };
  snapshot.registry?.forEach((r, i) => keyMatch(r.key, 'registry', i, true));
  // an Uninstall entry seen as a package is its key seen: the standard user's view, when the registry collector missed it
  if (ix.platform === 'windows' && snapshot.packages?.length) {
    const seenKeys = new Set<string>();
    for (const r of snapshot.registry ?? []) {
      for (const key of r.actual_key ? [r.key, r.actual_key] : [r.key]) for (const k of registryViews(normRegistry(key, true))) seenKeys.add(k);
    }
    snapshot.packages.forEach((r, i) => {
      const key = uninstallKeyOf(r.uninstall_key, r.scope);
      if (key) keyMatch(key, 'packages', i, false, 'uninstall_key', seenKeys);
    });
  }
  snapshot.browser_extensions?.forEach((r, i) => lookup('browser_extensions', r.id, 'browser_extensions', i, true));
  snapshot.permissions?.forEach((r, i) => {
    lookup('bundle_ids', r.client, 'permissions', i, true);
    lookup('signers', r.team_id, 'permissions', i, true);
    if (r.client.startsWith('/') || /^[a-z]:\\/i.test(r.client)) pathMatch(r.client, 'permissions', i, undefined, 'client');
  });
  snapshot.network?.forEach((r, i) => {
    pathMatch(r.path, 'network', i, undefined, 'path');
    if (!r.host) return;
    const h = normHost(r.host);
    // a website is named exactly (with or without www.); that beats a wildcard agent domain of the same rule
    const site = new Set<RuntimeRule>();
    for (const key of h.startsWith('www.') ? [h, h.slice(4)] : [h]) {
      for (const e of ix.domains.get(key) ?? []) {
        if (e.kind === 'website_domains') site.add(e.rule);
        else if (key !== h) continue;
        out.add(e, 'network', i, r.host);
      }
    }
    for (let j = h.indexOf('.'); j > 0; j = h.indexOf('.', j + 1)) {
      for (const e of ix.domainSuffixes.get(h.slice(j + 1)) ?? []) if (!site.has(e.rule)) out.add(e, 'network', i, r.host);
    }
  });

  // programs using a Windows component's name outside its folder: a behaviour (src/detect), not a product
  const findings = out.findings();
  return findings.sort(
    (a, b) => STRENGTH_ORDER[b.confidence] - STRENGTH_ORDER[a.confidence] || byCodeUnit(a.rule.name, b.rule.name),
  );
}
