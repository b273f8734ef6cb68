import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppsCollector, parseAppInfoPlist } from '../../../src/collectors/macos/apps.js';
import { nodeFs } from '../../../src/collectors/macos/util.js';
import { execTable, fixtureBuf, makeCtx, memFs } from './helpers.js';

const AVAST_XML = fixtureBuf('apps/Info.plist_com.avast.AAFM_Avast_14.9.plist');
const AVAST_BIN = fixtureBuf('apps/Info.plist_com.avast.AAFM_Avast_14.9.binary.plist');

const AVAST_ROW = {
  name: 'Avast',
  path: '/Applications/Avast.app',
  bundle_id: 'com.avast.AAFM',
  version: '14.9',
  build: '1',
  executable: '/Applications/Avast.app/Contents/MacOS/Avast',
  background: true,
};

describe('parseAppInfoPlist (real Avast Info.plist)', () => {
  it('reads bundle id, short version, build, executable and LSUIElement from XML', () => {
    expect(parseAppInfoPlist(AVAST_XML, '/Applications/Avast.app')).toEqual(AVAST_ROW);
  });

  it('reads the same from the binary form', () => {
    expect(parseAppInfoPlist(AVAST_BIN, '/Applications/Avast.app')).toEqual(AVAST_ROW);
  });

  it('uses the folder name as the app name and keeps a different display name', () => {
    expect(parseAppInfoPlist(AVAST_XML, '/Applications/Avast Security.app')).toMatchObject({ name: 'Avast Security', display_name: 'Avast' });
  });

  it('handles a minimal plist with CFBundleVersion only', () => {
    const xml = '<plist version="1.0"><dict><key>CFBundleIdentifier</key><string>com.example.min</string><key>CFBundleVersion</key><string>42</string></dict></plist>';
    expect(parseAppInfoPlist(xml, '/Library/Min.app')).toEqual({ name: 'Min', path: '/Library/Min.app', bundle_id: 'com.example.min', version: '42' });
  });
});

describe('appsCollector', () => {
  const fs = memFs({
    '/Applications/Avast.app/Contents/Info.plist': AVAST_XML,
    '/Applications/Utilities/Avast Utility.app/Contents/Info.plist': AVAST_BIN,
    '/Applications/Vendor Folder/Inner.app/Contents/Info.plist': AVAST_XML,
    '/Applications/Vendor Folder/Deeper/TooDeep.app/Contents/Info.plist': AVAST_XML,
    '/Applications/NoPlist.app/Contents/MacOS/x': 'binary',
    '/Applications/Garbage.app/Contents/Info.plist': 'this is not a plist',
    '/Applications/.Hidden.app/Contents/Info.plist': AVAST_XML,
    '/Users/alex/Applications/Übersicht.app/Contents/Info.plist': AVAST_BIN,
    '/Users/bob/Applications': { error: 'EACCES' },
    '/Users/Shared/Applications/Shared.app/Contents/Info.plist': AVAST_XML,
    '/Library/Top.app/Contents/Info.plist': AVAST_XML,
    '/Library/Application Support/Vendor/Helper.app/Contents/Info.plist': AVAST_BIN,
  });

  it('lists apps in /Applications (+1 level), every ~/Applications, /Library and /Library/Application Support/*', async () => {
    const r = await createAppsCollector({ fs }).collect(makeCtx(execTable({})));
    expect(r.tables.apps?.map((a) => [a.path, a.bundle_id ?? null])).toEqual([
      ['/Applications/Avast.app', 'com.avast.AAFM'],
      ['/Applications/Garbage.app', null],
      ['/Applications/NoPlist.app', null],
      ['/Applications/Utilities/Avast Utility.app', 'com.avast.AAFM'],
      ['/Applications/Vendor Folder/Inner.app', 'com.avast.AAFM'],
      ['/Library/Application Support/Vendor/Helper.app', 'com.avast.AAFM'],
      ['/Library/Top.app', 'com.avast.AAFM'],
      ['/Users/alex/Applications/Übersicht.app', 'com.avast.AAFM'],
    ]);
    expect(r.tables.apps?.find((a) => a.name === 'Übersicht')?.executable).toBe('/Users/alex/Applications/Übersicht.app/Contents/MacOS/Avast');
    expect(r.coverage).toHaveLength(2);
    // no codesign in this fake: the Team IDs are said to be missing, not silently absent
    expect(r.coverage[1]).toMatchObject({ source: 'macos/codesign', table: 'apps', status: 'unavailable' });
    expect(r.coverage[0]).toMatchObject({ source: 'macos/apps', table: 'apps', status: 'partial' });
    expect(r.coverage[0].reason).toContain('could not be listed (not allowed): /Users/bob/Applications');
    expect(r.coverage[0].reason).toContain('could not be read: /Applications/Garbage.app/Contents/Info.plist');
  });

  it('is ok with nothing installed and no /Applications at all', async () => {
    const r = await createAppsCollector({ fs: memFs({}) }).collect(makeCtx(execTable({})));
    expect(r).toEqual({
      tables: { apps: [] },
      coverage: [
        { source: 'macos/apps', table: 'apps', status: 'ok' },
        { source: 'macos/codesign', table: 'apps', status: 'ok' },
      ],
    });
  });

  it('works on a real folder tree through node:fs', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bw-apps-'));
    try {
      mkdirSync(path.join(root, 'Applications/Avast.app/Contents'), { recursive: true });
      writeFileSync(path.join(root, 'Applications/Avast.app/Contents/Info.plist'), AVAST_BIN);
      mkdirSync(path.join(root, 'Users/alex'), { recursive: true });
      const r = await createAppsCollector({ fs: nodeFs(root) }).collect(makeCtx(execTable({})));
      expect(r.tables.apps).toEqual([AVAST_ROW]);
      expect(r.coverage[0].status).toBe('ok');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
