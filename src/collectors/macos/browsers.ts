import { readdirSync } from 'node:fs';
import { collectBrowserExtensions, type BrowserLocations } from '../shared/browsers.js';
import { readBytes } from '../shared/read.js';
import type { BrowserExtensionRow } from '../../snapshot/schema.js';
import type { Collector, CollectorResult } from '../types.js';
import { isDict, parsePlist, str } from './plist.js';
import { isDenied } from './util.js';
import { joinReasons, reasonsOf, why, type Reason } from '../shared/reason.js';

const APP_SUPPORT = 'Library/Application Support';
// A Chrome extension id: 32 letters a-p; ExtensionSettings may also list several ids joined by commas.
const CHROME_ID = /^[a-p]{32}$/;

export interface PolicyExtension {
  id: string;
  /** ExtensionSettings installation_mode (force_installed, normal_installed), or "forcelist". */
  mode: string;
}

/**
 * Extensions a managed-preferences plist installs (com.google.Chrome.plist, com.microsoft.Edge.plist):
 * ExtensionInstallForcelist ("id;update_url") and ExtensionSettings entries in force_installed/normal_installed mode.
 */
export function parseChromePolicyExtensions(data: Uint8Array | string): PolicyExtension[] {
  let p;
  try {
    p = parsePlist(data);
  } catch {
    return [];
  }
  if (!isDict(p)) return [];
  const out = new Map<string, PolicyExtension>();
  const list = p.ExtensionInstallForcelist;
  if (Array.isArray(list)) for (const v of list) if (typeof v === 'string' && v.trim()) out.set(v.split(';')[0].trim(), { id: v.split(';')[0].trim(), mode: 'forcelist' });
  const settings = p.ExtensionSettings;
  if (isDict(settings)) {
    for (const [key, s] of Object.entries(settings)) {
      const mode = isDict(s) ? str(s.installation_mode) : undefined;
      if (!mode || !/^(force|normal)_installed$/.test(mode)) continue;
      for (const id of key.split(',').map((x) => x.trim()).filter((x) => CHROME_ID.test(x))) out.set(id, { id, mode });
    }
  }
  return [...out.values()];
}

/** Force-installed ids from a managed-preferences plist (kept for callers that only need the ids). */
export function parseChromePolicyPlist(data: Uint8Array | string): string[] {
  return parseChromePolicyExtensions(data).map((e) => e.id);
}

// Safari extensions ship inside apps as app extensions declaring one of these extension points (Apple's Info.plist keys)
const SAFARI_POINTS = new Set(['com.apple.Safari.web-extension', 'com.apple.Safari.extension']);

/** A Safari extension from an .appex Info.plist (NSExtension.NSExtensionPointIdentifier), or undefined. */
export function parseSafariAppex(data: Uint8Array | string, appexPath: string): BrowserExtensionRow | undefined {
  let p;
  try {
    p = parsePlist(data);
  } catch {
    return undefined;
  }
  if (!isDict(p) || !isDict(p.NSExtension)) return undefined;
  const point = str(p.NSExtension.NSExtensionPointIdentifier);
  if (!point || !SAFARI_POINTS.has(point)) return undefined;
  const id = str(p.CFBundleIdentifier);
  const row: BrowserExtensionRow = { browser: 'safari', id: id && !id.startsWith('$(') ? id : appexPath, forced: false, path: appexPath };
  const name = str(p.CFBundleDisplayName) ?? str(p.CFBundleName);
  if (name && !name.startsWith('$(')) row.name = name;
  return row;
}

type Readdir = (d: string) => string[];
const lister = (readdir: Readdir) => (d: string): { names: string[]; denied: boolean } => {
  try {
    return { names: readdir(d), denied: false };
  } catch (e) {
    return { names: [], denied: isDenied(e) };
  }
};

function userHomes(own: string): string[] {
  try {
    return [...new Set([own, ...readdirSync('/Users').filter((n) => n !== 'Shared' && !n.startsWith('.')).map((n) => `/Users/${n}`)])];
  } catch {
    return [own];
  }
}

