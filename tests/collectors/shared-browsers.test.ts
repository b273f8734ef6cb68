import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectBrowserExtensions, parseChromeManifest, parseChromePolicy, parseFirefoxExtensions, parseFirefoxPolicies } from '../../src/collectors/shared/browsers.js';

const fx = (name: string) => readFileSync(new URL(`../fixtures/linux/browsers/${name}`, import.meta.url), 'utf8');

describe('browser extension parsers', () => {
  it('reads forced extensions from Chrome policy JSON, ignoring "*" and merely allowed ones', () => {
    expect(parseChromePolicy(fx('chrome-policy-managed.json'))).toEqual([
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'abcdefghijklmnopabcdefghijklmnop',
      'echcggldkblhodogklpincgchnpgcdco',
    ]);
    expect(parseChromePolicy('not json')).toEqual([]);
  });

  it('reads Firefox add-ons, skipping built-in ones and themes, flagging policy installs', () => {
    expect(parseFirefoxExtensions(fx('firefox-extensions.json'))).toEqual([
      { id: 'marionette-popup-bug@avira.com', name: 'Marionette Popup bug', forced: false },
      { id: 'uBlock0@raymondhill.net', name: 'uBlock Origin', forced: false },
      { id: 'monitor@example-vendor.com', name: 'Policy-installed add-on', forced: true },
    ]);
  });

  it('reads Firefox policies.json and Chrome manifests', () => {
    expect(parseFirefoxPolicies('{"policies":{"ExtensionSettings":{"*":{"installation_mode":"blocked"},"x@y":{"installation_mode":"force_installed"}}}}')).toEqual(['x@y']);
    expect(parseChromeManifest('{"name":"__MSG_appName__","version":"1.2"}')).toEqual({ name: undefined, version: '1.2' });
    expect(parseChromeManifest('{"name":"Google Docs Offline","version":"1.2"}').name).toBe('Google Docs Offline');
  });

  it('walks Chromium profile folders and merges policy-forced ids', () => {
    const root = mkdtempSync(join(tmpdir(), 'bw-br-'));
    const ext = join(root, 'chrome', 'Profile 1', 'Extensions', 'echcggldkblhodogklpincgchnpgcdco', '1.0_0');
    mkdirSync(ext, { recursive: true });
    writeFileSync(join(ext, 'manifest.json'), '{"name":"Microsoft Purview Extension","version":"1.0"}');
    mkdirSync(join(root, 'chrome', 'Default', 'Extensions', 'Temp'), { recursive: true });
    mkdirSync(join(root, 'policies'));
    writeFileSync(join(root, 'policies', 'managed.json'), fx('chrome-policy-managed.json'));
    const r = collectBrowserExtensions('test', { chromium: { chrome: [join(root, 'chrome')] }, chromiumPolicies: { chrome: [join(root, 'policies')] }, firefox: [], firefoxPolicies: [] });
    expect(r.tables.browser_extensions).toContainEqual({ browser: 'chrome', id: 'echcggldkblhodogklpincgchnpgcdco', name: 'Microsoft Purview Extension', forced: true });
    expect(r.tables.browser_extensions).toHaveLength(3);
  });
});
