import type { AppRow } from '../../snapshot/schema.js';
import type { Collector } from '../types.js';
import { readSignatures, signatureCoverage } from './codesign.js';
import { isDict, parsePlist, str } from './plist.js';
import { basename, byString, coverage, defaultFs, isDenied, isMissing, joinPath, listHomes, type MacFs } from './util.js';
import { joinReasons, maybeReasons, reason, reasonsOf, why, type Reason } from '../shared/reason.js';

const SOURCE = 'macos/apps';
export const APP_SIGNATURE_BUDGET = { maxCount: 120, maxTotalMs: 15_000 } as const;

/** Builds an app row from a bundle's Contents/Info.plist (XML or binary). */
export function parseAppInfoPlist(raw: string | Uint8Array, appPath: string): AppRow {
  const row: AppRow = { name: basename(appPath).replace(/\.app$/i, ''), path: appPath };
  const info = parsePlist(raw);
  if (!isDict(info)) return row;
  const id = str(info.CFBundleIdentifier);
  if (id) row.bundle_id = id;
  const short = str(info.CFBundleShortVersionString)?.trim();
  const build = str(info.CFBundleVersion)?.trim();
  const version = short || build;
  if (version) row.version = version;
  if (build && short && build !== short) row.build = build;
  const display = str(info.CFBundleDisplayName) ?? str(info.CFBundleName);
  if (display && display !== row.name) row.display_name = display;
  const exe = str(info.CFBundleExecutable);
  if (exe) row.executable = `${appPath}/Contents/MacOS/${exe}`;
  // Apps without a Dock icon or menu (agents) are worth flagging: monitoring agents often run this way.
  if (info.LSUIElement === true || info.LSUIElement === '1' || info.LSBackgroundOnly === true) row.background = true;
  return row;
}

interface Scan {
  apps: AppRow[];
  denied: string[];
  unreadable: string[];
}

async function readApp(fs: MacFs, appPath: string, scan: Scan): Promise<void> {
  try {
    scan.apps.push(parseAppInfoPlist(await fs.readFile(`${appPath}/Contents/Info.plist`), appPath));
  } catch (e) {
    // A bundle without a readable Info.plist still tells us the app is there.
    scan.apps.push({ name: basename(appPath).replace(/\.app$/i, ''), path: appPath });
    if (!isMissing(e)) scan.unreadable.push(appPath);
  }
}

/** Lists *.app in `dir`, and with `depth` 1 also in its non-app subfolders (e.g. /Applications/Utilities). */
async function scanDir(fs: MacFs, dir: string, depth: number, scan: Scan): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir);
  } catch (e) {
    if (isDenied(e)) scan.denied.push(dir);
    return;
  }
  const jobs: Promise<void>[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = joinPath(dir, e.name);
    if (/\.app$/i.test(e.name) && (e.isDirectory || e.isSymlink)) jobs.push(readApp(fs, p, scan));
    else if (depth > 0 && e.isDirectory) jobs.push(scanDir(fs, p, depth - 1, scan));
  }
  await Promise.all(jobs);
}

export function createAppsCollector(deps: { fs?: MacFs } = {}): Collector {
  const fs = deps.fs ?? defaultFs;
  return {
    id: SOURCE,
    tables: ['apps'],
    async collect(ctx) {
      const scan: Scan = { apps: [], denied: [], unreadable: [] };
      const { homes } = await listHomes(fs, ctx);
      await Promise.all([
        scanDir(fs, '/Applications', 1, scan),
        ...homes.map((h) => scanDir(fs, `${h.home}/Applications`, 1, scan)),
        scanDir(fs, '/Library', 0, scan),
        scanDir(fs, '/Library/Application Support', 1, scan),
      ]);
      // Same bundle reached twice (symlinked folders) is reported once.
      const seen = new Set<string>();
      const apps = scan.apps
        .filter((a) => (seen.has(a.path!) ? false : (seen.add(a.path!), true)))
        .sort((a, b) => byString(a.path!, b.path!));
      const some = (l: string[]) => l.slice(0, 5).join(', ') + (l.length > 5 ? ', …' : '');
      const problems: Reason[] = [
        ...(scan.denied.length ? [why('apps-folders-denied', { count: scan.denied.length, paths: some(scan.denied) })] : []),
        ...(scan.unreadable.length ? [why('apps-plists-unreadable', { count: scan.unreadable.length, paths: some(scan.unreadable.map((d) => `${d}/Contents/Info.plist`)) })] : []),
      ];
      const cov = problems.length ? coverage(SOURCE, 'apps', 'partial', joinReasons([...problems, why('apps-sudo')] as Reason[] as [Reason, ...Reason[]])) : coverage(SOURCE, 'apps', 'ok');
      const sigs = await readSignatures(ctx, apps.map((a) => a.path!), APP_SIGNATURE_BUDGET);
      for (const a of apps) {
        const t = sigs.byPath.get(a.path!)?.team_id;
        if (t) a.team_id = t;
      }
      return { tables: { apps }, coverage: [cov, signatureCoverage('apps', 'installed non-Apple apps', sigs)] };
    },
  };
}

export const appsCollector = createAppsCollector();
