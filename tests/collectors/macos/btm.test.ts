import { describe, expect, it } from 'vitest';
import { BTM_DIR, btmToAutostart, createBtmCollector, parseDumpBtm } from '../../../src/collectors/macos/btm.js';
import { execTable, fixture, makeCtx, memFs } from './helpers.js';

const TRIMMED = fixture('btm/sfltool_dumpbtm_captured_trimmed_autocad_docker.txt');
const RAYCAST = fixture('btm/sfltool_dumpbtm_grep_raycast_excerpt.txt');
const MACOS27 = fixture('btm/sfltool_dumpbtm_macos27_udeck_fixture.txt');

describe('parseDumpBtm (recorded sfltool dumpbtm outputs)', () => {
  it('reads every item with its UID, key/value lines and embedded identifiers', () => {
    const items = parseDumpBtm(TRIMMED);
    expect(items.map((i) => [i.uid, i.fields.Identifier])).toEqual([
      [-2, 'AutoCAD'],
      [-2, '16.com.autodesk.adskaccessservicehost'],
      [0, '16.com.docker.vmnetd'],
      [501, 'Unknown Developer'],
      [501, '4.com.docker.helper'],
      [502, '2.com.example.other'],
    ]);
    expect(items[0].embedded).toEqual(['16.com.autodesk.adskaccessservicehost', '16.com.autodesk.other']);
    expect(items[1].fields['Team Identifier']).toBe('XXKJ396S2Y');
    expect(items[1].fields['Executable Path']).toBe('/Library/Application Support/Autodesk/AdODIS/V1/Setup/AdskAccessServiceHost');
  });

  it('turns background items into autostart rows (developer groupings skipped, relative URLs resolved by parent)', () => {
    const rows = btmToAutostart(parseDumpBtm(TRIMMED));
    expect(rows.find((r) => r.name === 'com.autodesk.adskaccessservicehost')).toEqual({
      kind: 'btm-legacy-daemon',
      name: 'com.autodesk.adskaccessservicehost',
      path: '/Library/Application Support/Autodesk/AdODIS/V1/Setup/AdskAccessServiceHost',
      plist: '/Library/LaunchDaemons/com.autodesk.adskaccessservicehost.plist',
      team_id: 'XXKJ396S2Y',
    });
    expect(rows.find((r) => r.name === 'com.docker.vmnetd')).toMatchObject({ kind: 'btm-daemon', path: '/Library/PrivilegedHelperTools/com.docker.vmnetd', team_id: '9BNSXJN65R', uid: 0 });
    expect(rows.some((r) => r.kind === 'btm-developer')).toBe(false);
    // a URL relative to a parent app that is not in the dump stays unresolved rather than guessed
    expect(rows.find((r) => r.name === 'com.docker.helper')).toEqual({ kind: 'btm-login-item', name: 'com.docker.helper', team_id: '9BNSXJN65R', uid: 501 });
    expect(rows.find((r) => r.name === 'com.example.other')).toMatchObject({ kind: 'btm-app', path: '/Applications/Other.app', uid: 502 });
  });

  it('reads the grep excerpt record (Raycast, line-number prefixes) and the macOS 27 dump', () => {
    const mac27 = btmToAutostart(parseDumpBtm(MACOS27));
    expect(mac27.find((r) => r.name === 'place.unicorns.udeck')).toEqual({ kind: 'btm-app', name: 'place.unicorns.udeck', path: '/Applications/uDeck.app', uid: 501 });
    // "Generation" printed twice: the first value is kept
    expect(parseDumpBtm(MACOS27).find((i) => i.fields.Name === 'Amphetamine')?.fields.Generation).toBe('4');
    // grep -n prefixes each line with "735-": no item header, so nothing is claimed
    expect(parseDumpBtm(RAYCAST)).toEqual([]);
  });
});

describe('btmCollector', () => {
  const fs = memFs({ [`${BTM_DIR}`]: { error: 'EACCES' } });

  it('without root says the store was not read (denied), and runs nothing', async () => {
    const exec = execTable({});
    const r = await createBtmCollector({ fs }).collect(makeCtx(exec));
    expect(exec.calls).toEqual([]);
    expect(r.coverage).toHaveLength(1);
    expect(r.coverage[0]).toMatchObject({ source: 'macos/btm', table: 'autostart', status: 'denied' });
    expect(r.coverage[0].reason).toContain('can only be read as root; it was not read');
  });

  it('as root runs sfltool dumpbtm and reports ok', async () => {
    const exec = execTable({ '/usr/bin/sfltool dumpbtm': { stdout: TRIMMED } });
    const r = await createBtmCollector({ fs }).collect(makeCtx(exec, { elevated: true }));
    expect(r.tables.autostart?.length).toBeGreaterThan(3);
    expect(r.coverage).toEqual([{ source: 'macos/btm', table: 'autostart', status: 'ok' }]);
  });

  it('is unavailable where the store does not exist (macOS 12 and older) and error on unknown output', async () => {
    const none = await createBtmCollector({ fs: memFs({}) }).collect(makeCtx(execTable({}), { elevated: true }));
    expect(none.coverage[0].status).toBe('unavailable');
    const odd = await createBtmCollector({ fs }).collect(makeCtx(execTable({ '/usr/bin/sfltool dumpbtm': { stdout: 'Unknown command\n' } }), { elevated: true }));
    expect(odd.coverage[0].status).toBe('error');
  });
});
