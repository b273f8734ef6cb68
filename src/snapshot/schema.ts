import { z } from 'zod';

// Hot paths import only the types (erased at build), so zod loads only when input is validated.

import { COVERAGE_STATUSES, PLATFORMS, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, TABLE_NAMES } from './constants.js';

export { COVERAGE_STATUSES, PLATFORMS, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, TABLE_NAMES };
export const Platform = z.enum(PLATFORMS);
export type Platform = z.infer<typeof Platform>;


const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.optional();

export const Host = z.strictObject({
  platform: Platform,
  os_version: str,
  hostname: opt(str),
  arch: opt(str),
  /** The collector ran with administrator / root rights. */
  elevated: opt(z.boolean()),
  /** Windows PowerShell language mode the collector ran in (FullLanguage, ConstrainedLanguage, ...). */
  language_mode: opt(str),
  /** Windows: ProductName, DisplayVersion (23H2), CurrentBuild; macOS: sw_vers ProductVersion and BuildVersion. */
  os_name: opt(str),
  os_display_version: opt(str),
  os_build: opt(str),
  product_version: opt(str),
  build: opt(str),
  rosetta: opt(z.boolean()),
});

export const Process = z.strictObject({
  pid: z.number().int(),
  ppid: opt(z.number().int()),
  name: str,
  path: opt(str),
  cmdline: opt(str),
  argv: opt(z.array(str)),
  user: opt(str),
  signer: opt(str),
  team_id: opt(str),
  started_at: opt(str),
  session_id: opt(z.number().int()),
});

export const Service = z.strictObject({
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
  account: opt(str),
  pid: opt(z.number().int()),
  service_type: opt(str),
  user: opt(str),
  disabled: opt(z.boolean()),
  last_exit_status: opt(z.number().int()),
});

export const Package = z.strictObject({
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
  /** Windows Uninstall: the subkey name (or the full key) and which Uninstall key holds it (machine, machine-32bit, user). */
  uninstall_key: opt(str),
  scope: opt(str),
  install_date: opt(str),
  package_file: opt(str),
  /** macOS configuration profiles and MDM enrollment (source mdm-enrollment / configuration-profile). */
  identifier: opt(str),
  uuid: opt(str),
  user: opt(str),
  verification: opt(str),
  removal_disallowed: opt(z.boolean()),
  payload_types: opt(z.array(str)),
  pppc: opt(z.boolean()),
  enrolled: opt(z.boolean()),
  dep: opt(z.boolean()),
  user_approved: opt(z.boolean()),
  server: opt(str),
  server_host: opt(str),
});

export const App = z.strictObject({
  name: str,
  bundle_id: opt(str),
  path: opt(str),
  version: opt(str),
  /** CFBundleExecutable: the program's file name inside Contents/MacOS (or an absolute path). */
  executable: opt(str),
  signer: opt(str),
  team_id: opt(str),
  build: opt(str),
  display_name: opt(str),
  background: opt(z.boolean()),
});

export const Autostart = z.strictObject({
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
  key: opt(str),
  folder: opt(str),
  state: opt(str),
  author: opt(str),
  com_class_id: opt(str),
  file: opt(str),
  scope: opt(str),
  user: opt(str),
  run_at_load: opt(z.boolean()),
  keep_alive: opt(z.boolean()),
  disabled: opt(z.boolean()),
});

export const Driver = z.strictObject({
  name: str,
  path: opt(str),
  kind: opt(str),
  team_id: opt(str),
  display_name: opt(str),
  state: opt(str),
  start: opt(str),
  standard: opt(z.boolean()),
  position: opt(z.number().int()),
  category: opt(str),
  enabled: opt(z.boolean()),
  active: opt(z.boolean()),
  version: opt(str),
  uuid: opt(str),
  loaded: opt(z.boolean()),
  build: opt(str),
});

export const FileEntry = z.strictObject({
  path: str,
  type: opt(str),
  hidden: opt(z.boolean()),
  /** How the collector came to it: a rule path (`rule`), a folder listing (`listing`), or the glob that found it. */
  via: opt(str),
  glob: opt(str),
});

export const RegistryEntry = z.strictObject({
  key: str,
  name: opt(str),
  value: opt(str),
  actual_key: opt(str),
});

export const BrowserExtension = z.strictObject({
  browser: str,
  id: str,
  name: opt(str),
  forced: opt(z.boolean()),
  /** Where the extension is installed (macOS Safari: the .appex inside its app). */
  path: opt(str),
  version: opt(str),
  profile: opt(str),
  source: opt(str),
  policy: opt(str),
  scope: opt(str),
  installation_mode: opt(str),
  update_url: opt(str),
  location: opt(str),
  active: opt(z.boolean()),
});

