import { describe, expect, it } from 'vitest';
import { createNetworkCollector, decodeLsofName, parseLsof, parseRemoteManagement, REMOTE_MANAGEMENT_PLIST } from '../../../src/collectors/macos/network.js';
import { execTable, fixture, makeCtx, memFs } from './helpers.js';

const LISTEN26 = fixture('network/lsof_iTCP_sTCP_LISTEN_macos26_2026-07.txt');
const SUDO_ALL = fixture('network/sudo_lsof_i_P_n_grep80_macbook_air_2022-12.txt');
const ESTABLISHED = fixture('network/lsof_established_aditagrawal_real.txt');

describe('parseLsof (recorded macOS lsof outputs)', () => {
  it('listening sockets (macOS 26): ARDAgent on 3283, wildcard and loopback binds, IPv6 brackets', () => {
    const rows = parseLsof(LISTEN26);
    // 21 lines; the IPv4 and IPv6 sockets of one wildcard port are one row
    expect(rows).toHaveLength(17);
    expect(rows.find((r) => r.process === 'ARDAgent')).toEqual({ source: 'lsof', protocol: 'tcp', pid: 562, process: 'ARDAgent', state: 'listen', local_address: '*', local_port: 3283 });
    expect(rows.find((r) => r.pid === 787 && r.local_address === '::1')).toMatchObject({ process: 'redis-ser', local_port: 6379 });
  });

  it('established connections with remote address and port', () => {
    const rows = parseLsof(ESTABLISHED);
    expect(rows[1]).toEqual({ source: 'lsof', protocol: 'tcp', pid: 47756, process: 'AvidLink', state: 'established', local_address: '192.168.1.95', local_port: 65449, address: '104.18.42.13', port: 443 });
    expect(rows[3]).toMatchObject({ local_address: 'fe80:b::8ab:c8a5:2cbf:5005', address: 'fe80:b::1488:95ef:9ff3:ef56', port: 52664 });
  });

  it('sudo lsof -i -P -n: root and other users, UDP without a peer, SYN_SENT, \\\\x20 escapes, one row per socket', () => {
    const rows = parseLsof(SUDO_ALL);
    expect(rows.find((r) => r.process === 'netbiosd')).toEqual({ source: 'lsof', protocol: 'udp', pid: 380, process: 'netbiosd', state: 'listen', local_address: '*', local_port: 137 });
    expect(rows.find((r) => r.pid === 562)?.process).toBe('Opera ');
    expect(rows.filter((r) => r.state === 'syn_sent')).toHaveLength(1);
    // identitys shares sockets between descriptors 65u/66u and 74u/75u
    expect(rows.filter((r) => r.pid === 436)).toHaveLength(5);
    expect(rows).toHaveLength(39);
    expect(decodeLsofName('Code\\x20H')).toBe('Code H');
  });
});

describe('networkCollector', () => {
  it('runs lsof -nP -i in a UTF-8 locale; without root coverage says only your own programs are listed', async () => {
    const exec = execTable({ '/usr/sbin/lsof -nP -i': { stdout: ESTABLISHED } });
    const r = await createNetworkCollector({ fs: memFs({}) }).collect(makeCtx(exec));
    expect(exec.calls[0].options).toMatchObject({ env: { LC_ALL: 'en_US.UTF-8' } });
    expect(r.tables.network).toHaveLength(4);
    expect(r.coverage[0]).toMatchObject({ table: 'network', status: 'partial' });
    expect(r.coverage[0].reason).toContain("only your own programs' ports and connections");
    expect(r.coverage[1]).toMatchObject({ table: 'registry', status: 'ok' });
  });

  it('as root is ok; Remote Management settings become key/name/value rows', async () => {
    // CONSTRUCTED plist: key names as public admin scripts write them with kickstart/defaults (see SOURCES.md)
    const plist = '<plist><dict><key>ARD_AllLocalUsers</key><true/><key>ARD_AllLocalUsersPrivs</key><integer>1073742079</integer><key>VNCLegacyConnectionsEnabled</key><false/></dict></plist>';
    const fs = memFs({ [REMOTE_MANAGEMENT_PLIST]: plist });
    const r = await createNetworkCollector({ fs }).collect(makeCtx(execTable({ '/usr/sbin/lsof -nP -i': { stdout: LISTEN26 } }), { elevated: true }));
    expect(r.coverage.map((c) => c.status)).toEqual(['ok', 'ok']);
    expect(r.tables.registry).toEqual([
      { key: REMOTE_MANAGEMENT_PLIST, name: 'ARD_AllLocalUsers', value: 'true' },
      { key: REMOTE_MANAGEMENT_PLIST, name: 'ARD_AllLocalUsersPrivs', value: '1073742079' },
      { key: REMOTE_MANAGEMENT_PLIST, name: 'VNCLegacyConnectionsEnabled', value: 'false' },
    ]);
    expect(parseRemoteManagement('<plist><array/></plist>')).toEqual([]);
  });

  it('a denied Remote Management file is denied, not "not set up"; a missing lsof is unavailable', async () => {
    const fs = memFs({ [REMOTE_MANAGEMENT_PLIST]: { error: 'EACCES' } });
    const r = await createNetworkCollector({ fs }).collect(makeCtx(execTable({})));
    expect(r.coverage.map((c) => [c.table, c.status])).toEqual([
      ['network', 'unavailable'],
      ['registry', 'denied'],
    ]);
  });
});
