// English messages: the reference catalogue. Every key here must exist in es.ts (the type system and a test check it).
// Placeholders are {name}; plural forms are two keys ending in .one and .other.
import { behavioursEn } from './behaviours.en.js';

export const en = {
  // capability descriptions (ids from src/rules/vocabulary.ts)
  'capability.keystrokes': 'Records the keys you type, including the text itself.',
  'capability.keystroke-counts': 'Counts how much you type, without keeping what you typed.',
  'capability.mouse-activity': 'Tracks mouse movement and clicks as a measure of activity.',
  'capability.screenshots': 'Takes pictures of your screen, on a timer or when something happens.',
  'capability.screen-recording': 'Records video of your screen.',
  'capability.live-screen-view': 'Lets someone watch your screen live.',
  'capability.remote-control': 'Lets someone take over your mouse and keyboard from elsewhere.',
  'capability.remote-shell': 'Lets someone run commands on the computer from elsewhere.',
  'capability.file-transfer': 'Lets someone copy files to or from the computer from elsewhere.',
  'capability.webcam': 'Can turn on your camera to take photos or video.',
  'capability.microphone': 'Can record sound through your microphone.',
  'capability.app-usage': 'Logs which programs and windows you use, and for how long.',
  'capability.web-history': 'Logs the websites you visit.',
  'capability.email': 'Logs email you send or receive (content or details such as sender and subject).',
  'capability.chat': 'Logs chat and instant messages.',
  'capability.files': 'Logs what you do with files: opening, copying, renaming, deleting, uploading.',
  'capability.clipboard': 'Records what you copy and paste.',
  'capability.printing': 'Logs what you print.',
  'capability.usb': 'Logs or blocks USB drives and other removable devices.',
  'capability.location': 'Records where the computer is.',
  'capability.idle-time': 'Measures when you are away from the computer or not active.',
  'capability.productivity-score': 'Turns your activity into a productivity score or rating.',
  'capability.screen-ocr': 'Reads the text shown on your screen so that it can be searched.',
  'capability.network-traffic': 'Inspects the computer\'s network connections or traffic.',
  'capability.login-activity': 'Logs when you log in, log out, lock or unlock the computer.',
  'capability.content-blocking': 'Can block websites, programs or actions.',
  'capability.behavior-alerts': 'Raises alerts about behaviour its rules consider risky.',
  'capability.software-inventory': 'Collects a list of the computer\'s hardware and installed software.',
  'capability.remote-software': 'Can install software or run scripts on the computer remotely.',
  'capability.device-configuration': 'Controls the computer\'s settings and security policies.',
  'capability.remote-wipe': 'Can lock or erase the computer remotely.',
  'capability.security-telemetry': 'Records security events (programs started, files changed, connections) to look for attacks.',

  // categories
  'category.employee-monitoring': 'Employee monitoring',
  'category.insider-threat-dlp': 'Insider threat / data-loss prevention',
  'category.time-tracking': 'Time tracking',
  'category.task-mining': 'Task mining / work recording for automation or AI training',
  'category.classroom-monitoring': 'Classroom / lab monitoring',
  'category.remote-access': 'Remote access / remote management',
  'category.keylogger-spyware': 'Keylogger / spyware',
  'category.parental-control': 'Parental control',
  'category.security-edr': 'Security / endpoint detection and response',
  'category.device-management': 'Device management (MDM)',
  'category.suspicious': 'Suspicious pattern (not a named product)',

  // snapshot tables, as a person would say them
  'table.processes': 'running programs',
  'table.services': 'services and background jobs',
  'table.packages': 'installed packages',
  'table.apps': 'installed apps',
  'table.autostart': 'programs that start automatically',
  'table.drivers': 'drivers and extensions',
  'table.files': 'install folders and known file locations',
  'table.registry': 'registry keys',
  'table.browser_extensions': 'browser extensions',
  'table.permissions': 'privacy permissions (screen, keyboard, camera, microphone)',
  'table.network': 'network lookups and connections',
  'table.device_access': 'programs reading the keyboard and mouse directly',
  'table.input_devices': 'keyboards and mice',
  'table.settings': 'policy and configuration settings',
  'table.certificates': 'added root certificates',
  'table.event_taps': 'keyboard event taps',

  // confidence
  'confidence.high': 'high confidence',
  'confidence.medium': 'medium confidence',
  'confidence.low': 'low confidence',
  'confidence.high.means': 'the agent\'s own files, services or packages are on this computer',
  'confidence.medium.means': 'one weaker sign: a distinctive program name or contact with the agent\'s servers',
  'confidence.low.means': 'only a hint: the vendor\'s website was visited, which does not mean the agent is installed',

  // capability defaults and hidden mode
  'default.on': 'on by default',
  'default.configurable': 'if the employer turns it on',
  'hidden.yes': 'Yes: the vendor offers a mode without icon, window or entry in the program list.',
  'hidden.no': 'No: the vendor documents it as visible to the user.',
  'hidden.unknown': 'Unknown: we found no public source either way.',

  'platform.windows': 'Windows',
  'platform.macos': 'macOS',
  'platform.linux': 'Linux',

  // errors
  // scan --help: what can see a scan ({command} is how PowerShell is started on Windows)
  'cli.scan-notice': `
Before you scan: quiet is not invisible.
  bosswatch only reads, but it can be seen. The monitoring it looks for (screen, keystroke and
  activity recorders) records it like any other program, report included. Your employer's own
  logging can see that it ran and what it looked for: process-creation events (Windows 4688,
  Sysmon 1) with the command line, PowerShell transcription and script-block logging (4104),
  AMSI scanning by the antivirus or EDR, audit daemons on macOS and Linux, and screen recording
  of whatever it shows. On Windows it starts one process:
    {command}
  with a read-only script on standard input (details: README, "How bosswatch starts PowerShell").`,
  'error.unknown-lang': 'unknown language "{lang}" (use {langs})',
  'error.unknown-format': 'unknown format "{format}" (use {formats})',

  // behaviour findings (src/detect)
  ...behavioursEn,
} as const;

export type MessageKey = keyof typeof en;
