import { describe, expect, it } from 'vitest';
import { rule, run, snap } from './helpers.js';



const teramind = rule('teramind', {
  windows: {
    processes: [{ name: 'dwm.exe', path: 'C:\\ProgramData\\{4CEC2908-5CE4-48F0-A717-8FC833D8017A}\\dwm.exe' }],
    paths: ['C:\\ProgramData\\{4CEC2908-5CE4-48F0-A717-8FC833D8017A}', 'C:\\ProgramData\\Teramind Agent'],
    services: ['tsvchst'],
  },
  macos: { paths: ['/Applications/tmagent.app'], bundle_ids: ['com.teramind.agent'] },
  agent_domains: ['*.teramind.co'],
  website_domains: ['teramind.co'],
});


describe('matcher', () => {
  it('matches Teramind\'s hidden dwm.exe by path and not the real one in System32', () => {
    const f = run([teramind], snap('windows', {
      processes: [
        { pid: 1, name: 'dwm.exe', path: 'C:\\Windows\\System32\\dwm.exe' },
        { pid: 2, name: 'dwm.exe', path: 'c:\\programdata\\{4cec2908-5ce4-48f0-a717-8fc833d8017a}\\DWM.EXE' },
      ],
    }));
    expect(f.map((x) => x.rule.id)).toEqual(['teramind']);
    expect(f[0].confidence).toBe('high');
    expect(f[0].evidence.map((e) => [e.row, e.indicator.kind])).toEqual([[1, 'processes'], [1, 'paths']]);
  });

  it('does not fire on the real Desktop Window Manager alone', () => {
    expect(run([teramind], snap('windows', { processes: [{ pid: 1, name: 'dwm.exe', path: 'C:\\Windows\\System32\\dwm.exe' }] }))).toEqual([]);
  });

  it('a folder indicator matches anything inside it, but not a sibling with the same prefix', () => {
    const f = run([teramind], snap('windows', {
      files: [{ path: 'C:\\ProgramData\\Teramind Agent\\24.12.0\\tmagentsvc.exe' }, { path: 'C:\\ProgramData\\Teramind Agent Old' }],
    }));
    expect(f[0].evidence.map((e) => e.item)).toEqual(['C:\\ProgramData\\Teramind Agent\\24.12.0\\tmagentsvc.exe']);
  });

  it('compares Windows and macOS paths case-insensitively (NTFS, default APFS), Linux paths exactly', () => {
    expect(run([teramind], snap('macos', { files: [{ path: '/Applications/TMAgent.app' }] }))).toHaveLength(1);
    expect(run([teramind], snap('macos', { files: [{ path: '/Applications/TMAgent2.app' }] }))).toEqual([]);
    expect(run([teramind], snap('macos', { files: [{ path: '/Applications/tmagent.app/Contents/MacOS/tmagent' }] }))).toHaveLength(1);
    expect(run([teramind], snap('windows', { services: [{ name: 'TSVCHST' }] }))[0].confidence).toBe('high');
  });

  it('only uses a platform\'s own indicators', () => {
    expect(run([teramind], snap('linux', { files: [{ path: '/Applications/tmagent.app' }] }))).toEqual([]);
  });

  it('grades domain evidence: agent endpoint medium, website low, look-alikes nothing', () => {
    const f = (host: string) => run([teramind], snap('windows', { network: [{ host, source: 'dns-cache' }] }))[0]?.confidence;
    expect(f('acme.teramind.co')).toBe('medium');
    expect(f('www.teramind.co')).toBe('low'); // the website, although it is also a subdomain of teramind.co
    expect(f('teramind.co')).toBe('low');
    expect(f('teramind.co.evil.example')).toBeUndefined();
    expect(f('notteramind.co')).toBeUndefined();
    const site = rule('site', { website_domains: ['example-vendor.com'] });
    expect(run([site], snap('linux', { network: [{ host: 'Example-Vendor.com.', source: 'dns-cache' }] }))[0].confidence).toBe('low');
  });

  it('keeps the strongest evidence as the product confidence', () => {
    const r = rule('r', { windows: { processes: [{ name: 'AgentX.exe' }], services: ['AgentXSvc'] } });
    expect(run([r], snap('windows', { processes: [{ pid: 3, name: 'agentx.exe' }] }))[0].confidence).toBe('medium');
    expect(run([r], snap('windows', { processes: [{ pid: 3, name: 'agentx.exe' }], services: [{ name: 'AgentXSvc' }] }))[0].confidence).toBe('high');
  });

  it('matches path globs, name globs and home-relative paths', () => {
    const r = rule('g', {
      windows: { processes: [{ path_glob: 'C:\\ProgramData\\Teramind Agent\\*\\tmagentsvc.exe' }], packages: [{ glob: 'Teramind Agent*' }] },
      linux: { paths: ['~/.config/AgentX'] },
    });
    expect(run([r], snap('windows', { processes: [{ pid: 1, name: 'tmagentsvc.exe', path: 'C:\\ProgramData\\Teramind Agent\\24.12.0\\tmagentsvc.exe' }] }))).toHaveLength(1);
    expect(run([r], snap('windows', { processes: [{ pid: 1, name: 'tmagentsvc.exe', path: 'C:\\ProgramData\\Teramind Agent\\a\\b\\tmagentsvc.exe' }] }))).toEqual([]);
    expect(run([r], snap('windows', { packages: [{ name: 'teramind agent 24.1' }] }))).toHaveLength(1);
    expect(run([r], snap('windows', { packages: [{ name: 'My Teramind Agent' }] }))).toEqual([]);
    expect(run([r], snap('linux', { files: [{ path: '/home/alice/.config/AgentX/state.db' }] }))).toHaveLength(1);
    expect(run([r], snap('linux', { files: [{ path: '/home/alice/.config/agentx' }] }))).toEqual([]);
  });

  it('matches registry keys and their subkeys with long or short hive names', () => {
    const r = rule('reg', { windows: { registry: ['HKLM\\SOFTWARE\\AgentX'] } });
    expect(run([r], snap('windows', { registry: [{ key: 'HKEY_LOCAL_MACHINE\\Software\\AgentX\\Settings' }] }))).toHaveLength(1);
    expect(run([r], snap('windows', { registry: [{ key: 'HKLM\\SOFTWARE\\AgentXY' }] }))).toEqual([]);
  });

  it('matches macOS bundle ids in apps, privacy permissions and launchd labels', () => {
    const f = run([teramind], snap('macos', { permissions: [{ service: 'screen-capture', client: 'com.teramind.agent', granted: true }] }));
    expect(f[0].evidence[0].table).toBe('permissions');
  });

  it('recognises a script agent run by an interpreter through its script path', () => {
    const r = rule('script', { linux: { processes: [{ name: 'epoptes-client', path: '/usr/sbin/epoptes-client' }] } });
    const proc = (argv: string[]) => snap('linux', { processes: [{ pid: 9, name: 'dash', path: '/usr/bin/dash', argv }] });
    expect(run([r], proc(['/bin/sh', '/usr/sbin/epoptes-client']))[0].evidence[0]).toMatchObject({ item: '/usr/sbin/epoptes-client', strength: 'high' });
    expect(run([r], proc(['/bin/sh', '-c', '/usr/sbin/epoptes-client']))).toEqual([]);
    expect(run([r], proc(['/bin/sh', '/tmp/epoptes-client']))).toEqual([]);
  });

  it('matches a signer listed as an Apple Team ID on system extensions and privacy grants', () => {
    const r = rule('team', { macos: { signers: ['P3FGV63VK7'] } });
    expect(run([r], snap('macos', { drivers: [{ name: 'io.example.ext', kind: 'system-extension', team_id: 'P3FGV63VK7' }] }))).toHaveLength(1);
    expect(run([r], snap('macos', { permissions: [{ service: 'screen-capture', client: 'io.example.app', granted: true, team_id: 'P3FGV63VK7' }] }))).toHaveLength(1);
    expect(run([r], snap('macos', { drivers: [{ name: 'io.example.ext', team_id: 'OTHERTEAM1' }] }))).toEqual([]);
  });

});
