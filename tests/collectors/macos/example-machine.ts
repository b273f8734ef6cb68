import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, fixtureBuf } from './helpers.js';

type Plist = string | number | boolean | Date | Plist[] | { [k: string]: Plist };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function toXml(v: Plist, indent: string): string {
  const i2 = `${indent}\t`;
  if (typeof v === 'string') return `${indent}<string>${esc(v)}</string>`;
  if (typeof v === 'number') return Number.isInteger(v) ? `${indent}<integer>${v}</integer>` : `${indent}<real>${v}</real>`;
  if (typeof v === 'boolean') return `${indent}<${v}/>`;
  if (v instanceof Date) return `${indent}<date>${v.toISOString().replace(/\.\d{3}Z$/, 'Z')}</date>`;
  if (Array.isArray(v)) return `${indent}<array>\n${v.map((x) => toXml(x, i2)).join('\n')}\n${indent}</array>`;
  const body = Object.entries(v).map(([k, x]) => `${i2}<key>${esc(k)}</key>\n${toXml(x, i2)}`);
  return `${indent}<dict>\n${body.join('\n')}\n${indent}</dict>`;
}

/** Serialises to the XML plist layout Apple's tools write. */
export function plistXml(v: Plist): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n${toXml(v, '')}\n</plist>\n`;
}

const info = (id: string, version: string, build: string, exe: string, extra: Record<string, Plist> = {}) =>
  plistXml({ CFBundleExecutable: exe, CFBundleIdentifier: id, CFBundleName: exe, CFBundlePackageType: 'APPL', CFBundleShortVersionString: version, CFBundleVersion: build, ...extra });

const job = (j: Record<string, Plist>) => plistXml(j);

const receipt = (id: string, version: string, prefix: string, date: string, file: string) =>
  plistXml({ InstallDate: new Date(date), InstallPrefixPath: prefix, InstallProcessName: 'installer', PackageFileName: file, PackageIdentifier: id, PackageVersion: version });

const HOME = '/Users/alex';

function cleanFiles(): Record<string, string | Uint8Array> {
  return {
    '/System/Library/CoreServices/SystemVersion.plist': fixtureBuf('host/SystemVersion_macos14.5_23F79.plist'),
    '/Users/Shared/': '',
    [`${HOME}/Library/Preferences/`]: '',
    '/Applications/Safari.app/Contents/Info.plist': info('com.apple.Safari', '17.5', '19618.2.12.11.6', 'Safari'),
    '/Applications/Google Chrome.app/Contents/Info.plist': info('com.google.Chrome', '125.0.6422.142', '6422.142', 'Google Chrome'),
    '/Applications/Microsoft Teams.app/Contents/Info.plist': info('com.microsoft.teams2', '24124.1412.2911.3341', '24124.1412.2911.3341', 'MSTeams', { CFBundleName: 'Microsoft Teams' }),
    '/Applications/Microsoft Outlook.app/Contents/Info.plist': info('com.microsoft.Outlook', '16.85', '16.85.24051214', 'Microsoft Outlook'),
    '/Applications/Microsoft Word.app/Contents/Info.plist': info('com.microsoft.Word', '16.85', '16.85.24051214', 'Microsoft Word'),
    '/Applications/OneDrive.app/Contents/Info.plist': info('com.microsoft.OneDrive', '24.086.0428', '24.086.0428.0003', 'OneDrive'),
    '/Applications/Slack.app/Contents/Info.plist': info('com.tinyspeck.slackmacgap', '4.38.125', '438000125', 'Slack'),
    '/Applications/zoom.us.app/Contents/Info.plist': info('us.zoom.xos', '6.0.11 (35001)', '6.0.11.35001', 'zoom.us'),
    '/Applications/Microsoft Excel.app/Contents/Info.plist': info('com.microsoft.Excel', '16.85', '16.85.24051214', 'Microsoft Excel'),
    '/Applications/Microsoft PowerPoint.app/Contents/Info.plist': info('com.microsoft.Powerpoint', '16.85', '16.85.24051214', 'Microsoft PowerPoint'),
    '/Applications/Microsoft OneNote.app/Contents/Info.plist': info('com.microsoft.onenote.mac', '16.85', '16.85.24051214', 'Microsoft OneNote'),
    '/Applications/1Password.app/Contents/Info.plist': info('com.1password.1password', '8.10.30', '8.10.30', '1Password'),
    '/Applications/Firefox.app/Contents/Info.plist': info('org.mozilla.firefox', '126.0.1', '126.0.1', 'firefox', { CFBundleName: 'Firefox' }),
    '/Applications/Keynote.app/Contents/Info.plist': info('com.apple.iWork.Keynote', '14.0', '14.0', 'Keynote'),
    '/Applications/Numbers.app/Contents/Info.plist': info('com.apple.iWork.Numbers', '14.0', '14.0', 'Numbers'),
    '/Applications/Pages.app/Contents/Info.plist': info('com.apple.iWork.Pages', '14.0', '14.0', 'Pages'),
    '/Library/LaunchDaemons/us.zoom.ZoomDaemon.plist': job({ Label: 'us.zoom.ZoomDaemon', Program: '/Library/PrivilegedHelperTools/us.zoom.ZoomDaemon', RunAtLoad: true, KeepAlive: true }),
    '/Library/LaunchDaemons/com.microsoft.autoupdate.helper.plist': job({
      Label: 'com.microsoft.autoupdate.helper',
      Program: '/Library/PrivilegedHelperTools/com.microsoft.autoupdate.helper',
      MachServices: { 'com.microsoft.autoupdate.helper': true },
    }),
    '/Library/LaunchDaemons/com.microsoft.office.licensingV2.helper.plist': job({
      Label: 'com.microsoft.office.licensingV2.helper',
      Program: '/Library/PrivilegedHelperTools/com.microsoft.office.licensingV2.helper',
      MachServices: { 'com.microsoft.office.licensingV2.helper': true },
    }),
    '/Library/LaunchDaemons/com.microsoft.OneDriveStandaloneUpdaterDaemon.plist': job({
      Label: 'com.microsoft.OneDriveStandaloneUpdaterDaemon',
      Program: '/Applications/OneDrive.app/Contents/StandaloneUpdaterDaemon.xpc/Contents/MacOS/StandaloneUpdaterDaemon',
      MachServices: { 'com.microsoft.OneDriveStandaloneUpdaterDaemon': true },
    }),
    '/Library/LaunchDaemons/com.microsoft.OneDriveUpdaterDaemon.plist': job({
      Label: 'com.microsoft.OneDriveUpdaterDaemon',
      Program: '/Applications/OneDrive.app/Contents/OneDriveUpdaterDaemon.xpc/Contents/MacOS/OneDriveUpdaterDaemon',
      MachServices: { 'com.microsoft.OneDriveUpdaterDaemon': true },
    }),
    '/Library/LaunchDaemons/com.google.keystone.daemon.plist': job({
      Label: 'com.google.keystone.daemon',
      ProgramArguments: ['/Library/Google/GoogleSoftwareUpdate/GoogleSoftwareUpdate.bundle/Contents/Helpers/GoogleSoftwareUpdateDaemon'],
      MachServices: { 'com.google.Keystone.Daemon.UpdateEngine': true, 'com.google.Keystone.Daemon.Administration': true },
    }),
    '/Library/LaunchDaemons/com.google.GoogleUpdater.wake.system.plist': job({
      Label: 'com.google.GoogleUpdater.wake.system',
      ProgramArguments: ['/Library/Application Support/Google/GoogleUpdater/Current/GoogleUpdater.app/Contents/MacOS/GoogleUpdater', '--wake-all', '--system'],
      StartInterval: 3600,
    }),
    '/Library/LaunchAgents/com.microsoft.SyncReporter.plist': job({
      Label: 'com.microsoft.SyncReporter',
      ProgramArguments: ['/Applications/OneDrive.app/Contents/SyncReporter.app/Contents/MacOS/SyncReporter'],
      StartInterval: 86400,
    }),
    '/Library/LaunchAgents/com.microsoft.update.agent.plist': job({
      Label: 'com.microsoft.update.agent',
      ProgramArguments: [
        '/Library/Application Support/Microsoft/MAU2.0/Microsoft AutoUpdate.app/Contents/MacOS/Microsoft Update Assistant.app/Contents/MacOS/Microsoft Update Assistant',
        '--launchByAgent',
      ],
      StartInterval: 7200,
    }),
    '/Library/LaunchAgents/com.microsoft.OneDriveStandaloneUpdater.plist': job({
      Label: 'com.microsoft.OneDriveStandaloneUpdater',
      ProgramArguments: ['/Applications/OneDrive.app/Contents/StandaloneUpdater.app/Contents/MacOS/OneDriveStandaloneUpdater'],
      StartInterval: 86400,
    }),
    [`${HOME}/Library/LaunchAgents/com.google.keystone.agent.plist`]: job({
      Label: 'com.google.keystone.agent',
      ProgramArguments: [
        `${HOME}/Library/Google/GoogleSoftwareUpdate/GoogleSoftwareUpdate.bundle/Contents/Resources/GoogleSoftwareUpdateAgent.app/Contents/MacOS/GoogleSoftwareUpdateAgent`,
        '-runMode',
        'ifneeded',
      ],
      RunAtLoad: true,
      StartInterval: 3523,
    }),
    [`${HOME}/Library/LaunchAgents/com.google.GoogleUpdater.wake.plist`]: job({
      Label: 'com.google.GoogleUpdater.wake',
      ProgramArguments: [`${HOME}/Library/Application Support/Google/GoogleUpdater/Current/GoogleUpdater.app/Contents/MacOS/GoogleUpdater`, '--wake-all'],
      StartInterval: 3600,
    }),
    '/var/db/receipts/us.zoom.pkg.videomeeting.plist': fixtureBuf('pkgutil/receipts/us.zoom.pkg.videomeeting.plist'),
    '/var/db/receipts/com.microsoft.teams2.plist': receipt('com.microsoft.teams2', '24124.1412.2911.3341', 'Applications', '2024-05-13T07:41:02Z', 'MicrosoftTeams.pkg'),
    '/var/db/receipts/com.microsoft.OneDrive.plist': receipt('com.microsoft.OneDrive', '24.086.0428', 'Applications', '2024-05-13T07:44:51Z', 'OneDrive.pkg'),
    '/var/db/receipts/com.microsoft.package.Microsoft_Outlook.app.plist': receipt('com.microsoft.package.Microsoft_Outlook.app', '16.85.24051214', 'Applications', '2024-05-14T06:10:33Z', 'Microsoft_Outlook.pkg'),
    '/var/db/receipts/com.microsoft.package.Microsoft_Word.app.plist': receipt('com.microsoft.package.Microsoft_Word.app', '16.85.24051214', 'Applications', '2024-05-14T06:08:12Z', 'Microsoft_365_and_Office_16.85.24051214_Installer.pkg'),
    '/var/db/receipts/com.microsoft.package.Microsoft_Excel.app.plist': receipt('com.microsoft.package.Microsoft_Excel.app', '16.85.24051214', 'Applications', '2024-05-14T06:08:12Z', 'Microsoft_365_and_Office_16.85.24051214_Installer.pkg'),
    '/var/db/receipts/com.microsoft.package.Microsoft_PowerPoint.app.plist': receipt('com.microsoft.package.Microsoft_PowerPoint.app', '16.85.24051214', 'Applications', '2024-05-14T06:08:12Z', 'Microsoft_365_and_Office_16.85.24051214_Installer.pkg'),
    '/var/db/receipts/com.microsoft.package.Microsoft_OneNote.app.plist': receipt('com.microsoft.package.Microsoft_OneNote.app', '16.85.24051214', 'Applications', '2024-05-14T06:08:12Z', 'Microsoft_365_and_Office_16.85.24051214_Installer.pkg'),
    '/var/db/receipts/com.1password.1password.plist': receipt('com.1password.1password', '8.10.30', 'Applications', '2024-04-22T12:03:55Z', '1Password.pkg'),
    // Placeholders so the TCC collector sees the databases; sqlite3 reads the real files built by the test.
    '/Library/Application Support/com.apple.TCC/TCC.db': 'sqlite',
    [`${HOME}/Library/Application Support/com.apple.TCC/TCC.db`]: 'sqlite',
  };
}

function monitoredExtraFiles(): Record<string, string | Uint8Array> {
  return {
    '/usr/local/teramind/agent/bin/tmsysd': 'binary',
    '/Applications/tmagent.app/Contents/MacOS/tmagent': 'binary',
    '/Applications/Hubstaff.app/Contents/Info.plist': info('com.netsoft.Hubstaff', '1.6.24', '4321', 'Hubstaff'),
    [`${HOME}/Library/Application Support/Hubstaff/`]: '',
    [`${HOME}/Library/Preferences/com.netsoft.Hubstaff.plist`]: plistXml({}),
    '/usr/local/jamf/bin/jamf': 'binary',
    '/Library/Application Support/JAMF/': '',
    '/Library/Preferences/com.jamfsoftware.jamf.plist': plistXml({ jss_url: 'https://jss.example-corp.com:8443/' }),
    '/Library/LaunchDaemons/com.jamfsoftware.task.1.plist': job({
      Label: 'com.jamfsoftware.task.1',
      ProgramArguments: ['/usr/local/jamf/bin/jamf', 'policy', '-randomDelaySeconds', '300'],
      StartInterval: 900,
      UserName: 'root',
    }),
    '/Applications/Self Service.app/Contents/Info.plist': info('com.jamfsoftware.selfservice.mac', '11.5.0', '11.5.0-t1715103125', 'Self Service'),
    '/Applications/Microsoft Defender.app/Contents/Info.plist': info('com.microsoft.wdav', '101.26062.0009', '101.26062.0009', 'Microsoft Defender'),
  };
}

const text = (rel: string) => readFileSync(path.join(FIXTURES, 'example', rel), 'utf8');

/** clean/X, plus monitored/X replacing it or monitored/X.append extending it. */
function output(kind: 'clean' | 'monitored', name: string): string {
  const base = text(`clean/${name}`);
  if (kind === 'clean') return base;
  if (existsSync(path.join(FIXTURES, 'example/monitored', name))) return text(`monitored/${name}`);
  if (existsSync(path.join(FIXTURES, 'example/monitored', `${name}.append`))) return base + text(`monitored/${name}.append`);
  return base;
}

export interface ExampleMachine {
  files: Record<string, string | Uint8Array>;
  symlinks: Record<string, string>;
  /** Standard output of a command that exits 0, or its whole result. */
  commands: Record<string, string | { stdout: string; stderr: string; code: number }>;
  tcc: { system: string; user: string };
  elevated: boolean;
  home: string;
  hostname: string;
  rulePaths: { exact: string[]; globs: string[] };
}

const NO_TRUST_SETTINGS = { stdout: '', stderr: readFileSync(path.join(FIXTURES, 'trust/dump-trust-settings_no-trust-settings.stderr.txt'), 'utf8'), code: 1 };

/** A fictional macOS 14 Sonoma laptop (user alex); command outputs come from tests/fixtures/macos/example (see SOURCES.md there). */
export function exampleMachine(kind: 'clean' | 'monitored'): ExampleMachine {
  const profilesShow = kind === 'clean' ? text('clean/profiles_show.txt') : text('monitored/profiles_show.plist');
  return {
    // the Background Task Management folder exists on macOS 13+ (its content needs root)
    files: { '/private/var/db/com.apple.backgroundtaskmanagement/': '', ...(kind === 'clean' ? cleanFiles() : { ...cleanFiles(), ...monitoredExtraFiles() }) },
    symlinks: kind === 'clean' ? {} : { '/usr/local/bin/mdatp': '/Applications/Microsoft Defender.app/Contents/MacOS/wdavdaemon' },
    commands: {
      '/bin/ps -axww -o pid=,ppid=,user=,args=': output(kind, 'ps_args.txt'),
      '/bin/ps -axww -o pid=,comm=': output(kind, 'ps_comm.txt'),
      '/bin/launchctl list': output(kind, 'launchctl_list.txt'),
      // CONSTRUCTED in the macOS 13+ form (see SOURCES.md): Screen Sharing off on the clean Mac, on on the monitored one
      '/bin/launchctl print-disabled system': `disabled services = {\n\t"com.apple.screensharing" => ${kind === 'clean' ? 'disabled' : 'enabled'}\n}\n`,
      '/usr/bin/systemextensionsctl list': output(kind, 'systemextensionsctl_list.txt'),
      '/usr/bin/kmutil showloaded --list-only': output(kind, 'kmutil_showloaded.txt'),
      '/usr/sbin/pkgutil --pkgs': output(kind, 'pkgutil_pkgs.txt'),
      '/usr/bin/profiles status -type enrollment': output(kind, 'profiles_status.txt'),
      '/usr/bin/profiles show -output stdout-xml': profilesShow,
      // no proxy and no added trust on either example Mac (see tests/fixtures/macos/proxy and trust/SOURCES.md)
      '/usr/sbin/scutil --proxy': readFileSync(path.join(FIXTURES, 'proxy/scutil-proxy_no-proxy_DERIVED.txt'), 'utf8'),
      '/usr/bin/security dump-trust-settings -d': NO_TRUST_SETTINGS,
      '/usr/bin/security dump-trust-settings': NO_TRUST_SETTINGS,
    },
    tcc: { system: output(kind, 'tcc_system.sql'), user: output(kind, 'tcc_user.sql') },
    // The clean scan runs as the user (Terminal has Full Disk Access); the monitored one with sudo.
    elevated: kind === 'monitored',
    home: kind === 'monitored' ? '/var/root' : HOME,
    hostname: 'Alexs-MacBook-Pro.local',
    rulePaths: JSON.parse(text('rule_paths_macos_rules_2026-11-23.json')) as { exact: string[]; globs: string[] },
  };
}
