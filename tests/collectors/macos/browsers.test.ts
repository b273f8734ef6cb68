import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBrowsersCollector, parseChromePolicyExtensions, parseChromePolicyPlist, parseSafariAppex } from '../../../src/collectors/macos/browsers.js';
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
      { browser: 'edge', id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', forced: true, installation_mode: 'forcelist' },
    ]);
  });
});

const SETTINGS = readFileSync(new URL('../../fixtures/macos/browsers/chrome_ExtensionSettings_fragment_admin_notes_DERIVED.plist', import.meta.url));
const SAFARI_APPEX = readFileSync(new URL('../../fixtures/macos/browsers/safari_web_extension_Info.plist_bitwarden_source.plist', import.meta.url));

describe('managed ExtensionSettings and Safari extensions', () => {
  it('ExtensionSettings: force_installed and normal_installed ids are installed by policy; "*", allowed and blocked are not', () => {
    expect(parseChromePolicyExtensions(SETTINGS)).toEqual([
      { id: 'ghbmnnjooekpmoecnnnilnnbdlolhkhi', mode: 'force_installed' },
      { id: 'lpcaedmchfhocbbapmcbpinfpgnhiddi', mode: 'normal_installed' },
    ]);
    // one entry may name several ids, comma-separated (Chrome's policy schema)
    const multi = '<plist><dict><key>ExtensionSettings</key><dict><key>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb</key><dict><key>installation_mode</key><string>force_installed</string></dict></dict></dict></plist>';
    expect(parseChromePolicyExtensions(multi).map((e) => e.id)).toEqual(['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb']);
  });

  it('a Safari web extension is an .appex declaring com.apple.Safari.web-extension (real Info.plist, Xcode variables unexpanded)', () => {
    expect(parseSafariAppex(SAFARI_APPEX, '/Applications/Bitwarden.app/Contents/PlugIns/safari.appex')).toEqual({
      browser: 'safari',
      id: '/Applications/Bitwarden.app/Contents/PlugIns/safari.appex',
      name: 'Bitwarden',
      forced: false,
      path: '/Applications/Bitwarden.app/Contents/PlugIns/safari.appex',
    });
    // built: the bundle id is filled in; other extension points are not Safari's
    const built = SAFARI_APPEX.toString('utf8').replace('$(PRODUCT_BUNDLE_IDENTIFIER)', 'com.bitwarden.desktop.safari');
    expect(parseSafariAppex(built, '/x.appex')?.id).toBe('com.bitwarden.desktop.safari');
    expect(parseSafariAppex(built.replace('com.apple.Safari.web-extension', 'com.apple.share-services'), '/x.appex')).toBeUndefined();
  });

  it('collects managed Chrome ExtensionSettings and Safari extensions in apps; other accounts closed to us make coverage partial with a count', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bw-macbr2-'));
    mkdirSync(join(root, 'Library/Managed Preferences'), { recursive: true });
    writeFileSync(join(root, 'Library/Managed Preferences/com.google.Chrome.plist'), SETTINGS);
    const appex = join(root, 'Applications/Bitwarden.app/Contents/PlugIns/safari.appex/Contents');
    mkdirSync(appex, { recursive: true });
    writeFileSync(join(appex, 'Info.plist'), SAFARI_APPEX.toString('utf8').replace('$(PRODUCT_BUNDLE_IDENTIFIER)', 'com.bitwarden.desktop.safari'));
    mkdirSync(join(root, 'Users/alex/Library'), { recursive: true });
    mkdirSync(join(root, 'Users/bob/Library'), { recursive: true });
    // as a user, another account's Library is closed (EACCES); the test may run as root, so the refusal is injected
    const readdir = (d: string) => {
      if (d === join(root, 'Users/bob/Library')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      return readdirSync(d);
    };
    const c = createBrowsersCollector({ root, homes: () => ['/Users/alex', '/Users/bob'], readdir });
    const r = await c.collect(makeCtx(async () => ({ stdout: '', stderr: '', code: 0 })));
    expect(r.tables.browser_extensions).toEqual([
      { browser: 'chrome', id: 'ghbmnnjooekpmoecnnnilnnbdlolhkhi', forced: true, installation_mode: 'force_installed' },
      { browser: 'chrome', id: 'lpcaedmchfhocbbapmcbpinfpgnhiddi', forced: true, installation_mode: 'normal_installed' },
      { browser: 'safari', id: 'com.bitwarden.desktop.safari', forced: false, path: '/Applications/Bitwarden.app/Contents/PlugIns/safari.appex', name: 'Bitwarden' },
    ]);
    expect(r.coverage[0]).toMatchObject({ status: 'partial' });
    expect(r.coverage[0].reason).toContain('the browser profiles of 1 other account(s) (bob) could not be read');
  });
});
