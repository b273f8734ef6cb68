import { readdirSync } from 'node:fs';
import { readBytes } from '../shared/read.js';
import { collectBrowserExtensions, type BrowserLocations } from '../shared/browsers.js';
import type { Collector, CollectorResult } from '../types.js';
import { isDict, parsePlist } from './plist.js';

const APP_SUPPORT = 'Library/Application Support';

/** Force-installed ids from a managed-preferences plist (com.google.Chrome.plist and the like). */
export function parseChromePolicyPlist(data: Uint8Array | string): string[] {
  try {
    const p = parsePlist(data);
    if (!isDict(p)) return [];
    const list = p.ExtensionInstallForcelist;
    return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string').map((v) => v.split(';')[0].trim()) : [];
  } catch {
    return [];
  }
}

function userHomes(own: string): string[] {
  try {
    return [...new Set([own, ...readdirSync('/Users').filter((n) => n !== 'Shared' && !n.startsWith('.')).map((n) => `/Users/${n}`)])];
  } catch {
    return [own];
  }
}

/** `root` prefixes every absolute path read, so tests can point the collector at a folder of fixtures. */
export function createBrowsersCollector(opts: { root?: string; homes?: (own: string) => string[] } = {}): Collector {
  const root = opts.root ?? '';
  const homes = opts.homes ?? userHomes;
  return {
    id: 'macos/browsers',
    tables: ['browser_extensions'],
    async collect(ctx): Promise<CollectorResult> {
      const hs = homes(ctx.home).map((h) => root + h);
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
      // Chrome and Edge policies arrive on a Mac as managed preferences, per device and per user
      for (const [browser, domain] of [['chrome', 'com.google.Chrome'], ['edge', 'com.microsoft.Edge']] as const) {
        const prefs = `${root}/Library/Managed Preferences`;
        const files = [`${prefs}/${domain}.plist`, ...hs.map((h) => `${prefs}/${h.slice(h.lastIndexOf('/') + 1)}/${domain}.plist`)];
        for (const f of files) {
          let data: Buffer;
          try {
            data = readBytes(f);
          } catch {
            continue;
          }
          for (const id of parseChromePolicyPlist(data)) {
            const rows = result.tables.browser_extensions!;
            const row = rows.find((r) => r.browser === browser && r.id === id);
            if (row) row.forced = true;
            else rows.push({ browser, id, forced: true });
          }
        }
      }
      return result;
    },
  };
}

export const browsersCollector = createBrowsersCollector();
