import { describe, expect, it } from 'vitest';
import { expandRulePath, extractPaths } from '../../src/platform/index.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { rule, run, snap } from './helpers.js';

// Single artefacts as real machines spell them (issue #7), each alone, and their look-alikes.
const hub = rule('hubstaff', {
  windows: { processes: [{ name: 'HubstaffClient.exe', path: 'C:\\Program Files\\Hubstaff\\HubstaffClient.exe' }], paths: ['C:\\Program Files\\Hubstaff'] },
  macos: { paths: ['/Library/LaunchDaemons/com.hubstaff.agent.plist'] },
  linux: { processes: [{ path: '/opt/Hubstaff/HubstaffClient' }], paths: ['/snap/hubstaff/current/bin/hubstaff', '/var/lib/flatpak/app/com.hubstaff.Hubstaff'] },
});
const ids = (platform: 'windows' | 'macos' | 'linux', tables: Partial<Snapshot>) => run([hub], snap(platform, tables)).map((f) => `${f.rule.id}:${f.confidence}`);
const pkg = (fields: Record<string, string>) => ({ packages: [{ name: 'Something', source: 'windows-uninstall', ...fields }] });

describe('Windows Uninstall entries, services and tasks', () => {
  it('InstallLocation quoted or with a trailing backslash, DisplayIcon "file",0 / file,-101, an Inno uninstaller, an 8.3 or \\??\\ ImagePath', () => {
    for (const tables of [
      pkg({ install_location: '"C:\\Program Files\\Hubstaff\\"' }),
      pkg({ install_location: 'C:\\Program Files\\Hubstaff\\' }),
      pkg({ display_icon: '"C:\\Program Files\\Hubstaff\\HubstaffClient.exe",0' }),
      pkg({ display_icon: 'C:\\Program Files\\Hubstaff\\HubstaffClient.exe,-101' }),
      pkg({ uninstall_string: '"C:\\Program Files\\Hubstaff\\unins000.exe" /SILENT' }),
      { services: [{ name: 'x', command: 'C:\\PROGRA~1\\Hubstaff\\HubstaffClient.exe -service' }] },
      { services: [{ name: 'x', command: '"\\??\\C:\\Program Files\\Hubstaff\\HubstaffClient.exe"' }] },
      { autostart: [{ kind: 'scheduled-task', name: 'x', command: 'cmd.exe /c start "" "C:\\Program Files\\Hubstaff\\HubstaffClient.exe"' }] },
    ] as Partial<Snapshot>[]) expect(ids('windows', tables), JSON.stringify(tables)).toEqual(['hubstaff:high']);
  });

  it('not MsiExec /X{GUID} alone, a look-alike folder, or an installer in Downloads', () => {
    for (const tables of [
      pkg({ uninstall_string: 'MsiExec.exe /X{7A3C2F3E-1111-2222-3333-444455556666}' }),
      pkg({ display_icon: '"C:\\Program Files\\Hubstaff Notes\\notes.exe",0', install_location: 'C:\\Program Files\\Hubstaff Notes\\' }),
      pkg({ uninstall_string: '"C:\\Users\\ann\\Downloads\\Hubstaff\\HubstaffClient.exe" /uninstall' }),
    ] as Partial<Snapshot>[]) expect(ids('windows', tables), JSON.stringify(tables)).toEqual([]);
  });
});

describe('macOS launchd jobs', () => {
  it('a job whose plist file is named otherwise is its Label (the rule names <label>.plist)', () => {
    expect(ids('macos', { services: [{ name: 'com.hubstaff.agent', plist: '/Library/LaunchDaemons/hubstaff.plist' }] })).toEqual(['hubstaff:high']);
    expect(ids('macos', { autostart: [{ kind: 'launchd-daemon', name: 'com.hubstaff.agent', path: '/Library/LaunchDaemons/hubstaff.plist' }] })).toEqual(['hubstaff:high']);
  });
  it('not another label, nor a plist named like the label in another folder', () => {
    expect(ids('macos', { services: [{ name: 'com.hubstaff.agent.helper', plist: '/Library/LaunchDaemons/com.hubstaff.agent.helper.plist' }] })).toEqual([]);
    expect(ids('macos', { services: [{ name: 'com.example.other', plist: '/Users/ann/Downloads/com.hubstaff.agent.plist' }] })).toEqual([]);
  });
});

describe('Linux autostart, snap and flatpak', () => {
  it('Exec= through env or a shell command string', () => {
    expect(extractPaths('sh -c "sleep 5 && /opt/Hubstaff/HubstaffClient --minimized"', 'linux')).toEqual(['/opt/Hubstaff/HubstaffClient']);
    expect(extractPaths("env GDK_BACKEND=x11 /bin/bash -c '/opt/Hubstaff/HubstaffClient'", 'linux')).toEqual(['/bin/bash', '/opt/Hubstaff/HubstaffClient']);
    // a quoted argument of a program that is no shell stays one path (a macOS bundle path with spaces)
    expect(extractPaths(['/usr/bin/open', '-c', '/Applications/Foo App.app'], 'macos')).toEqual(['/usr/bin/open', '/Applications/Foo App.app']);
    for (const command of ['env GDK_BACKEND=x11 /opt/Hubstaff/HubstaffClient --minimized', 'sh -c "sleep 5 && /opt/Hubstaff/HubstaffClient"', "bash -c '/opt/Hubstaff/HubstaffClient --x'"]) {
      expect(ids('linux', { autostart: [{ kind: 'xdg-autostart', name: 'hub.desktop', command }] }), command).toEqual(['hubstaff:high']);
    }
    expect(ids('linux', { autostart: [{ kind: 'xdg-autostart', name: 'x.desktop', command: 'sh -c "echo /opt/Hubstaff/HubstaffClient-notes"' }] })).toEqual([]);
  });

  it('/snap/X/current is the installed revision (/snap/X/123), and only in that snap', () => {
    expect(expandRulePath('/snap/hubstaff/current/bin/hubstaff', 'linux')).toContainEqual({ path: '/snap/hubstaff/*/bin/hubstaff', glob: true, alternate: true });
    expect(ids('linux', { processes: [{ pid: 3, name: 'hubstaff', path: '/snap/hubstaff/123/bin/hubstaff' }] })).toEqual(['hubstaff:high']);
    for (const path of ['/snap/hubstaff-notes/123/bin/hubstaff', '/snap/other/123/bin/hubstaff', '/snap/hubstaff/123/bin/hubstaff-cli'])
      expect(ids('linux', { processes: [{ pid: 3, name: 'x', path }] }), path).toEqual([]);
  });

  it('a flatpak app system-wide (/var/lib/flatpak) or for one user (~/.local/share/flatpak), not a look-alike id', () => {
    expect(ids('linux', { files: [{ path: '/home/ann/.local/share/flatpak/app/com.hubstaff.Hubstaff/current' }] })).toEqual(['hubstaff:high']);
    expect(expandRulePath('~/.local/share/flatpak/app/com.x.Y', 'linux').map((e) => e.path)).toEqual(['/home/*/.local/share/flatpak/app/com.x.Y', '/root/.local/share/flatpak/app/com.x.Y', '/var/lib/flatpak/app/com.x.Y']);
    for (const path of ['/home/ann/.local/share/flatpak/app/com.hubstaff.HubstaffNotes', '/home/ann/Downloads/flatpak/app/com.hubstaff.Hubstaff'])
      expect(ids('linux', { files: [{ path }] }), path).toEqual([]);
  });
});
