import { describe, expect, it } from 'vitest';
import { createFilesCollector, expandHome } from '../../../src/collectors/macos/files.js';
import { globToRegExp } from '../../../src/match/glob.js';

const SEG = { path: true, caseInsensitive: false };
import { createHostCollector, parseSystemVersion, SYSTEM_VERSION_PLIST } from '../../../src/collectors/macos/host.js';
import { execTable, fixtureBuf, makeCtx, memFs } from './helpers.js';

describe('files collector', () => {
  const fs = memFs(
    {
      '/Applications/tmagent.app/Contents/Info.plist': 'x',
      '/usr/local/teramind/agent/bin/tmsysd': 'x',
      '/Users/alex/Library/Application Support/Hubstaff/config': 'x',
      '/Users/maria/Library/Application Support/Hubstaff/': '',
      '/Users/bob': { error: 'EACCES' },
      '/Library/Application Support/ActivTrak/2.1.0/svc': 'x',
      '/Library/Application Support/ActivTrak/2.2.0/svc': 'x',
      '/Library/Application Support/Other/2.0/svc': 'x',
      '/opt/deep/a/b/c/agent.conf': 'x',
    },
    { '/Library/LaunchDaemons/link.plist': '/nowhere' },
  );

  it('keeps only rule paths that exist, expands ~ and /Users/* for every account, and walks globs', async () => {
    const ctx = makeCtx(execTable({}), {
      elevated: true,
      rulePaths: {
        exact: ['/Applications/tmagent.app', '/usr/local/teramind/agent/bin/tmsysd', '/Applications/Missing.app', '/Library/LaunchDaemons/link.plist'],
        globs: [
          '/Users/*/Library/Application Support/Hubstaff',
          '~/Library/Application Support/Hubstaff/config',
          '/Library/Application Support/ActivTrak/*/svc',
          '/opt/**/agent.conf',
          '/var/root/Library/Application Support/Hubstaff',
        ],
      },
    });
    const r = await createFilesCollector({ fs }).collect(ctx);
    expect(r.tables.files).toEqual([
      { path: '/Applications/tmagent.app', type: 'directory' },
      { path: '/Library/Application Support/ActivTrak/2.1.0/svc', glob: '/Library/Application Support/ActivTrak/*/svc' },
      { path: '/Library/Application Support/ActivTrak/2.2.0/svc', glob: '/Library/Application Support/ActivTrak/*/svc' },
      { path: '/Library/LaunchDaemons/link.plist', type: 'symlink' },
      { path: '/Users/alex/Library/Application Support/Hubstaff', glob: '/Users/*/Library/Application Support/Hubstaff' },
      { path: '/Users/alex/Library/Application Support/Hubstaff/config', glob: '/Users/alex/Library/Application Support/Hubstaff/config' },
      { path: '/Users/maria/Library/Application Support/Hubstaff', glob: '/Users/*/Library/Application Support/Hubstaff' },
      { path: '/opt/deep/a/b/c/agent.conf', glob: '/opt/**/agent.conf' },
      { path: '/usr/local/teramind/agent/bin/tmsysd', type: 'file' },
    ]);
    expect(r.coverage[0]).toMatchObject({ source: 'macos/files', table: 'files', status: 'partial' });
    expect(r.coverage[0].reason).toContain('/Users/bob');
  });

  it('without sudo, a refused /var/root is expected: partial with one plain note, not a list of root paths', async () => {
    const fs2 = memFs({ '/Users/alex/': '', '/var/root': { error: 'EACCES' } });
    const r = await createFilesCollector({ fs: fs2 }).collect(makeCtx(execTable({}), { rulePaths: { exact: [], globs: ['/var/root/Library/Application Support/Hubstaff'] } }));
    expect(r.coverage).toEqual([{ source: 'macos/files', table: 'files', status: 'partial', code: 'files-sudo', reason: "running with sudo also checks other users' folders" }]);
  });

  it('ok when everything could be checked', async () => {
    const r = await createFilesCollector({ fs: memFs({ '/Users/alex/': '' }) }).collect(makeCtx(execTable({}), { rulePaths: { exact: ['/Applications/x.app'], globs: [] } }));
    expect(r).toEqual({ tables: { files: [] }, coverage: [{ source: 'macos/files', table: 'files', status: 'ok' }] });
  });

  it('helpers: ~ expansion and glob segments', () => {
    expect(expandHome('~/Library/X', ['/Users/a', '/var/root'])).toEqual(['/Users/a/Library/X', '/var/root/Library/X']);
    expect(expandHome('/Library/X', ['/Users/a'])).toEqual(['/Library/X']);
    expect(globToRegExp('tm*.app', SEG).test('tmagent.app')).toBe(true);
    expect(globToRegExp('tm?.app', SEG).test('tmx.app')).toBe(true);
    expect(globToRegExp('a.b', SEG).test('axb')).toBe(false);
  });
});

describe('host collector', () => {
  it('reads SystemVersion.plist (XML and binary)', () => {
    const want = { os_version: 'macOS 14.5 (23F79)', product_version: '14.5', build: '23F79' };
    expect(parseSystemVersion(fixtureBuf('host/SystemVersion_macos14.5_23F79.plist'))).toEqual(want);
    expect(parseSystemVersion(fixtureBuf('host/SystemVersion_macos14.5_23F79.binary.plist'))).toEqual(want);
  });

  it('fills host with version, hostname and arch; detects an Intel Node under Rosetta', async () => {
    const fs = memFs({ [SYSTEM_VERSION_PLIST]: fixtureBuf('host/SystemVersion_macos14.5_23F79.plist') });
    const arm = await createHostCollector({ fs, hostname: () => 'alex-mbp', arch: () => 'arm64' }).collect(makeCtx(execTable({})));
    expect(arm).toEqual({
      tables: {},
      coverage: [],
      host: { platform: 'macos', os_version: 'macOS 14.5 (23F79)', product_version: '14.5', build: '23F79', hostname: 'alex-mbp', arch: 'arm64' },
    });
    const exec = execTable({ '/usr/sbin/sysctl -n hw.optional.arm64': { stdout: '1\n' } });
    const rosetta = await createHostCollector({ fs, hostname: () => 'h', arch: () => 'x64' }).collect(makeCtx(exec));
    expect(rosetta.host).toMatchObject({ arch: 'arm64', rosetta: true });
    const intel = await createHostCollector({ fs, hostname: () => 'h', arch: () => 'x64' }).collect(makeCtx(execTable({ '/usr/sbin/sysctl -n hw.optional.arm64': { code: 1, stderr: 'unknown oid' } })));
    expect(intel.host?.arch).toBe('x86_64');
  });

  it('partial when SystemVersion.plist is unreadable', async () => {
    const r = await createHostCollector({ fs: memFs({}), hostname: () => 'h', arch: () => 'arm64' }).collect(makeCtx(execTable({})));
    expect(r.host?.os_version).toMatch(/^macOS \(Darwin /);
    expect(r.coverage[0]).toMatchObject({ source: 'macos/host', table: 'host', status: 'partial' });
  });
});
