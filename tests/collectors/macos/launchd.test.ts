import { describe, expect, it } from 'vitest';
import { applyOverrides, bundleRootOf, createLaunchdCollector, mergeLoadedJobs, parseLaunchctlList, parseLaunchdPlist, parsePrintDisabled } from '../../../src/collectors/macos/launchd.js';
import { execTable, fixture, fixtureBuf, makeCtx, memFs } from './helpers.js';

const OSQUERY = fixtureBuf('launchd/LaunchDaemon_com.facebook.osqueryd.plist');
const SANTAD = fixtureBuf('launchd/LaunchDaemon_com.google.santad.plist');
const SANTAD_BIN = fixtureBuf('launchd/LaunchDaemon_com.google.santad.binary.plist');
const SYNC = fixtureBuf('launchd/LaunchDaemon_com.google.santa.syncservice.plist');
const MUNKI = fixtureBuf('launchd/LaunchDaemon_com.googlecode.munki.managedsoftwareupdate-check.plist');
const LIST26 = fixture('launchd/launchctl_list_user_domain_macos26_2026-07.txt');

describe('parseLaunchdPlist (real shipped plists)', () => {
  it('Program key form (osqueryd): KeepAlive + RunAtLoad, Disabled false', () => {
    expect(parseLaunchdPlist(OSQUERY, '/Library/LaunchDaemons/com.facebook.osqueryd.plist', 'launchd-daemon')).toEqual({
      service: { name: 'com.facebook.osqueryd', kind: 'launchd-daemon', start: 'auto', plist: '/Library/LaunchDaemons/com.facebook.osqueryd.plist', path: '/usr/local/bin/osqueryd' },
      autostart: {
        kind: 'launchd-daemon',
        name: 'com.facebook.osqueryd',
        plist: '/Library/LaunchDaemons/com.facebook.osqueryd.plist',
        path: '/usr/local/bin/osqueryd',
        command: '/usr/local/bin/osqueryd',
        run_at_load: true,
        keep_alive: true,
      },
    });
  });

  it('ProgramArguments form (santad), identical from the binary plist', () => {
    const xml = parseLaunchdPlist(SANTAD, '/Library/LaunchDaemons/com.google.santad.plist', 'launchd-daemon');
    const bin = parseLaunchdPlist(SANTAD_BIN, '/Library/LaunchDaemons/com.google.santad.plist', 'launchd-daemon');
    expect(bin).toEqual(xml);
    expect(xml?.service.path).toBe('/Applications/Santa.app/Contents/Library/SystemExtensions/com.google.santa.daemon.systemextension/Contents/MacOS/com.google.santa.daemon');
    expect(xml?.autostart.command).toBe(`${xml?.service.path} --syslog`);
  });

  it('on-demand jobs (RunAtLoad/KeepAlive false, StartInterval) get start "on-demand"', () => {
    expect(parseLaunchdPlist(SYNC, '/x.plist', 'launchd-daemon')?.service.start).toBe('on-demand');
    const munki = parseLaunchdPlist(MUNKI, '/Library/LaunchDaemons/m.plist', 'launchd-daemon');
    expect(munki?.service.start).toBe('on-demand');
    expect(munki?.autostart.command).toBe('/usr/local/munki/managedsoftwareupdate --auto --quiet');
  });

  it('quotes arguments with spaces; KeepAlive dictionaries count as keep-alive; no Label -> undefined', () => {
    const xml = `<plist version="1.0"><dict><key>Label</key><string>com.microsoft.update.agent</string><key>ProgramArguments</key><array>
      <string>/Library/Application Support/Microsoft/MAU2.0/Microsoft AutoUpdate.app/Contents/MacOS/Microsoft Update Assistant.app/Contents/MacOS/Microsoft Update Assistant</string>
      <string>--launchByAgent</string></array><key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict><key>Disabled</key><true/></dict></plist>`;
    const job = parseLaunchdPlist(xml, '/Library/LaunchAgents/com.microsoft.update.agent.plist', 'launchd-agent');
    expect(job?.autostart.command).toBe('"/Library/Application Support/Microsoft/MAU2.0/Microsoft AutoUpdate.app/Contents/MacOS/Microsoft Update Assistant.app/Contents/MacOS/Microsoft Update Assistant" --launchByAgent');
    expect(job?.autostart.keep_alive).toBe(true);
    expect(job?.service.disabled).toBe(true);
    expect(parseLaunchdPlist('<plist><dict><key>Program</key><string>/x</string></dict></plist>', '/p', 'launchd-agent')).toBeUndefined();
  });
});

