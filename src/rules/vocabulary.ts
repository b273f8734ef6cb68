// Plain-language vocabulary shared by the rule schema, the validator and the renderers (no zod here: hot path).

export const CATEGORIES = {
  'employee-monitoring': 'Employee monitoring',
  'insider-threat-dlp': 'Insider threat / data-loss prevention',
  'time-tracking': 'Time tracking',
  'classroom-monitoring': 'Classroom / lab monitoring',
  'remote-access': 'Remote access / remote management',
  'keylogger-spyware': 'Keylogger / spyware',
  'parental-control': 'Parental control',
  'security-edr': 'Security / endpoint detection and response',
  'device-management': 'Device management (MDM)',
  suspicious: 'Suspicious pattern (not a named product)',
} as const;
export type Category = keyof typeof CATEGORIES;

export const CAPABILITIES = {
  keystrokes: 'Records the keys you type, including the text itself.',
  'keystroke-counts': 'Counts how much you type, without keeping what you typed.',
  'mouse-activity': 'Tracks mouse movement and clicks as a measure of activity.',
  screenshots: 'Takes pictures of your screen, on a timer or when something happens.',
  'screen-recording': 'Records video of your screen.',
  'live-screen-view': 'Lets someone watch your screen live.',
  'remote-control': 'Lets someone take over your mouse and keyboard from elsewhere.',
  'remote-shell': 'Lets someone run commands on the computer from elsewhere.',
  'file-transfer': 'Lets someone copy files to or from the computer from elsewhere.',
  webcam: 'Can turn on your camera to take photos or video.',
  microphone: 'Can record sound through your microphone.',
  'app-usage': 'Logs which programs and windows you use, and for how long.',
  'web-history': 'Logs the websites you visit.',
  email: 'Logs email you send or receive (content or details such as sender and subject).',
  chat: 'Logs chat and instant messages.',
  files: 'Logs what you do with files: opening, copying, renaming, deleting, uploading.',
  clipboard: 'Records what you copy and paste.',
  printing: 'Logs what you print.',
  usb: 'Logs or blocks USB drives and other removable devices.',
  location: 'Records where the computer is.',
  'idle-time': 'Measures when you are away from the computer or not active.',
  'productivity-score': 'Turns your activity into a productivity score or rating.',
  'screen-ocr': 'Reads the text shown on your screen so that it can be searched.',
  'network-traffic': 'Inspects the computer\'s network connections or traffic.',
  'login-activity': 'Logs when you log in, log out, lock or unlock the computer.',
  'content-blocking': 'Can block websites, programs or actions.',
  'behavior-alerts': 'Raises alerts about behaviour its rules consider risky.',
  'software-inventory': 'Collects a list of the computer\'s hardware and installed software.',
  'remote-software': 'Can install software or run scripts on the computer remotely.',
  'device-configuration': 'Controls the computer\'s settings and security policies.',
  'remote-wipe': 'Can lock or erase the computer remotely.',
  'security-telemetry': 'Records security events (programs started, files changed, connections) to look for attacks.',
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
