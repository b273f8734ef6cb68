import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { columnsOn, OSQUERY_TABLES } from './osquery-schema.js';
import { osqueryRows, osqPlatformOf } from './snapshot-rows.js';

// The mapping snapshot table -> osquery table that the pack tests rely on.
const load = (name: string) => JSON.parse(readFileSync(new URL(`../../examples/snapshots/${name}`, import.meta.url), 'utf8')) as Snapshot;
const base = (platform: string, rest: object) => ({ format: 'bosswatch-snapshot', version: 1, collected_at: '2026-01-01T00:00:00Z', host: { platform, os_version: '' }, coverage: [], ...rest }) as unknown as Snapshot;

describe('snapshot rows as osquery rows', () => {
  it.each(['windows-monitored.json', 'macos-monitored.json', 'ubuntu-monitored.json'])('%s: only tables and columns osquery has on that platform', (name) => {
    const s = load(name);
    const platform = osqPlatformOf(s);
    const rows = osqueryRows(s);
    expect(Object.keys(rows).length).toBeGreaterThan(3);
    for (const [table, list] of Object.entries(rows)) {
      const spec = OSQUERY_TABLES[table];
      expect(spec?.platforms, table).toContain(platform);
      const cols = new Set(columnsOn(spec, platform));
      for (const r of list) for (const c of Object.keys(r)) expect(cols.has(c), `${table}.${c}`).toBe(true);
    }
  });

  it('Windows: a service\'s path is its ImagePath as configured; only Uninstall entries are programs', () => {
    const rows = osqueryRows(base('windows', {
      services: [{ name: 'svc', path: 'C:\\A\\b.exe', command: '"C:\\A\\b.exe" -k x' }],
      packages: [{ name: 'P', source: 'windows-uninstall', install_location: 'C:\\A\\' }, { name: 'Q', source: 'msix' }],
    }));
    expect(rows.services).toEqual([expect.objectContaining({ name: 'svc', path: '"C:\\A\\b.exe" -k x' })]);
    expect(rows.programs).toEqual([expect.objectContaining({ name: 'P', install_location: 'C:\\A\\' })]);
  });

  it('macOS: launchd jobs from services and autostart, receipts from pkgutil only, app executables by name', () => {
    const rows = osqueryRows(base('macos', {
      services: [{ name: 'com.x.agent', kind: 'launchd-daemon', path: '/opt/x/agent', plist: '/Library/LaunchDaemons/com.x.agent.plist' }],
      autostart: [{ kind: 'launchd-agent', name: 'com.x.ui', command: '/opt/x/ui --bg', plist: '/Library/LaunchAgents/com.x.ui.plist' }],
      packages: [{ name: 'com.x.pkg', source: 'pkgutil' }, { name: 'Profile', source: 'profile' }],
      apps: [{ name: 'X', bundle_id: 'com.x', path: '/Applications/X.app', executable: '/Applications/X.app/Contents/MacOS/X' }],
    }));
    expect(rows.launchd.map((r) => [r.label, r.path, r.program, r.program_arguments])).toEqual([
      ['com.x.agent', '/Library/LaunchDaemons/com.x.agent.plist', '/opt/x/agent', null],
      ['com.x.ui', '/Library/LaunchAgents/com.x.ui.plist', null, '/opt/x/ui --bg'],
    ]);
    expect(rows.package_receipts).toEqual([expect.objectContaining({ package_id: 'com.x.pkg' })]);
    expect(rows.apps).toEqual([expect.objectContaining({ name: 'X.app', bundle_identifier: 'com.x', bundle_executable: 'X' })]);
  });

  it('Linux: systemd units, dpkg and rpm packages (snap has no table here); a file\'s folders exist for the file table', () => {
    const rows = osqueryRows(base('linux', {
      services: [{ name: 'x.service', kind: 'systemd-system' }, { name: 'y', kind: 'sysv' }],
      packages: [{ name: 'a', source: 'dpkg' }, { name: 'b', source: 'rpm' }, { name: 'c', source: 'snap' }],
      files: [{ path: '/opt/x/bin/agent' }],
    }));
    expect(rows.systemd_units.map((r) => r.id)).toEqual(['x.service']);
    expect(rows.deb_packages.map((r) => r.name)).toEqual(['a']);
    expect(rows.rpm_packages.map((r) => r.name)).toEqual(['b']);
    expect(rows.file.map((r) => [r.path, r.directory, r.filename])).toEqual([
      ['/opt/x/bin/agent', '/opt/x/bin', 'agent'], ['/opt/x/bin', '/opt/x', 'bin'], ['/opt/x', '/opt', 'x'], ['/opt', '/', 'opt'], ['/', '/', ''],
    ]);
  });
});