/** `root` prefixes every absolute path read, so tests can point the collector at a folder of fixtures. */
export function createBrowsersCollector(opts: { root?: string; homes?: (own: string) => string[]; readdir?: Readdir } = {}): Collector {
  const root = opts.root ?? '';
  const homes = opts.homes ?? userHomes;
  const list = lister(opts.readdir ?? ((d) => readdirSync(d)));
  return {
    id: 'macos/browsers',
    tables: ['browser_extensions'],
    async collect(ctx): Promise<CollectorResult> {
      const hs = homes(ctx.home).map((h) => root + h);
      const own = root + ctx.home.replace(/\/+$/, '');
      const under = (...rel: string[]) => hs.flatMap((h) => rel.map((r) => `${h}/${APP_SUPPORT}/${r}`));
      const loc: BrowserLocations = {
        chromium: {
          chrome: under('Google/Chrome'),
          edge: under('Microsoft Edge'),
          brave: under('BraveSoftware/Brave-Browser'),
          chromium: under('Chromium'),
        },
        chromiumPolicies: {},
        firefox: under('Firefox/Profiles'),
        firefoxPolicies: [`${root}/Applications/Firefox.app/Contents/Resources/distribution/policies.json`],
      };
      const result = collectBrowserExtensions(this.id, loc);
      const rows = result.tables.browser_extensions!;
      const problems: string[] = [];
      // Chrome and Edge policies arrive on a Mac as managed preferences, per device and per user
      for (const [browser, domain] of [['chrome', 'com.google.Chrome'], ['edge', 'com.microsoft.Edge']] as const) {
        const prefs = `${root}/Library/Managed Preferences`;
        const files = [`${prefs}/${domain}.plist`, ...hs.map((h) => `${prefs}/${h.slice(h.lastIndexOf('/') + 1)}/${domain}.plist`)];
        for (const f of files) {
          let data: Buffer;
          try {
            data = readBytes(f);
          } catch (e) {
            if (isDenied(e)) problems.push(`${f.slice(root.length)} (not readable)`);
            continue;
          }
          for (const { id, mode } of parseChromePolicyExtensions(data)) {
            const row = rows.find((r) => r.browser === browser && r.id === id);
            if (row) {
              row.forced = true;
              row.installation_mode = mode;
            } else rows.push({ browser, id, forced: true, installation_mode: mode });
          }
        }
      }
      // Safari: extensions are app extensions inside installed apps; whether each is turned on in Safari is kept in
      // Safari's own container, which is not read
      const appRoots = [`${root}/Applications`, ...hs.map((h) => `${h}/Applications`)];
      for (const ar of appRoots) {
        const apps: string[] = [];
        for (const n of list(ar).names) {
          if (n.endsWith('.app')) apps.push(`${ar}/${n}`);
          else if (!n.startsWith('.')) for (const m of list(`${ar}/${n}`).names) if (m.endsWith('.app')) apps.push(`${ar}/${n}/${m}`);
        }
        for (const app of apps) {
          for (const ax of list(`${app}/Contents/PlugIns`).names.filter((n) => n.endsWith('.appex'))) {
            const appex = `${app}/Contents/PlugIns/${ax}`;
            let data: Buffer;
            try {
              data = readBytes(`${appex}/Contents/Info.plist`);
            } catch {
              continue;
            }
            const row = parseSafariAppex(data, appex.slice(root.length));
            if (row && !rows.some((r) => r.browser === 'safari' && r.id === row.id)) rows.push(row);
          }
        }
      }
      // other accounts' browser profiles: without root they are usually closed to us
      const closed = hs.filter((h) => h !== own && list(`${h}/Library`).denied).map((h) => h.slice(h.lastIndexOf('/') + 1));
      const notes: Reason[] = [
        ...(closed.length ? [why('browsers-other-accounts', { count: closed.length, users: closed.slice(0, 5).join(', ') })] : []),
        ...(problems.length ? [why('browser-policies-unreadable', { paths: problems.slice(0, 3).join(', ') })] : []),
      ];
      if (notes.length) {
        const prev = result.coverage[0];
        const { reason: _r, code: _c, params: _p, more: _m, ...rest } = prev;
        result.coverage[0] = { ...rest, status: prev.status === 'ok' ? 'partial' : prev.status, ...joinReasons([...reasonsOf(prev), ...notes] as Reason[] as [Reason, ...Reason[]]) };
      }
      return result;
    },
  };
}

export const browsersCollector = createBrowsersCollector();
