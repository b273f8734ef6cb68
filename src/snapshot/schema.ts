import { z } from 'zod';

// Hot paths import only the types (erased at build), so zod loads only when input is validated.

import { COVERAGE_STATUSES, PLATFORMS, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, TABLE_NAMES } from './constants.js';

export { COVERAGE_STATUSES, PLATFORMS, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, TABLE_NAMES };
export const Platform = z.enum(PLATFORMS);
export type Platform = z.infer<typeof Platform>;


const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.optional();

export const Host = z.looseObject({
  platform: Platform,
  os_version: str,
  hostname: opt(str),
  arch: opt(str),
  /** The collector ran with administrator / root rights. */
  elevated: opt(z.boolean()),
  /** Windows PowerShell language mode the collector ran in (FullLanguage, ConstrainedLanguage, ...). */
  language_mode: opt(str),
});

export const Process = z.looseObject({
  pid: z.number().int(),
  ppid: opt(z.number().int()),
  name: str,
  path: opt(str),
  cmdline: opt(str),
  argv: opt(z.array(str)),
  user: opt(str),
  signer: opt(str),
  team_id: opt(str),
});

export const Service = z.looseObject({
  name: str,
  display_name: opt(str),
  path: opt(str),
  state: opt(str),
  start: opt(str),
  kind: opt(str),
  /** The command line as configured (Windows ImagePath with quotes and arguments, launchd / systemd arguments). */
  command: opt(str),
  /** The launchd job file that defines the service (macOS). */
  plist: opt(str),
  signer: opt(str),
  team_id: opt(str),
  /** macOS: the app bundle whose Contents/Library/Launch{Daemons,Agents} holds this job (SMAppService). */
  embedded_in: opt(str),
});

export const Package = z.looseObject({
  name: str,
  version: opt(str),
  publisher: opt(str),
  source: opt(str),
  install_location: opt(str),
  hidden: opt(z.boolean()),
  /** Windows Uninstall DisplayIcon ("C:\\x\\y.exe,0"), UninstallString and QuietUninstallString, as written. */
  display_icon: opt(str),
  uninstall_string: opt(str),
  quiet_uninstall_string: opt(str),
});

export const App = z.looseObject({
  name: str,
  bundle_id: opt(str),
  path: opt(str),
  version: opt(str),
  /** CFBundleExecutable: the program's file name inside Contents/MacOS (or an absolute path). */
  executable: opt(str),
  signer: opt(str),
  team_id: opt(str),
});

export const Autostart = z.looseObject({
  kind: str,
  name: str,
  path: opt(str),
  command: opt(str),
  /** macOS Background Task Management items (sfltool dumpbtm): the developer's Team ID and the owning account's uid. */
  team_id: opt(str),
  uid: opt(z.number().int()),
  /** macOS: the app bundle whose Contents/Library holds this job or login item (SMAppService). */
  embedded_in: opt(str),
  /** The launchd job file (macOS). */
  plist: opt(str),
});

export const Driver = z.looseObject({
  name: str,
  path: opt(str),
  kind: opt(str),
  team_id: opt(str),
});

export const FileEntry = z.looseObject({ path: str });

export const RegistryEntry = z.looseObject({
  key: str,
  name: opt(str),
  value: opt(str),
});

export const BrowserExtension = z.looseObject({
  browser: str,
  id: str,
  name: opt(str),
  forced: opt(z.boolean()),
  /** Chromium ExtensionSettings installation_mode (force_installed, normal_installed) or "forcelist". */
  installation_mode: opt(str),
  /** Where the extension is installed (macOS Safari: the .appex inside its app). */
  path: opt(str),
});

export const Permission = z.looseObject({
  service: str,
  client: str,
  granted: z.boolean(),
  source: opt(str),
  team_id: opt(str),
  /** macOS automation (Apple events): the app the client may control (TCC indirect_object_identifier). */
  target: opt(str),
});

export const NetworkEntry = z.looseObject({
  host: opt(str),
  address: opt(str),
  port: opt(z.number().int()),
  pid: opt(z.number().int()),
  source: str,
  /** listen, established, dns, or another state word the OS uses. */
  state: opt(str),
  protocol: opt(z.enum(['tcp', 'udp'])),
  local_address: opt(str),
  local_port: opt(z.number().int()),
  /** Program name of the owning process. */
  process: opt(str),
  /** Program path of the owning process. */
  path: opt(str),
});

export const DeviceAccess = z.looseObject({
  pid: z.number().int(),
  device: str,
  /** input (event devices), input-injection (/dev/uinput), hidraw (raw HID devices) */
  kind: str,
});

