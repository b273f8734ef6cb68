import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPermissionStoreCollector } from '../../src/collectors/linux/permission-store.js';
import type { CollectContext } from '../../src/collectors/types.js';
import { detectPortalPermissions } from '../../src/detect/screen-portal-permission/index.js';
import type { Snapshot } from '../../src/snapshot/schema.js';

// The real permission store (xdg-desktop-portal's xdg-permission-store, driven by `flatpak permission-set` on a private
// session bus) writes a saved screen-cast permission into a temporary home; the collector finds it, and not once removed.
const have = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const STORE = '/usr/libexec/xdg-permission-store';
const linux = process.platform === 'linux';
const missing = linux ? [...['flatpak', 'dbus-run-session'].filter((t) => !have(t)), ...(existsSync(STORE) ? [] : [STORE])] : [];
const available = linux && !missing.length;
const reason = !linux ? 'not Linux' : `missing ${missing.join(', ')} (packages flatpak xdg-desktop-portal dbus-daemon)`;
if (linux && !available && process.env.CI) throw new Error(`CI must install the portal test programs: ${reason}; see .ci/run`);

describe.skipIf(!available)(`live portal permission store${available ? '' : ` (skipped: ${reason})`}`, () => {
  const home = mkdtempSync(join(tmpdir(), 'bw-portal-live-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const env = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, '.local/share') };
  const flatpak = (script: string) => {
    const r = spawnSync('dbus-run-session', ['--', 'sh', '-c', script], { env, encoding: 'utf8', timeout: 20_000 });
    if (r.status !== 0) throw new Error(`flatpak failed: ${r.stderr}`);
  };
  const ctx = { platform: 'linux', exec: async () => ({ stdout: '', stderr: '', code: null, error: 'ENOENT' }), env: {}, home, elevated: true, rulePaths: { exact: [], globs: [] }, registryKeys: [] } as CollectContext;
  const scan = async () => {
    const r = await createPermissionStoreCollector({ homes: () => [home] }).collect(ctx);
    return { coverage: r.coverage, found: detectPortalPermissions({ format: 'bosswatch-snapshot', version: 1, collected_at: new Date().toISOString(), host: { platform: 'linux', os_version: 'test' }, coverage: [], settings: r.tables.settings }) };
  };

  it('finds a saved screen-cast permission written by the real store, and not after it is removed', async () => {
    flatpak('flatpak permission-set screencast 0b0e7a3c-live-4e5f-9a0b-c1d2e3f40516 com.example.LiveRecorder yes');
    const r = await scan();
    expect(r.coverage[0].status).toBe('ok');
    expect(r.found.map((f) => [f.subject.kind === 'setting' && f.subject.value, f.capabilities])).toEqual([['com.example.LiveRecorder', ['screen-recording']]]);
    flatpak('flatpak permission-remove screencast 0b0e7a3c-live-4e5f-9a0b-c1d2e3f40516');
    expect((await scan()).found).toEqual([]);
  }, 30_000);
});
