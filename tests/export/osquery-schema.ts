// osquery's table columns, by name, from the published table specs of github.com/osquery/osquery (specs/*.table).
// Each table names the spec file and the commit of the version read; `extended` is the spec's extended_schema(PLATFORM).
// Only names are taken (types do not matter to SQLite's parser); docs/export.md lists the same commits.

export type OsqPlatform = 'windows' | 'darwin' | 'linux';

export interface OsqTable {
  spec: string;
  commit: string;
  platforms: readonly OsqPlatform[];
  columns: readonly string[];
  extended?: Partial<Record<OsqPlatform, readonly string[]>>;
}

const ALL = ['windows', 'darwin', 'linux'] as const;

export const OSQUERY_TABLES: Readonly<Record<string, OsqTable>> = {
  processes: {
    spec: 'specs/processes.table',
    commit: 'bfddc981a8b9866f97326b9b99d4903dd0bad900',
    platforms: ALL,
    columns: [
      'pid', 'name', 'path', 'cmdline', 'state', 'cwd', 'root', 'uid', 'gid', 'euid', 'egid', 'suid', 'sgid', 'on_disk', 'wired_size',
      'resident_size', 'total_size', 'user_time', 'system_time', 'disk_bytes_read', 'disk_bytes_written', 'start_time', 'parent', 'pgroup',
      'threads', 'nice',
    ],
    extended: {
      windows: ['elevated_token', 'secure_process', 'protection_type', 'virtual_process', 'elapsed_time', 'handle_count', 'percent_processor_time'],
      darwin: ['upid', 'uppid', 'cpu_type', 'cpu_subtype', 'translated'],
    },
  },
  file: {
    spec: 'specs/utility/file.table',
    commit: '22dc282b490c11ffde3c7ae460ab3e46f062e202',
    platforms: ALL,
    columns: [
      'path', 'directory', 'filename', 'inode', 'uid', 'gid', 'mode', 'device', 'size', 'block_size', 'atime', 'mtime', 'ctime', 'btime',
      'hard_links', 'symlink', 'type',
    ],
    extended: {
      windows: ['attributes', 'volume_serial', 'file_id', 'file_version', 'product_version', 'original_filename'],
      darwin: ['bsd_flags'],
      linux: ['pid_with_namespace', 'mount_namespace_id'],
    },
  },
  chrome_extensions: {
    spec: 'specs/chrome_extensions.table',
    commit: '4bb3918aa8e7a335cde884e6713ae59c0b3da7db',
    platforms: ALL,
    columns: [
      'browser_type', 'uid', 'name', 'profile', 'profile_path', 'referenced_identifier', 'identifier', 'version', 'description', 'default_locale',
      'current_locale', 'update_url', 'author', 'persistent', 'path', 'permissions', 'permissions_json', 'optional_permissions',
      'optional_permissions_json', 'manifest_hash', 'referenced', 'from_webstore', 'state', 'install_time', 'install_timestamp', 'manifest_json', 'key',
    ],
  },
  users: {
    spec: 'specs/users.table',
    commit: 'e32976fe3463517bb4163059651222d9a6732c6a',
    platforms: ALL,
    columns: ['uid', 'gid', 'uid_signed', 'gid_signed', 'username', 'description', 'directory', 'shell', 'uuid'],
    extended: { windows: ['type'], darwin: ['is_hidden'], linux: ['pid_with_namespace'] },
  },
  services: {
    spec: 'specs/windows/services.table',
    commit: 'c1fa471afefde4194d0d38eb42f5e91cae644996',
    platforms: ['windows'],
    columns: [
      'name', 'service_type', 'display_name', 'status', 'pid', 'start_type', 'win32_exit_code', 'service_exit_code', 'path', 'module_path',
      'description', 'user_account',
    ],
  },
  registry: {
    spec: 'specs/windows/registry.table',
    commit: 'f80ac2b181d6956aa014514b7995218540671d86',
    platforms: ['windows'],
    columns: ['key', 'path', 'name', 'type', 'data', 'mtime'],
  },
  programs: {
    spec: 'specs/windows/programs.table',
    commit: '8e10624a40ebe4a1bc6d6310631e5c90afc83a93',
    platforms: ['windows'],
    columns: ['name', 'version', 'install_location', 'install_source', 'language', 'publisher', 'uninstall_string', 'install_date', 'identifying_number'],
  },
  apps: {
    spec: 'specs/darwin/apps.table',
    commit: '2082923f14fadca94613f29627e142bd3d24877c',
    platforms: ['darwin'],
    columns: [
      'name', 'path', 'bundle_executable', 'bundle_identifier', 'bundle_name', 'bundle_short_version', 'bundle_version', 'bundle_package_type',
      'environment', 'element', 'compiler', 'development_region', 'display_name', 'info_string', 'minimum_system_version', 'category',
      'applescript_enabled', 'copyright', 'last_opened_time',
    ],
  },
  launchd: {
    spec: 'specs/darwin/launchd.table',
    commit: 'e1f9279b423a5fe0352ecc309a990d3df190d150',
    platforms: ['darwin'],
    columns: [
      'path', 'name', 'label', 'program', 'run_at_load', 'keep_alive', 'on_demand', 'disabled', 'username', 'groupname', 'stdout_path',
      'stderr_path', 'start_interval', 'program_arguments', 'watch_paths', 'queue_directories', 'inetd_compatibility', 'start_on_mount',
      'root_directory', 'working_directory', 'process_type',
    ],
  },
  package_receipts: {
    spec: 'specs/darwin/package_receipts.table',
    commit: '22dc282b490c11ffde3c7ae460ab3e46f062e202',
    platforms: ['darwin'],
    columns: ['package_id', 'package_filename', 'version', 'location', 'install_time', 'installer_name', 'path'],
  },
  system_extensions: {
    spec: 'specs/darwin/system_extensions.table',
    commit: '7b4906a3fc050d32f45074dd4f5435cda061bb1a',
    platforms: ['darwin'],
    columns: ['path', 'UUID', 'state', 'identifier', 'version', 'category', 'bundle_path', 'team', 'mdm_managed'],
  },
  kernel_extensions: {
    spec: 'specs/darwin/kernel_extensions.table',
    commit: '22dc282b490c11ffde3c7ae460ab3e46f062e202',
    platforms: ['darwin'],
    columns: ['idx', 'refs', 'size', 'name', 'version', 'linked_against', 'path'],
  },
  kernel_modules: {
    spec: 'specs/linux/kernel_modules.table',
    commit: '2234be0f8284bf2961eb1599b11e695b4042f6ba',
    platforms: ['linux'],
    columns: ['name', 'size', 'used_by', 'status', 'address'],
  },
  systemd_units: {
    spec: 'specs/linux/systemd_units.table',
    commit: 'e4cef8689bb29078cc2bf06689c2ce5d39636efb',
    platforms: ['linux'],
    columns: [
      'id', 'description', 'load_state', 'active_state', 'sub_state', 'unit_file_state', 'following', 'object_path', 'job_id', 'job_type',
      'job_path', 'fragment_path', 'user', 'source_path',
    ],
  },
  deb_packages: {
    spec: 'specs/linux/deb_packages.table',
    commit: 'd0a3003c3543f938b6c4e555e3ec01287218ff18',
    platforms: ['linux'],
    columns: ['name', 'version', 'source', 'size', 'arch', 'revision', 'status', 'maintainer', 'section', 'priority', 'admindir'],
    extended: { linux: ['pid_with_namespace', 'mount_namespace_id'] },
  },
  rpm_packages: {
    spec: 'specs/linux/rpm_packages.table',
    commit: '90063fd4aeb09ec53a159230ca8ed3b7bef2ac7b',
    platforms: ['linux'],
    columns: ['name', 'version', 'release', 'source', 'size', 'sha1', 'arch', 'epoch', 'install_time', 'vendor', 'package_group'],
    extended: { linux: ['pid_with_namespace', 'mount_namespace_id'] },
  },
};

/** The columns a table has on one platform (base schema plus that platform's extended schema). */
export function columnsOn(table: OsqTable, platform: OsqPlatform): string[] {
  return [...table.columns, ...(table.extended?.[platform] ?? [])];
}

/** CREATE TABLE statements for every table osquery has on a platform (all columns untyped, like osquery's TEXT view). */
export function createStatements(platform: OsqPlatform): string[] {
  return Object.entries(OSQUERY_TABLES)
    .filter(([, t]) => t.platforms.includes(platform))
    .map(([name, t]) => `CREATE TABLE ${name} (${columnsOn(t, platform).map((c) => `"${c}"`).join(', ')});`);
}
