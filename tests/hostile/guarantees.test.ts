// The scanner's promises as tests: offline (no network namespace, network APIs that throw) and read-only
// (a live scan changes nothing but the output file it was asked for).
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/bosswatch.js', import.meta.url).pathname;
const NO_NET = new URL('./no-network.mjs', import.meta.url).pathname;

const unshareWorks = spawnSync('unshare', ['-n', 'true']).status === 0;

describe('offline', () => {
  it.skipIf(!unshareWorks)('a full live scan works in a network namespace with no interfaces (unshare -n)', () => {
    const r = spawnSync('unshare', ['-n', process.execPath, BIN, 'scan', '--format', 'json'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.status);
    expect(JSON.parse(r.stdout).format).toBe('bosswatch-report');
  }, 150_000);

  it('a full live scan never calls a Node network API (each one made to throw)', () => {
    for (const args of [['scan', '--format', 'json'], ['collect']]) {
      const r = spawnSync(process.execPath, ['--import', NO_NET, BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
      expect(r.stderr).not.toMatch(/bosswatch-network-use/);
      expect([0, 1]).toContain(r.status);
    }
  }, 250_000);

  it('the network guard itself works (a test that cannot fail proves nothing)', () => {
    const r = spawnSync(process.execPath, ['--import', NO_NET, '-e', "require('node:net').connect(1, '127.0.0.1')"], { encoding: 'utf8' });
    expect(r.stderr).toMatch(/bosswatch-network-use: net.connect/);
  });
});

/** Every entry below `root` with what a write would change (not the access time, which reading updates). */
function tree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      const st = lstatSync(p);
      out.set(p, `${st.mode}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(root);
  return out;
}

describe('read-only', () => {
  it('a live scan of a prepared tree creates, changes and deletes nothing but the requested output', () => {
    const root = mkdtempSync(join(tmpdir(), 'bw-readonly-'));
    const home = join(root, 'home');
    for (const d of ['.config/autostart', '.config/systemd/user', '.config/google-chrome/Default/Extensions/abcdefghijklmnopabcdefghijklmnop/1.0', '.mozilla/firefox/x.default', 'work', 'tmp', 'out']) {
      mkdirSync(join(root, d.startsWith('.') ? `home/${d}` : d), { recursive: true });
    }
    writeFileSync(join(home, '.config/autostart/agent.desktop'), '[Desktop Entry]\nType=Application\nExec=/opt/Agent/agent --hidden\n');
    writeFileSync(join(home, '.config/systemd/user/agent.service'), '[Service]\nExecStart=/opt/Agent/agent\n');
    writeFileSync(join(home, '.config/google-chrome/Default/Extensions/abcdefghijklmnopabcdefghijklmnop/1.0/manifest.json'), '{"name":"x"}');
    writeFileSync(join(home, '.mozilla/firefox/x.default/extensions.json'), '{"addons":[]}');
    const before = tree(root);
    const out = join(root, 'out', 'report.json');
    const r = spawnSync(process.execPath, [BIN, 'scan', '--format', 'json', '--output', out], {
      cwd: join(root, 'work'),
      env: { ...process.env, HOME: home, TMPDIR: join(root, 'tmp'), XDG_CACHE_HOME: join(home, '.cache') },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect([0, 1]).toContain(r.status);
    const after = tree(root);
    const added = [...after.keys()].filter((p) => !before.has(p));
    const removed = [...before.keys()].filter((p) => !after.has(p));
    const changed = [...before.keys()].filter((p) => after.has(p) && after.get(p) !== before.get(p) && p !== join(root, 'out'));
    expect(added).toEqual([out]);
    expect(removed).toEqual([]);
    expect(changed).toEqual([]);
  }, 150_000);
});