export const Permission = z.strictObject({
  service: str,
  client: str,
  granted: z.boolean(),
  source: opt(str),
  team_id: opt(str),
  /** macOS automation (Apple events): the app the client may control (TCC indirect_object_identifier). */
  target: opt(str),
  value: opt(str),
  last_used_start: opt(str),
  last_used_stop: opt(str),
  in_use: opt(z.boolean()),
  packaged: opt(z.boolean()),
  scope: opt(str),
  auth_value: opt(z.number().int()),
  auth_reason: opt(z.number().int()),
  allowed: opt(z.number().int()),
  client_type: opt(str),
  last_modified: opt(str),
  tcc_service: opt(str),
  user: opt(str),
  authorization: opt(str),
  origin: opt(str),
  profile: opt(str),
});

export const NetworkEntry = z.strictObject({
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
  cname_of: opt(str),
});

export const DeviceAccess = z.strictObject({
  pid: z.number().int(),
  device: str,
  /** input (event devices), input-injection (/dev/uinput), hidraw (raw HID devices) */
  kind: str,
});

/** Linux input devices from /proc/bus/input/devices: which event node is a keyboard, a mouse, a virtual device. */
export const InputDevice = z.strictObject({
  handler: str,
  name: str,
  keyboard: z.boolean(),
  mouse: z.boolean(),
  virtual: z.boolean(),
});

/** A configured fact read from a policy or configuration file, or a registry value (e.g. a browser policy). */
export const Setting = z.strictObject({
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
export const Certificate = z.strictObject({
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
export const EventTap = z.strictObject({
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

/** A PipeWire stream a program opened to receive media (Linux pw-dump), with the node it is linked to. */
export const MediaStream = z.strictObject({
  source: str,
  /** The PipeWire session it was read from (the user's runtime folder, /run/user/<uid>). */
  session: opt(str),
  node_id: z.number().int(),
  /** PipeWire media.class, e.g. Stream/Input/Video (a program receiving video). */
  media_class: str,
  /** Node state: running, idle, suspended, error. */
  state: opt(str),
  node_name: opt(str),
  /** The program that opened the stream: application.name, process binary, pid (as the PipeWire server saw it). */
  app: opt(str),
  binary: opt(str),
  pid: opt(z.number().int()),
  user: opt(str),
  /** pipewire.access of the client: unrestricted, flatpak, portal... */
  access: opt(str),
  /** The node the stream receives from (for video: a screen-cast or a camera). */
  linked_node_id: opt(z.number().int()),
  linked_class: opt(str),
  linked_name: opt(str),
  /** device.api of the linked node (v4l2, libcamera for cameras) and its media.role (Camera, Screen). */
  linked_device_api: opt(str),
  linked_role: opt(str),
  /** The program that provides the linked node (gnome-shell, xdg-desktop-portal-wlr, wireplumber for cameras). */
  linked_app: opt(str),
  /** State of the link: active, paused, init, error. */
  link_state: opt(str),
});

/** Named values of a coverage message (a tool, a path, a count, or the system's own words as `detail`). */
const ReasonParams = z.record(str, z.union([str, z.number()]));
const ReasonNote = z.strictObject({ code: z.string().regex(/^[a-z0-9-]+$/), params: opt(ReasonParams) });

export const Coverage = z.strictObject({
  source: str,
  table: str,
  status: z.enum(COVERAGE_STATUSES),
  /** In English, for readers of older snapshots; renderers show code and params in the reader's language instead. */
  reason: opt(str),
  /** What reason says, as a message code (src/i18n/coverage.en.ts, `reason.<code>`); a snapshot without one still loads. */
  code: opt(z.string().regex(/^[a-z0-9-]+$/)),
  params: opt(ReasonParams),
  /** Further notes of the same row, each its own sentence after code's. */
  more: opt(z.array(ReasonNote)),
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
  media_streams: MediaStream,
} as const;
export type TableName = keyof typeof TABLES;


// Rows are strict; the top level tolerates tables a newer bosswatch adds (rule test cases are strict about tables too).
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
  media_streams: opt(z.array(MediaStream)),
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
export type MediaStreamRow = z.infer<typeof MediaStream>;
export type CoverageRow = z.infer<typeof Coverage>;
export type CoverageStatus = CoverageRow['status'];
