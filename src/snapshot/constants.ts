// Zod-free constants of the snapshot contract, for code on the scan's hot path (zod costs ~65 ms to import).
export const PLATFORMS = ['windows', 'macos', 'linux'] as const;
export const SNAPSHOT_FORMAT = 'bosswatch-snapshot';
export const SNAPSHOT_VERSION = 1;
export const TABLE_NAMES = [
  'processes', 'services', 'packages', 'apps', 'autostart', 'drivers', 'files', 'registry', 'browser_extensions', 'permissions', 'network', 'device_access',
  'input_devices', 'settings', 'certificates', 'event_taps',
  'media_streams',
] as const;
export const COVERAGE_STATUSES = ['ok', 'partial', 'denied', 'unavailable', 'error'] as const;
/** What the macOS proxy collector writes as the PAC address when automatic configuration is on without one (settings rows). */
export const PAC_INLINE = '(PAC script given inline)';
export const PAC_NONE = '(no address given)';
export type Platform = (typeof PLATFORMS)[number];
