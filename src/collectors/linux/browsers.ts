import { collectBrowserExtensions } from '../shared/browsers.js';
import type { Collector, CollectorResult } from '../types.js';
import { homeDirs } from './homes.js';
import { reason } from '../shared/reason.js';

// Chromium policy folders: https://chromium.googlesource.com/chromium/src/+/main/docs/enterprise/policies.md (Linux)
export const browsersCollector: Collector = {
  id: 'linux/browsers',
  tables: ['browser_extensions'],
  async collect(ctx): Promise<CollectorResult> {
    const homes = homeDirs(ctx.home, ctx.elevated);
    const under = (...rel: string[]) => homes.flatMap((h) => rel.map((r) => `${h}/${r}`));
    const result = collectBrowserExtensions(this.id, {
      chromium: {
        chrome: under('.config/google-chrome'),
        chromium: under('.config/chromium', 'snap/chromium/common/chromium'),
        edge: under('.config/microsoft-edge'),
        brave: under('.config/BraveSoftware/Brave-Browser'),
      },
      chromiumPolicies: {
        chrome: ['/etc/opt/chrome/policies/managed'],
        chromium: ['/etc/chromium/policies/managed', '/etc/chromium-browser/policies/managed'],
        edge: ['/etc/opt/edge/policies/managed'],
        brave: ['/etc/brave/policies/managed'],
      },
      firefox: under('.mozilla/firefox', 'snap/firefox/common/.mozilla/firefox'),
      firefoxPolicies: ['/etc/firefox/policies/policies.json', '/usr/lib/firefox/distribution/policies.json', '/usr/lib/firefox-esr/distribution/policies.json'],
    }, ctx.elevated ? [...homes, '/etc', '/usr', '/opt', '/snap'] : undefined);
    if (!ctx.elevated) {
      const own = { source: this.id, table: 'browser_extensions' as const, status: 'partial' as const, ...reason('own-browsers-only') };
      result.coverage = [own, ...result.coverage.filter((c) => c.status !== 'ok')];
    }
    return result;
  },
};
