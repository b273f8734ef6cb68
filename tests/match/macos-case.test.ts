import { describe, expect, it } from 'vitest';
import { createFilesCollector } from '../../src/collectors/macos/files.js';
import { pathKey } from '../../src/platform/index.js';
import { execTable, makeCtx, memFs } from '../collectors/macos/helpers.js';
import { rule, run, snap } from './helpers.js';

// Default APFS is case-insensitive: /Applications/teramind.app on disk is the rule's /Applications/Teramind.app.
const teramind = rule('teramind', {
  macos: {
    processes: [{ name: 'Teramind', path: '/Applications/Teramind.app/Contents/MacOS/Teramind' }],
    paths: ['/Library/Application Support/Teramind', { glob: '/Library/Application Support/TMAgent/*/tmsysd' }],
    bundle_ids: ['com.teramind.agent'],
    launchd: ['com.teramind.agent'],
  },
  linux: { processes: [{ path: '/opt/Teramind/agent' }] },
});

describe('macOS paths compare case-insensitively (default APFS), Linux paths exactly', () => {
  it('the key of a macOS path folds case; a Linux one keeps it', () => {
    expect(pathKey('/Applications/Teramind.app/', 'macos')).toBe('/applications/teramind.app');
    expect(pathKey('/opt/Teramind', 'linux')).toBe('/opt/Teramind');
  });

  it('a process, launchd plist, folder content or glob in other letters is the rule artefact, high', () => {
    for (const tables of [
      { processes: [{ pid: 5, name: 'teramind', path: '/applications/teramind.app/Contents/MacOS/teramind' }] },
      { services: [{ name: 'x', plist: '/Library/LaunchDaemons/x.plist', command: '/APPLICATIONS/TERAMIND.APP/Contents/MacOS/Teramind' }] },
      { files: [{ path: '/Library/Application Support/teramind/agent.db' }] },
      { files: [{ path: '/library/application support/tmagent/1.2/TMSYSD' }] },
    ]) {
      expect(run([teramind], snap('macos', tables)).map((f) => [f.rule.id, f.confidence])).toEqual([['teramind', 'high']]);
    }
  });

  it('bundle ids and launchd labels fold case as before (Apple: "Bundle IDs are case insensitive")', () => {
    expect(run([teramind], snap('macos', { apps: [{ name: 'x', path: '/Applications/X.app', bundle_id: 'COM.Teramind.Agent' }] }))).toHaveLength(1);
    expect(run([teramind], snap('macos', { services: [{ name: 'com.Teramind.agent' }] }))).toHaveLength(1);
  });

  it('other names stay other names, whatever their case; a Linux path in other letters is another file', () => {
    for (const tables of [
      { processes: [{ pid: 5, name: 'teramind', path: '/Applications/Teramind Viewer.app/Contents/MacOS/teramind' }] },
      { processes: [{ pid: 5, name: 'TeramindHelper', path: '/applications/teramind.app/Contents/MacOS/TeramindHelper' }] },
      { files: [{ path: '/Users/ann/Downloads/teramind.app' }] },
      { files: [{ path: '/Library/Application Support/Teramind-notes' }] },
    ]) expect(run([teramind], snap('macos', tables))).toEqual([]);
    expect(run([teramind], snap('linux', { processes: [{ pid: 5, name: 'agent', path: '/opt/teramind/agent' }] }))).toEqual([]);
    expect(run([teramind], snap('linux', { processes: [{ pid: 5, name: 'agent', path: '/opt/Teramind/agent' }] }))).toHaveLength(1);
  });

  it('the macOS files collector walks wildcard folders case-insensitively, as the matcher compares', async () => {
    const fs = memFs({ '/Applications/tmagent.app/Contents/Info.plist': 'x', '/Applications/Other.app/Contents/Info.plist': 'x' });
    const r = await createFilesCollector({ fs }).collect(makeCtx(execTable({}), { elevated: true, rulePaths: { exact: [], globs: ['/Applications/TMAgent*.app'] } }));
    expect(r.tables.files).toEqual([{ path: '/Applications/tmagent.app', glob: '/Applications/TMAgent*.app' }]);
  });
});