/** Linux input devices from /proc/bus/input/devices: which event node is a keyboard, a mouse, a virtual device. */
export const InputDevice = z.looseObject({
  handler: str,
  name: str,
  keyboard: z.boolean(),
  mouse: z.boolean(),
  virtual: z.boolean(),
});

/** A configured fact read from a policy or configuration file, or a registry value (e.g. a browser policy). */
export const Setting = z.looseObject({
  /** The collector that read it, e.g. "linux/browser-policies". */
  source: str,
  /** Setting name (policy name, PAM line, registry key). */
  key: str,
  file: opt(str),
  /** Registry value name, when key is a registry key. */
  name: opt(str),
  value: opt(str),
  /** Who it applies to: machine, user, or a user name. */
  scope: opt(str),
  /** The process it was read from (LD_PRELOAD in a program's environment). */
  pid: opt(z.number().int()),
  /** The program the setting belongs to: chrome, edge, firefox, claude-code, system... */
  app: opt(str),
});

/** A certificate an administrator or a policy added to a trust store. */
export const Certificate = z.looseObject({
  source: str,
  subject: str,
  issuer: opt(str),
  file: opt(str),
  store: opt(str),
  fingerprint: opt(str),
  not_after: opt(str),
  ca: opt(z.boolean()),
});

/** A macOS Quartz event tap (CGGetEventTapList). */
export const EventTap = z.looseObject({
  tap_id: z.number().int(),
  tapping_pid: z.number().int(),
  target_pid: opt(z.number().int()),
  process: opt(str),
  path: opt(str),
  bundle_id: opt(str),
  listen_only: z.boolean(),
  enabled: z.boolean(),
  keyboard: z.boolean(),
  mask: opt(str),
});

export const Coverage = z.looseObject({
  source: str,
  table: str,
  status: z.enum(COVERAGE_STATUSES),
  reason: opt(str),
});

// Table name -> row schema; adding a table here adds it to the snapshot contract and the matcher's path scan.
export const TABLES = {
  processes: Process,
  services: Service,
  packages: Package,
  apps: App,
  autostart: Autostart,
  drivers: Driver,
  files: FileEntry,
  registry: RegistryEntry,
  browser_extensions: BrowserExtension,
  permissions: Permission,
  network: NetworkEntry,
  device_access: DeviceAccess,
  input_devices: InputDevice,
  settings: Setting,
  certificates: Certificate,
  event_taps: EventTap,
} as const;
export type TableName = keyof typeof TABLES;


export const Snapshot = z.looseObject({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  collected_at: z.iso.datetime({ offset: true }),
  host: Host,
  processes: opt(z.array(Process)),
  services: opt(z.array(Service)),
  packages: opt(z.array(Package)),
  apps: opt(z.array(App)),
  autostart: opt(z.array(Autostart)),
  drivers: opt(z.array(Driver)),
  files: opt(z.array(FileEntry)),
  registry: opt(z.array(RegistryEntry)),
  browser_extensions: opt(z.array(BrowserExtension)),
  permissions: opt(z.array(Permission)),
  network: opt(z.array(NetworkEntry)),
  device_access: opt(z.array(DeviceAccess)),
  input_devices: opt(z.array(InputDevice)),
  settings: opt(z.array(Setting)),
  certificates: opt(z.array(Certificate)),
  event_taps: opt(z.array(EventTap)),
  coverage: z.array(Coverage),
});

export type Snapshot = z.infer<typeof Snapshot>;
export type Host = z.infer<typeof Host>;
export type ProcessRow = z.infer<typeof Process>;
export type ServiceRow = z.infer<typeof Service>;
export type PackageRow = z.infer<typeof Package>;
export type AppRow = z.infer<typeof App>;
export type AutostartRow = z.infer<typeof Autostart>;
export type DriverRow = z.infer<typeof Driver>;
export type FileRow = z.infer<typeof FileEntry>;
export type RegistryRow = z.infer<typeof RegistryEntry>;
export type BrowserExtensionRow = z.infer<typeof BrowserExtension>;
export type PermissionRow = z.infer<typeof Permission>;
export type NetworkRow = z.infer<typeof NetworkEntry>;
export type DeviceAccessRow = z.infer<typeof DeviceAccess>;
export type InputDeviceRow = z.infer<typeof InputDevice>;
export type SettingRow = z.infer<typeof Setting>;
export type CertificateRow = z.infer<typeof Certificate>;
export type EventTapRow = z.infer<typeof EventTap>;
export type CoverageRow = z.infer<typeof Coverage>;
export type CoverageStatus = CoverageRow['status'];
