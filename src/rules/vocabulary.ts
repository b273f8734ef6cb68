// Plain-language vocabulary shared by the rule schema, the validator and the renderers (no zod here: hot path).
// The ids live here; their words live in the message catalogues (src/i18n), English being the reference.
import { en } from '../i18n/en.js';

export const CATEGORIES = {
  'employee-monitoring': en['category.employee-monitoring'],
  'insider-threat-dlp': en['category.insider-threat-dlp'],
  'time-tracking': en['category.time-tracking'],
  'task-mining': en['category.task-mining'],
  'classroom-monitoring': en['category.classroom-monitoring'],
  'remote-access': en['category.remote-access'],
  'keylogger-spyware': en['category.keylogger-spyware'],
  'parental-control': en['category.parental-control'],
  'security-edr': en['category.security-edr'],
  'device-management': en['category.device-management'],
  suspicious: en['category.suspicious'],
} as const;
export type Category = keyof typeof CATEGORIES;

export const CAPABILITIES = {
  keystrokes: en['capability.keystrokes'],
  'keystroke-counts': en['capability.keystroke-counts'],
  'mouse-activity': en['capability.mouse-activity'],
  screenshots: en['capability.screenshots'],
  'screen-recording': en['capability.screen-recording'],
  'live-screen-view': en['capability.live-screen-view'],
  'remote-control': en['capability.remote-control'],
  'remote-shell': en['capability.remote-shell'],
  'file-transfer': en['capability.file-transfer'],
  webcam: en['capability.webcam'],
  microphone: en['capability.microphone'],
  'app-usage': en['capability.app-usage'],
  'web-history': en['capability.web-history'],
  email: en['capability.email'],
  chat: en['capability.chat'],
  files: en['capability.files'],
  clipboard: en['capability.clipboard'],
  printing: en['capability.printing'],
  usb: en['capability.usb'],
  location: en['capability.location'],
  'idle-time': en['capability.idle-time'],
  'productivity-score': en['capability.productivity-score'],
  'screen-ocr': en['capability.screen-ocr'],
  'network-traffic': en['capability.network-traffic'],
  'login-activity': en['capability.login-activity'],
  'content-blocking': en['capability.content-blocking'],
  'behavior-alerts': en['capability.behavior-alerts'],
  'software-inventory': en['capability.software-inventory'],
  'remote-software': en['capability.remote-software'],
  'device-configuration': en['capability.device-configuration'],
  'remote-wipe': en['capability.remote-wipe'],
  'security-telemetry': en['capability.security-telemetry'],
} as const;
export type CapabilityId = keyof typeof CAPABILITIES;

export const CAPABILITY_DEFAULTS = ['on', 'configurable'] as const;
export type CapabilityDefault = (typeof CAPABILITY_DEFAULTS)[number];

export const HIDDEN_MODE = ['yes', 'no', 'unknown'] as const;

// Names that belong to the OS or are too generic to identify a product without a path or other qualifier.
export const COMMON_NAMES = new Set(
  [
    // Windows components that hidden agents imitate
    'dwm.exe', 'csrss.exe', 'services.exe', 'svchost.exe', 'lsass.exe', 'smss.exe', 'wininit.exe', 'winlogon.exe',
    'explorer.exe', 'spoolsv.exe', 'taskhost.exe', 'taskhostw.exe', 'conhost.exe', 'ctfmon.exe', 'sihost.exe',
    'runtimebroker.exe', 'rundll32.exe', 'regsvr32.exe', 'dllhost.exe', 'lsm.exe', 'audiodg.exe', 'fontdrvhost.exe',
    'searchindexer.exe', 'wmiprvse.exe', 'msiexec.exe', 'cmd.exe', 'powershell.exe', 'pwsh.exe', 'mshta.exe',
    'wscript.exe', 'cscript.exe', 'system', 'registry', 'idle', 'memory compression', 'clm.exe',
    // generic words
    'svc.exe', 'svc', 'env', 'agent', 'agent.exe', 'client', 'client.exe', 'service', 'service.exe', 'server',
    'server.exe', 'daemon', 'helper', 'helper.exe', 'update.exe', 'updater.exe', 'updater', 'update', 'setup.exe',
    'install.exe', 'installer.exe', 'uninstall.exe', 'uninst.exe', 'launcher.exe', 'launcher', 'main.exe', 'app.exe',
    'host.exe', 'monitor.exe', 'monitor', 'tray.exe', 'node', 'node.exe', 'python', 'python3', 'python.exe',
    'java', 'java.exe', 'javaw.exe', 'electron', 'electron.exe', 'sh', 'bash', 'zsh', 'perl', 'ruby', 'wine',
    // Unix and macOS components
    'init', 'systemd', 'launchd', 'kernel_task', 'loginwindow', 'windowserver', 'xorg', 'x', 'dbus-daemon', 'sshd',
    'cron', 'crond', 'login', 'sudo', 'su', 'ps', 'top', 'finder', 'dock', 'systemuiserver', 'syslogd', 'tccd',
  ].map((n) => n.toLowerCase()),
);

export function isCommonName(name: string): boolean {
  const n = name.toLowerCase();
  return COMMON_NAMES.has(n) || n.replace(/\.exe$/, '').length < 3;
}
