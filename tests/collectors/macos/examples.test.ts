import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppsCollector } from '../../../src/collectors/macos/apps.js';
import { createBrowsersCollector } from '../../../src/collectors/macos/browsers.js';
import { createBtmCollector } from '../../../src/collectors/macos/btm.js';
import { kextsCollector, systemExtensionsCollector } from '../../../src/collectors/macos/drivers.js';
import { createFilesCollector } from '../../../src/collectors/macos/files.js';
import { createHostCollector } from '../../../src/collectors/macos/host.js';
import { eventTapsCollector } from '../../../src/collectors/macos/eventtaps.js';
import { macosCollectors } from '../../../src/collectors/macos/index.js';
import { createLaunchdCollector } from '../../../src/collectors/macos/launchd.js';
import { createNetworkCollector } from '../../../src/collectors/macos/network.js';
import { createPkgutilCollector } from '../../../src/collectors/macos/pkgutil.js';
import { processesCollector } from '../../../src/collectors/macos/processes.js';
import { createProfilesCollector } from '../../../src/collectors/macos/profiles.js';
import { proxyCollector } from '../../../src/collectors/macos/proxy.js';
import { createTccCollector, SYSTEM_TCC_DB, userTccDb } from '../../../src/collectors/macos/tcc.js';
import { trustSettingsCollector } from '../../../src/collectors/macos/trust.js';
import type { Collector, CollectorResult, Exec } from '../../../src/collectors/types.js';
import { buildIndex } from '../../../src/match/index.js';
import { match } from '../../../src/match/match.js';
import type { RuntimeRule } from '../../../src/match/types.js';
import { loadRuleDirs } from '../../../src/rules/load.js';
import { BUILTIN_RULES_DIR } from '../../../src/rules/ruleset.js';
import { Snapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../../../src/snapshot/schema.js';
import { exampleMachine } from './example-machine.js';
import { fixture, makeCtx, memFs, realExec } from './helpers.js';

// UPDATE_MACOS_EXAMPLES=1 npx vitest run tests/collectors/macos/examples.test.ts rewrites the two example files.
const UPDATE = process.env.UPDATE_MACOS_EXAMPLES === '1';
const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/snapshots');
const SONOMA_ACCESS = fixture('tcc/schema/schema_macos14_sonoma_access_tccutil_pr66.sql');

const haveSqlite = (() => {
  try {
    execFileSync('sqlite3', ['-version']);
    return true;
  } catch {
    return false;
  }
})();

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

async function buildExample(kind: 'clean' | 'monitored'): Promise<Snapshot> {
  const m = exampleMachine(kind);
  const root = mkdtempSync(path.join(tmpdir(), 'bw-example-'));
  roots.push(root);
  const dbFor: Record<string, string> = {};
  for (const [db, rows] of [
    [SYSTEM_TCC_DB, m.tcc.system],
    [userTccDb('/Users/alex'), m.tcc.user],
  ] as const) {
    const file = path.join(root, `${Object.keys(dbFor).length}.db`);
    mkdirSync(path.dirname(file), { recursive: true });
    execFileSync('sqlite3', [file], { input: `${SONOMA_ACCESS};\n${rows}` });
    dbFor[db] = file;
  }
  const exec: Exec = async (file, args, options) => {
    if (file === '/usr/bin/sqlite3') {
      const uri = args[2];
      const db = Object.keys(dbFor).find((p) => decodeURIComponent(uri.slice(5).split('?')[0]) === p);
      if (!db) return { stdout: '', stderr: `Error: unable to open database "${uri}": unable to open database file\n`, code: 1 };
      return realExec(file, [...args.slice(0, 2), `file:${dbFor[db]}?${uri.split('?')[1]}`, ...args.slice(3)], options);
    }
    const out = m.commands[[file, ...args].join(' ')];
    if (out === undefined) return { stdout: '', stderr: '', code: null, error: 'ENOENT' };
    return typeof out === 'string' ? { stdout: out, stderr: '', code: 0 } : out;
  };
  const fs = memFs(m.files, m.symlinks);
  const collectors: Collector[] = [
    createHostCollector({ fs, hostname: () => m.hostname, arch: () => 'arm64' }),
    processesCollector,
    createAppsCollector({ fs }),
    createLaunchdCollector({ fs }),
    createBtmCollector({ fs }),
    systemExtensionsCollector,
    kextsCollector,
    createPkgutilCollector({ fs }),
    createProfilesCollector({ fs }),
    createTccCollector({ fs }),
    createFilesCollector({ fs }),
    createBrowsersCollector({ root, homes: () => ['/Users/alex'] }),
    createNetworkCollector({ fs }),
    // no event-tap list was recorded for the example machines: osascript is absent from their command fixtures
    eventTapsCollector,
    proxyCollector,
    trustSettingsCollector,
  ];
  // The same list, in the same order, as the collectors the CLI runs.
  expect(collectors.map((c) => c.id)).toEqual(macosCollectors.map((c) => c.id));
  const ctx = makeCtx(exec, { elevated: m.elevated, home: m.home, rulePaths: m.rulePaths });
  const results: CollectorResult[] = [];
  for (const c of collectors) results.push(await c.collect(ctx));

  // Assembled the way src/collectors/registry.ts assembles a scan.
  const snap: Record<string, unknown> = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    collected_at: kind === 'clean' ? '2024-06-03T07:12:44.000Z' : '2024-06-03T07:31:09.000Z',
    host: { platform: 'macos', os_version: '' },
  };
  const coverage: unknown[] = [];
  for (const r of results) {
    for (const [name, rows] of Object.entries(r.tables)) snap[name] = [...((snap[name] as unknown[]) ?? []), ...(rows as unknown[])];
    coverage.push(...r.coverage);
    if (r.host) snap.host = { ...(snap.host as object), ...r.host, platform: 'macos' };
  }
  snap.coverage = coverage;
  return Snapshot.parse(snap);
}

describe.skipIf(!haveSqlite)('example snapshots (macOS 14 Sonoma)', () => {
  for (const kind of ['clean', 'monitored'] as const) {
    it(`examples/snapshots/macos-${kind}.json is what the collectors produce on the example fixtures`, async () => {
      const snap = await buildExample(kind);
      const file = path.join(EXAMPLES, `macos-${kind}.json`);
      if (UPDATE) {
        mkdirSync(EXAMPLES, { recursive: true });
        writeFileSync(file, `${JSON.stringify(snap, null, 2)}\n`);
      }
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(snap)));
    });
  }

  it('the clean machine matches no monitoring product; the monitored one matches Teramind, Hubstaff, Jamf and Defender', async () => {
    const { rules } = await loadRuleDirs([BUILTIN_RULES_DIR]);
    const ix = buildIndex(rules as RuntimeRule[], 'macos');
    const ids = (s: Snapshot) => match(s, ix).map((f) => f.rule.id);
    const clean = match(await buildExample('clean'), ix);
    expect(clean.filter((f) => ['employee-monitoring', 'time-tracking', 'keylogger-spyware', 'insider-threat-dlp'].includes(f.rule.category))).toEqual([]);
    const monitored = ids(await buildExample('monitored'));
    for (const id of ['teramind', 'hubstaff', 'jamf', 'microsoft-defender-endpoint']) expect(monitored).toContain(id);
  });
});
