import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBrowsersCollector, parseChromePolicyPlist } from '../../../src/collectors/macos/browsers.js';
import { makeCtx } from './helpers.js';

// Managed preferences carry the same keys as Chrome's policy list, as a plist (Chrome Enterprise macOS docs).
const POLICY = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>ExtensionInstallForcelist</key>
  <array>
    <string>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;https://clients2.google.com/service/update2/crx</string>
  </array>
</dict>
</plist>`;

describe('macOS browser extensions', () => {
  it('reads force-installed ids from a managed-preferences plist', () => {
    expect(parseChromePolicyPlist(POLICY)).toEqual(['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']);
    expect(parseChromePolicyPlist('garbage')).toEqual([]);
  });

  it('combines profile extensions with device and per-user policies', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bw-macbr-'));
    const ext = join(root, 'Users/alex/Library/Application Support/Google/Chrome/Default/Extensions/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/2.1_0');
    mkdirSync(ext, { recursive: true });
    writeFileSync(join(ext, 'manifest.json'), '{"name":"Endpoint helper","version":"2.1"}');
    mkdirSync(join(root, 'Library/Managed Preferences/alex'), { recursive: true });
    writeFileSync(join(root, 'Library/Managed Preferences/alex/com.microsoft.Edge.plist'), POLICY);
    const c = createBrowsersCollector({ root, homes: () => ['/Users/alex'] });
    const r = await c.collect(makeCtx(async () => ({ stdout: '', stderr: '', code: 0 })));
    expect(r.tables.browser_extensions).toEqual([
      { browser: 'chrome', id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', name: 'Endpoint helper', forced: false },
      { browser: 'edge', id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', forced: true },
    ]);
  });
});