describe('parseLaunchctlList (real outputs)', () => {
  it('reads PID / Status / Label, "-" for no PID, negative statuses', () => {
    const rows = parseLaunchctlList(LIST26);
    expect(rows).toHaveLength(83); // 84 lines minus the header
    expect(rows[0]).toEqual({ label: 'com.apple.SafariHistoryServiceAgent', status: 0 });
    expect(rows.find((r) => r.label === 'com.apple.cloudphotod')).toEqual({ label: 'com.apple.cloudphotod', pid: 33888, status: -9 });
    expect(rows.find((r) => r.label === 'com.microsoft.wdav.tray')).toEqual({ label: 'com.microsoft.wdav.tray', pid: 779, status: 0 });
    expect(rows.find((r) => r.label === 'com.docker.mobile-relay')).toEqual({ label: 'com.docker.mobile-relay', status: 78 });
    expect(rows.find((r) => r.label.startsWith('application.com.tinyspeck'))?.pid).toBe(32147);
  });

  it('skips the "$ launchctl list" prompt and header in the 10.15-era excerpt', () => {
    const rows = parseLaunchctlList(fixture('launchd/launchctl_list_excerpt_korean_blog_macos10.15-era.txt'));
    expect(rows.map((r) => r.label)).toEqual([
      'com.apple.mdworker.shared.01000000-0300-0000-0000-000000000000',
      'com.apple.trustd.agent',
      'com.apple.MailServiceAgent',
      'com.apple.mdworker.mail',
      'com.apple.appkit.xpc.ColorSampler',
      'com.apple.mdworker.shared.06000000-0200-0000-0000-000000000000',
      'com.apple.cfprefsd.xpc.agent',
      'com.apple.coreimportd',
    ]);
  });

  it('accepts space-separated rows and gives nothing for empty output', () => {
    expect(parseLaunchctlList('123   0   com.example.agent\n')).toEqual([{ label: 'com.example.agent', pid: 123, status: 0 }]);
    expect(parseLaunchctlList('')).toEqual([]);
  });

  it('merges loaded state into plist jobs and adds jobs that have no plist', () => {
    const merged = mergeLoadedJobs(
      [{ name: 'com.microsoft.wdav.tray', kind: 'launchd-agent', path: '/x' }, { name: 'com.example.idle', kind: 'launchd-daemon' }],
      parseLaunchctlList('PID\tStatus\tLabel\n779\t0\tcom.microsoft.wdav.tray\n-\t0\tcom.pieces.os.launch\n'),
    );
    expect(merged).toEqual([
      { name: 'com.microsoft.wdav.tray', kind: 'launchd-agent', path: '/x', state: 'running', pid: 779, last_exit_status: 0 },
      { name: 'com.example.idle', kind: 'launchd-daemon', state: 'unknown' },
      { name: 'com.pieces.os.launch', kind: 'launchd-job', state: 'loaded', last_exit_status: 0 },
    ]);
  });
});

