import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPermissionStoreCollector, GvdbFormatError, parsePermissionDb } from '../../../src/collectors/linux/permission-store.js';
import type { CollectContext } from '../../../src/collectors/types.js';
import { detectBehaviours } from '../../../src/detect/index.js';
import { detectPortalPermissions } from '../../../src/detect/screen-portal-permission/index.js';
import type { Snapshot } from '../../../src/snapshot/schema.js';

const fx = (name: string) => readFileSync(new URL(`../../fixtures/linux/portal/${name}`, import.meta.url));
const snap = (tables: Partial<Snapshot>): Snapshot => ({ format: 'bosswatch-snapshot', version: 1, collected_at: '2026-12-03T10:00:00Z', host: { platform: 'linux', os_version: 'Debian 12' }, coverage: [], ...tables });
const ctx = { platform: 'linux', exec: async () => ({ stdout: '', stderr: '', code: null, error: 'ENOENT' }), env: {}, home: '/nonexistent', elevated: true, rulePaths: { exact: [], globs: [] }, registryKeys: [] } as CollectContext;

describe('permission-store GVDB files (written by xdg-permission-store 1.16)', () => {
  it('reads each saved app permission of the screencast table', () => {
    expect(parsePermissionDb(fx('flatpak-db-screencast'))).toEqual([
      { id: '5b7f1c6e-2f0a-4c1e-9d6b-0a1b2c3d4e5f', app: 'com.obsproject.Studio', permissions: ['yes'] },
      { id: '9c2d7e11-aaaa-4bbb-8ccc-ddddeeeeffff', app: 'us.zoom.Zoom', permissions: ['yes'] },
    ]);
  });

  it('reads two apps in one entry behind data longer than 255 bytes (two-byte offsets), and other tables', () => {
    expect(parsePermissionDb(fx('flatpak-db-screencast-two-apps-long-data')).map((p) => [p.app, p.permissions])).toEqual([['com.example.Recorder', ['yes']], ['org.example.Other', ['no']]]);
    expect(parsePermissionDb(fx('flatpak-db-remote-desktop')).map((p) => p.app)).toEqual(['com.example.RemoteHelper']);
    expect(parsePermissionDb(fx('flatpak-db-devices'))).toEqual([{ id: 'camera', app: 'org.gnome.Cheese', permissions: ['yes'] }]);
  });

  it('refuses anything that is not such a file, and never reads outside it', () => {
    const good = fx('flatpak-db-screencast');
    expect(() => parsePermissionDb(Buffer.from('not a database'))).toThrow(GvdbFormatError);
    expect(() => parsePermissionDb(Buffer.alloc(0))).toThrow(GvdbFormatError);
    // every truncation and every single-byte corruption either parses or throws GvdbFormatError, nothing else
    for (let n = 0; n < good.length; n++) {
      try {
        parsePermissionDb(good.subarray(0, n));
      } catch (e) {
        expect(e).toBeInstanceOf(GvdbFormatError);
      }
    }
    for (let i = 0; i < good.length; i++) {
      for (const v of [0x00, 0xff, 0x7f]) {
        const bad = Buffer.from(good);
        bad[i] = v;
        try {
          parsePermissionDb(bad);
        } catch (e) {
          expect(e, `byte ${i} = ${v}`).toBeInstanceOf(GvdbFormatError);
        }
      }
    }
  });
});

describe('portal permission collector and screen.portal-permission', () => {
  const home = mkdtempSync(join(tmpdir(), 'bw-portal-'));
  mkdirSync(join(home, '.local/share/flatpak/db'), { recursive: true });
  writeFileSync(join(home, '.local/share/flatpak/db/screencast'), fx('flatpak-db-screencast-two-apps-long-data'));
  writeFileSync(join(home, '.local/share/flatpak/db/remote-desktop'), fx('flatpak-db-remote-desktop'));

  it('keeps app and permission (not the restore token), and reports saved yes only', async () => {
    const r = await createPermissionStoreCollector({ homes: () => [home] }).collect(ctx);
    expect(r.coverage).toEqual([{ source: 'linux/portal-permissions', table: 'settings', status: 'ok' }]);
    expect(r.tables.settings).toEqual([
      { source: 'linux/portal-permissions', app: 'xdg-desktop-portal', file: join(home, '.local/share/flatpak/db/screencast'), key: 'screencast', name: 'com.example.Recorder', value: 'yes', scope: home },
      { source: 'linux/portal-permissions', app: 'xdg-desktop-portal', file: join(home, '.local/share/flatpak/db/screencast'), key: 'screencast', name: 'org.example.Other', value: 'no', scope: home },
      { source: 'linux/portal-permissions', app: 'xdg-desktop-portal', file: join(home, '.local/share/flatpak/db/remote-desktop'), key: 'remote-desktop', name: 'com.example.RemoteHelper', value: 'yes', scope: home },
    ]);
    expect(JSON.stringify(r.tables)).not.toContain('11111111-2222');
    expect(detectBehaviours(snap({ settings: r.tables.settings })).filter((b) => b.id === 'screen.portal-permission')).toHaveLength(2);
    const f = detectPortalPermissions(snap({ settings: r.tables.settings }));
    expect(f.map((b) => [b.subject.kind === 'setting' && b.subject.value, b.confidence, b.capabilities])).toEqual([
      ['com.example.Recorder', 'low', ['screen-recording']],
      ['com.example.RemoteHelper', 'medium', ['live-screen-view', 'remote-control']],
    ]);
    expect(f[0].evidence[0].item).toBe(`com.example.Recorder may share the screen again without asking (saved screen-cast permission) (${join(home, '.local/share/flatpak/db/screencast')})`);
  });

  it('is ok with no store at all, partial on a damaged file, and partial without root', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'bw-portal-none-'));
    expect((await createPermissionStoreCollector({ homes: () => [empty] }).collect(ctx)).coverage[0].status).toBe('ok');
    const bad = mkdtempSync(join(tmpdir(), 'bw-portal-bad-'));
    mkdirSync(join(bad, '.local/share/flatpak/db'), { recursive: true });
    writeFileSync(join(bad, '.local/share/flatpak/db/screencast'), 'GVariant garbage');
    const r = await createPermissionStoreCollector({ homes: () => [bad] }).collect(ctx);
    expect(r.coverage[0]).toMatchObject({ status: 'partial', reason: expect.stringContaining('is not a permission table that could be read') });
    expect(detectPortalPermissions(snap({ settings: r.tables.settings }))).toEqual([]);
    const user = await createPermissionStoreCollector().collect({ ...ctx, elevated: false, home: empty });
    expect(user.coverage[0]).toMatchObject({ status: 'partial', reason: expect.stringContaining("other users' need sudo") });
  });
});
