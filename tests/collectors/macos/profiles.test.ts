import { describe, expect, it } from 'vitest';
import {
  createProfilesCollector,
  enrollmentPackage,
  MANAGED_PPPC_PLIST,
  MDM_OVERRIDES_PLIST,
  parseEnrollmentStatus,
  parseProfilesShow,
  pppcPermissions,
} from '../../../src/collectors/macos/profiles.js';
import { parsePlist } from '../../../src/collectors/macos/plist.js';
import { execTable, fixture, fixtureBuf, makeCtx, memFs } from './helpers.js';

const samples = fixture('profiles/profiles_status_type_enrollment_samples.txt');
// The samples file holds several real outputs, each after a "# (x)" header line.
const sample = (tag: string) => samples.split(/^# /m).find((s) => s.startsWith(`(${tag})`))!.split('\n').slice(1).join('\n');

const DEFENDER_ROWS = [
  {
    service: 'full-disk-access',
    client: 'com.microsoft.wdav',
    granted: true,
    source: 'pppc-profile',
    origin: 'profiles',
    client_type: 'bundle-id',
    team_id: 'UBF8T346G9',
    profile: 'Defender - Full Disk Access',
  },
  {
    service: 'full-disk-access',
    client: 'com.microsoft.wdav.epsext',
    granted: true,
    source: 'pppc-profile',
    origin: 'profiles',
    client_type: 'bundle-id',
    team_id: 'UBF8T346G9',
    profile: 'Defender - Full Disk Access',
  },
];

describe('parseEnrollmentStatus (real outputs)', () => {
  it('macOS 11: DEP + user-approved MDM with server', () => {
    const s = parseEnrollmentStatus(sample('a'));
    expect(s).toEqual({ dep: true, enrolled: true, userApproved: true, server: 'https://MDMSERVER:8443/mdm/ServerURL' });
    expect(enrollmentPackage(s)).toEqual({
      name: 'MDM enrollment',
      source: 'mdm-enrollment',
      enrolled: true,
      dep: true,
      user_approved: true,
      server: 'https://MDMSERVER:8443/mdm/ServerURL',
      server_host: 'mdmserver',
    });
  });

  it('unenrolled Mac: no package row', () => {
    const s = parseEnrollmentStatus(sample('d'));
    expect(s).toEqual({ dep: false, enrolled: false });
    expect(enrollmentPackage(s)).toBeUndefined();
  });

  it('10.13.2 one-line wording', () => {
    expect(parseEnrollmentStatus('An enrollment profile is currently installed on this system\n')).toEqual({ enrolled: true });
    expect(parseEnrollmentStatus('There is no enrollment profile installed on this system\n')).toEqual({ enrolled: false });
    expect(enrollmentPackage({ enrolled: true })).toEqual({ name: 'MDM enrollment', source: 'mdm-enrollment', enrolled: true });
  });

  it('"MDM enrollment: Yes" without user approval', () => {
    expect(parseEnrollmentStatus('Enrolled via DEP: No\nMDM enrollment: Yes\n')).toEqual({ dep: false, enrolled: true, userApproved: false });
  });
});

describe('parseProfilesShow', () => {
  it('real authentik `profiles show -output stdout-xml` output: one computer-level profile, no PPPC', () => {
    expect(parseProfilesShow(fixture('profiles/profiles_show_output_stdout-xml_authentik_2025.plist'))).toEqual({
      packages: [
        {
          name: 'authentik Platform',
          source: 'profile',
          identifier: 'AED6446C-10F2-4D4D-94A9-119B23D85E0C',
          uuid: 'AED6446C-10F2-4D4D-94A9-119B23D85E0C',
          scope: 'computer',
          install_date: '2025-10-17 21:36:52 +0000',
          verification: 'verified',
          payload_types: ['io.goauthentik.platform'],
        },
      ],
      permissions: [],
    });
  });

  it('a profile carrying the real Microsoft Defender PPPC payload yields pre-granted full disk access', () => {
    const r = parseProfilesShow(fixture('profiles/profiles_show_with_pppc_CONSTRUCTED.plist'));
    expect(r.packages[1]).toEqual({
      name: 'Defender - Full Disk Access',
      source: 'profile',
      publisher: 'Microsoft Corporation',
      identifier: '1777309F-6FCD-45C5-8689-18DD24723032',
      uuid: '1777309F-6FCD-45C5-8689-18DD24723032',
      scope: 'computer',
      install_date: '2025-10-17 21:40:03 +0000',
      verification: 'verified',
      removal_disallowed: true,
      payload_types: ['com.apple.TCC.configuration-profile-policy'],
      pppc: true,
    });
    expect(r.permissions).toEqual(DEFENDER_ROWS);
  });

  it('prints a sentence (no plist) when nothing is installed', () => {
    expect(parseProfilesShow('There are no configuration profiles installed in the system domain\n')).toEqual({ packages: [], permissions: [] });
    expect(parseProfilesShow('')).toEqual({ packages: [], permissions: [] });
  });
});

describe('pppcPermissions', () => {
  it('reads the real .mobileconfig (PayloadContent array)', () => {
    const rows = pppcPermissions(parsePlist(fixture('profiles/pppc_mobileconfig_microsoft_defender_fulldisk.mobileconfig')), 'managed-preferences');
    expect(rows).toEqual(DEFENDER_ROWS.map((r) => ({ ...r, origin: 'managed-preferences' })));
  });

  it('reads the MDMOverrides.plist layout (client -> kTCCService… -> Allowed)', () => {
    expect(pppcPermissions(parsePlist(fixture('profiles/MDMOverrides_CONSTRUCTED.plist')), 'mdm-overrides')).toEqual([
      { service: 'full-disk-access', client: 'com.microsoft.wdav', granted: true, source: 'pppc-profile', origin: 'mdm-overrides' },
      { service: 'full-disk-access', client: 'com.microsoft.wdav.epsext', granted: true, source: 'pppc-profile', origin: 'mdm-overrides' },
    ]);
  });

  it('Authorization values (macOS 11+): Allow grants, AllowStandardUserToSetSystemService and Deny do not', () => {
    const xml = `<plist version="1.0"><dict><key>PayloadType</key><string>Configuration</string><key>PayloadDisplayName</key><string>Monitoring PPPC</string>
      <key>PayloadContent</key><array><dict><key>PayloadType</key><string>com.apple.TCC.configuration-profile-policy</string><key>Services</key><dict>
      <key>ScreenCapture</key><array><dict><key>Identifier</key><string>com.example.agent</string><key>IdentifierType</key><string>bundleID</string>
        <key>Authorization</key><string>AllowStandardUserToSetSystemService</string></dict></array>
      <key>Accessibility</key><array><dict><key>Identifier</key><string>/usr/local/example/agentd</string><key>IdentifierType</key><string>path</string>
        <key>Authorization</key><string>Allow</string></dict></array>
      <key>Camera</key><array><dict><key>Identifier</key><string>us.zoom.xos</string><key>Authorization</key><string>Deny</string></dict></array>
      <key>AppleEvents</key><array><dict><key>Identifier</key><string>com.example.scripter</string><key>Allowed</key><true/></dict></array>
      </dict></dict></array></dict></plist>`;
    expect(pppcPermissions(parsePlist(xml), 'profiles').map((r) => [r.service, r.client, r.granted, r.authorization, r.client_type])).toEqual([
      ['screen-capture', 'com.example.agent', false, 'AllowStandardUserToSetSystemService', 'bundle-id'],
      ['accessibility', '/usr/local/example/agentd', true, 'Allow', 'path'],
      ['camera', 'us.zoom.xos', false, 'Deny', undefined],
      // automation is reported too (here without a receiver, so no target)
      ['automation', 'com.example.scripter', true, undefined, undefined],
    ]);
  });
});

describe('profilesCollector', () => {
  const table = {
    '/usr/bin/profiles status -type enrollment': { stdout: sample('a') },
    '/usr/bin/profiles show -output stdout-xml': { stdout: fixture('profiles/profiles_show_with_pppc_CONSTRUCTED.plist') },
  };

  it('as root: enrolment + profiles + PPPC, de-duplicated across profiles and MDMOverrides', async () => {
    const exec = execTable(table);
    const fs = memFs({ [MDM_OVERRIDES_PLIST]: fixtureBuf('profiles/MDMOverrides_CONSTRUCTED.plist') });
    const r = await createProfilesCollector({ fs }).collect(makeCtx(exec, { elevated: true }));
    expect(exec.calls.map((c) => [c.file, c.args, c.options?.timeoutMs])).toEqual([
      ['/usr/bin/profiles', ['status', '-type', 'enrollment'], 20000],
      ['/usr/bin/profiles', ['show', '-output', 'stdout-xml'], 20000],
    ]);
    expect(r.tables.packages?.map((p) => [p.source, p.name])).toEqual([
      ['mdm-enrollment', 'MDM enrollment'],
      ['profile', 'authentik Platform'],
      ['profile', 'Defender - Full Disk Access'],
    ]);
    expect(r.tables.permissions).toEqual(DEFENDER_ROWS);
    expect(r.coverage).toEqual([
      { source: 'macos/profiles', table: 'packages', status: 'ok' },
      { source: 'macos/profiles', table: 'permissions', status: 'ok' },
    ]);
  });

  it('without sudo: partial, and the managed-preferences copy is still read; MDMOverrides needs Full Disk Access', async () => {
    const exec = execTable({ ...table, '/usr/bin/profiles show -output stdout-xml': { stdout: 'There are no configuration profiles installed\n' } });
    const fs = memFs({
      [MANAGED_PPPC_PLIST]: fixtureBuf('profiles/pppc_mobileconfig_microsoft_defender_fulldisk.mobileconfig'),
      '/Library/Application Support/com.apple.TCC': { error: 'EPERM' },
    });
    const r = await createProfilesCollector({ fs }).collect(makeCtx(exec));
    expect(r.tables.packages?.map((p) => p.source)).toEqual(['mdm-enrollment']);
    expect(r.tables.permissions?.map((p) => [p.client, p.origin])).toEqual([
      ['com.microsoft.wdav', 'managed-preferences'],
      ['com.microsoft.wdav.epsext', 'managed-preferences'],
    ]);
    expect(r.coverage[0]).toEqual({
      source: 'macos/profiles',
      table: 'packages',
      status: 'partial',
      reason: 'computer-level configuration profiles are listed only when bosswatch runs with sudo.',
      code: 'profiles-need-sudo',
    });
    expect(r.coverage[1].status).toBe('partial');
    expect(r.coverage[1].reason).toContain(`${MDM_OVERRIDES_PLIST} needs Full Disk Access`);
  });

  it('profiles missing: unavailable, nothing thrown', async () => {
    const r = await createProfilesCollector({ fs: memFs({}) }).collect(makeCtx(execTable({}), { elevated: true }));
    expect(r.tables).toEqual({ packages: [], permissions: [] });
    expect(r.coverage[0]).toMatchObject({ table: 'packages', status: 'unavailable' });
    expect(r.coverage[1]).toMatchObject({ table: 'permissions', status: 'partial', reason: 'installed profiles could not be listed', code: 'profiles-unlisted' });
  });

  it('unparseable profiles output is reported, enrolment still recorded', async () => {
    const exec = execTable({ ...table, '/usr/bin/profiles show -output stdout-xml': { stdout: '<plist><dict><key>x</key>' } });
    const r = await createProfilesCollector({ fs: memFs({}) }).collect(makeCtx(exec, { elevated: true }));
    expect(r.tables.packages).toHaveLength(1);
    expect(r.coverage[0]).toMatchObject({ status: 'partial' });
    expect(r.coverage[0].reason).toMatch(/^installed profiles unknown: profiles show answered with output bosswatch does not recognise/);
  });
});

describe('PPPC automation (AppleEvents) payloads', () => {
  it('a real tccprofile-generated payload: the client may control System Events, with its Team ID', () => {
    const rows = pppcPermissions(parsePlist(fixture('profiles/pppc_appleevents_tccprofile_output_vmware_fusion.mobileconfig')), 'managed-preferences');
    expect(rows).toEqual([
      {
        service: 'automation',
        client: 'com.vmware.fusionApplicationsMenu',
        granted: true,
        authorization: 'Allow',
        source: 'pppc-profile',
        origin: 'managed-preferences',
        client_type: 'bundle-id',
        team_id: 'EG7KH642X6',
        target: 'com.apple.systemevents',
        profile: 'PPPCP Config for macOS 11',
      },
    ]);
  });
});