describe('launchdCollector', () => {
  const fs = memFs({
    '/Library/LaunchDaemons/com.facebook.osqueryd.plist': OSQUERY,
    '/Library/LaunchDaemons/com.google.santad.plist': SANTAD_BIN,
    '/Library/LaunchDaemons/README.txt': 'not a plist',
    '/Library/LaunchAgents/com.google.santa.syncservice.plist': SYNC,
    '/Users/alex/Library/LaunchAgents/com.googlecode.munki.managedsoftwareupdate-check.plist': MUNKI,
    '/Users/alex/Library/LaunchAgents/broken.plist': '<plist><dict><key>Label</key>',
    '/Users/bob/Library/LaunchAgents': { error: 'EACCES' },
  });

  it('reads the three launchd folders for every user and merges `launchctl list`', async () => {
    const exec = execTable({ '/bin/launchctl list': { stdout: 'PID\tStatus\tLabel\n412\t0\tcom.googlecode.munki.managedsoftwareupdate-check\n-\t0\tcom.apple.Finder\n' } });
    const r = await createLaunchdCollector({ fs }).collect(makeCtx(exec));
    expect(exec.calls).toEqual([
      { file: '/bin/launchctl', args: ['list'], options: { timeoutMs: 15000 } },
      { file: '/bin/launchctl', args: ['print-disabled', 'system'], options: { timeoutMs: 15000 } },
    ]);
    expect(r.tables.services?.map((s) => [s.name, s.kind, s.state ?? null, s.user ?? null])).toEqual([
      // /Library/LaunchAgents load in this user's session, so the listing speaks for them
      ['com.google.santa.syncservice', 'launchd-agent', 'not-loaded', null],
      // without root launchctl list shows no system daemon: unknown, not stopped
      ['com.facebook.osqueryd', 'launchd-daemon', 'unknown', null],
      ['com.google.santad', 'launchd-daemon', 'unknown', null],
      ['com.googlecode.munki.managedsoftwareupdate-check', 'launchd-agent', 'running', 'alex'],
      ['com.apple.Finder', 'launchd-job', 'loaded', null],
    ]);
    expect(r.tables.autostart?.map((a) => a.name)).toEqual([
      'com.google.santa.syncservice',
      'com.facebook.osqueryd',
      'com.google.santad',
      'com.googlecode.munki.managedsoftwareupdate-check',
    ]);
    expect(r.coverage.map((c) => [c.table, c.status])).toEqual([
      ['services', 'partial'],
      ['autostart', 'partial'],
    ]);
    expect(r.coverage[0].reason).toContain('/Users/bob/Library/LaunchAgents (not allowed to list)');
    expect(r.coverage[0].reason).toContain("launchctl list without root shows only this user's session, so whether 2 system daemon(s)");
    expect(r.coverage[0].reason).toContain('/Users/alex/Library/LaunchAgents/broken.plist');
  });

  it('still reports the plist jobs when launchctl is missing', async () => {
    const ok = memFs({ '/Library/LaunchDaemons/com.facebook.osqueryd.plist': OSQUERY });
    const r = await createLaunchdCollector({ fs: ok }).collect(makeCtx(execTable({})));
    expect(r.tables.services).toHaveLength(1);
    expect(r.tables.services?.[0].state).toBe('unknown');
    expect(r.coverage).toEqual([
      {
        source: 'macos/launchd',
        table: 'services',
        status: 'partial',
        reason:
          'Loaded jobs could not be listed: launchctl is not available on this Mac, so this part was skipped. Which system services are switched on or off (Screen Sharing, Remote Management, Remote Login) could not be read: launchctl print-disabled is not available on this Mac, so this part was skipped.',
        code: 'launchd-jobs-unlisted',
        more: [
          { code: 'tool-missing', params: { tool: 'launchctl' } },
          { code: 'launchd-switches-unread' },
          { code: 'tool-missing', params: { tool: 'launchctl print-disabled' } },
        ],
      },
      { source: 'macos/launchd', table: 'autostart', status: 'ok' },
    ]);
  });
});

const AIRWIKI = fixtureBuf('launchd/LaunchAgent_BundleProgram_io.github.airwiki.AirWiki.background.plist');

describe('app-embedded jobs (SMAppService) and scope of launchctl list', () => {
  it('BundleProgram (real shipped plist) is resolved inside the app bundle; ProgramArguments[0] is only the name', () => {
    const p = '/Applications/AirWiki.app/Contents/Library/LaunchAgents/io.github.airwiki.AirWiki.background.plist';
    const job = parseLaunchdPlist(AIRWIKI, p, 'launchd-agent');
    expect(job?.service.path).toBe('/Applications/AirWiki.app/Contents/MacOS/airwiki');
    expect(job?.autostart.command).toBe('/Applications/AirWiki.app/Contents/MacOS/airwiki --background');
    expect(bundleRootOf(p)).toBe('/Applications/AirWiki.app');
    // outside a bundle a relative BundleProgram names no file
    expect(parseLaunchdPlist(AIRWIKI, '/Library/LaunchAgents/x.plist', 'launchd-agent')?.service.path).toBe('airwiki');
  });

  const fs = memFs({
    '/Applications/AirWiki.app/Contents/Info.plist': '<plist><dict><key>CFBundleIdentifier</key><string>io.github.airwiki.AirWiki</string></dict></plist>',
    '/Applications/AirWiki.app/Contents/Library/LaunchAgents/io.github.airwiki.AirWiki.background.plist': AIRWIKI,
    '/Applications/Utilities/Santa.app/Contents/Library/LaunchDaemons/com.google.santad.plist': SANTAD,
    '/Applications/Docker.app/Contents/Library/LoginItems/DockerHelper.app/Contents/Info.plist':
      '<plist><dict><key>CFBundleIdentifier</key><string>com.docker.helper</string><key>CFBundleExecutable</key><string>DockerHelper</string></dict></plist>',
    '/Applications/Locked.app/Contents/Library/LaunchDaemons': { error: 'EACCES' },
    '/Users/alex/Applications/': '',
  });

  it('reads LaunchDaemons/LaunchAgents/LoginItems inside apps; as a user, embedded daemons are unknown, own agents not-loaded', async () => {
    const exec = execTable({ '/bin/launchctl list': { stdout: 'PID\tStatus\tLabel\n' } });
    const r = await createLaunchdCollector({ fs }).collect(makeCtx(exec));
    expect(r.tables.services?.map((s) => [s.name, s.kind, s.state, s.path, s.embedded_in])).toEqual([
      ['io.github.airwiki.AirWiki.background', 'launchd-agent', 'not-loaded', '/Applications/AirWiki.app/Contents/MacOS/airwiki', '/Applications/AirWiki.app'],
      [
        'com.google.santad',
        'launchd-daemon',
        'unknown',
        '/Applications/Santa.app/Contents/Library/SystemExtensions/com.google.santa.daemon.systemextension/Contents/MacOS/com.google.santa.daemon',
        '/Applications/Utilities/Santa.app',
      ],
    ]);
    expect(r.tables.autostart?.find((a) => a.kind === 'login-item')).toEqual({
      kind: 'login-item',
      name: 'com.docker.helper',
      path: '/Applications/Docker.app/Contents/Library/LoginItems/DockerHelper.app/Contents/MacOS/DockerHelper',
      embedded_in: '/Applications/Docker.app',
    });
    expect(r.coverage[0]).toMatchObject({ table: 'services', status: 'partial' });
    expect(r.coverage[0].reason).toContain('/Applications/Locked.app/Contents/Library/LaunchDaemons (not allowed to list)');
    expect(r.coverage[0].reason).toContain('whether 1 system daemon(s)');
  });

  it('as root the listing covers daemons (not-loaded) but not the users\' agents (unknown)', async () => {
    const exec = execTable({ '/bin/launchctl list': { stdout: 'PID\tStatus\tLabel\n' } });
    const r = await createLaunchdCollector({ fs }).collect(makeCtx(exec, { elevated: true }));
    expect(r.tables.services?.map((s) => [s.name, s.state])).toEqual([
      ['io.github.airwiki.AirWiki.background', 'unknown'],
      ['com.google.santad', 'not-loaded'],
    ]);
    expect(r.coverage[0].reason).toContain("Run as root, launchctl list shows the system's jobs but not the users' sessions");
  });

  it('mergeLoadedJobs: a listed job is running/loaded whatever its domain', () => {
    const rows = mergeLoadedJobs([{ name: 'a', kind: 'launchd-daemon' }], [{ label: 'a', pid: 7 }], { listed: true, elevated: false });
    expect(rows).toEqual([{ name: 'a', kind: 'launchd-daemon', state: 'running', pid: 7 }]);
  });
});

describe('launchctl print-disabled (enable/disable overrides, Screen Sharing)', () => {
  it('reads the real pre-Ventura true/false form and ignores the login item associations block', () => {
    const m = parsePrintDisabled(fixture('launchd/launchctl_print-disabled_user501_ninehills_issue85_2021.txt'));
    expect(m.size).toBe(15);
    expect(m.get('com.oray.sunlogin.desktopagent')).toBe(true);
    expect(m.get('com.docker.helper')).toBe(false);
    expect(m.has('version.com.docker.helper')).toBe(false);
  });

  it('reads the macOS 13+ disabled/enabled form; Screen Sharing gets a service row saying whether it is switched on', () => {
    const m = parsePrintDisabled('disabled services = {\n\t"com.apple.screensharing" => enabled\n\t"com.openssh.sshd" => disabled\n}\n');
    const rows = applyOverrides([{ name: 'com.openssh.sshd', kind: 'launchd-daemon' }], m);
    expect(rows).toEqual([
      { name: 'com.openssh.sshd', kind: 'launchd-daemon', disabled: true },
      { name: 'com.apple.screensharing', kind: 'launchd-daemon', disabled: false, plist: '/System/Library/LaunchDaemons/com.apple.screensharing.plist' },
    ]);
  });

  it('the collector applies the overrides; when print-disabled fails coverage says the switches are unknown', async () => {
    const ok = memFs({ '/Library/LaunchDaemons/com.facebook.osqueryd.plist': OSQUERY });
    const exec = execTable({
      '/bin/launchctl list': { stdout: 'PID\tStatus\tLabel\n' },
      '/bin/launchctl print-disabled system': { stdout: 'disabled services = {\n\t"com.facebook.osqueryd" => disabled\n\t"com.apple.screensharing" => enabled\n}\n' },
    });
    const r = await createLaunchdCollector({ fs: ok }).collect(makeCtx(exec));
    expect(r.tables.services?.map((s) => [s.name, s.disabled, s.state])).toEqual([
      ['com.facebook.osqueryd', true, 'unknown'],
      ['com.apple.screensharing', false, 'unknown'],
    ]);
    const bad = await createLaunchdCollector({ fs: ok }).collect(makeCtx(execTable({ '/bin/launchctl list': { stdout: 'PID\tStatus\tLabel\n' }, '/bin/launchctl print-disabled system': { code: 1, stderr: 'Unrecognized target specifier.\n' } })));
    expect(bad.coverage[0].reason).toContain('Which system services are switched on or off (Screen Sharing, Remote Management, Remote Login) could not be read');
  });
});
