import { arch, homedir, hostname, release } from 'node:os';
import { UsageError } from '../errors.js';
import type { RuntimeRule } from '../match/types.js';
import { registryKeysFor, rulePathsFor } from '../rules/paths.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../snapshot/constants.js';
import type { Host, Platform, Snapshot } from '../snapshot/schema.js';
import { realExec } from './shared/exec.js';
import { asCollector, rawCaptureActive, recordingExec } from './shared/raw.js';
import { createProgress } from './shared/progress.js';
import type { CollectContext, Collector, CollectorResult, Exec } from './types.js';
import { reason } from './shared/reason.js';

/** The only place that looks at process.platform. */
export function currentPlatform(nodePlatform: string = process.platform): Platform {
  if (nodePlatform === 'linux') return 'linux';
  if (nodePlatform === 'darwin') return 'macos';
  if (nodePlatform === 'win32') return 'windows';
  throw new UsageError(`bosswatch cannot scan ${nodePlatform} yet (Windows, macOS and Linux only); scan a saved snapshot with --snapshot instead`, { key: 'err.platform', params: { platform: nodePlatform } });
}

// Only the running platform's collectors are loaded.
async function platformCollectors(platform: Platform): Promise<{ collectors: Collector[]; host?: () => Host }> {
  if (platform === 'linux') {
    const m = await import('./linux/index.js');
    return { collectors: m.linuxCollectors, host: m.linuxHost };
  }
  if (platform === 'macos') return { collectors: (await import('./macos/index.js')).macosCollectors };
  return { collectors: (await import('./windows/index.js')).windowsCollectors };
}

export interface CollectOptions {
  rules: readonly RuntimeRule[];
  exec?: Exec;
  platform?: Platform;
  now?: Date;
  /** The scanning process, left out of the inventory (tests pass another). */
  selfPid?: number;
}

/** Runs every collector of this platform; a collector that fails is recorded in coverage and the scan goes on. */
export async function collectSnapshot(opts: CollectOptions): Promise<Snapshot> {
  const platform = opts.platform ?? currentPlatform();
  const { collectors, host: hostFn } = await platformCollectors(platform);
  const ctx: CollectContext = {
    platform,
    // with `collect --raw` every command's output is kept as it was printed
    exec: rawCaptureActive() ? recordingExec(opts.exec ?? realExec) : (opts.exec ?? realExec),
    rulePaths: rulePathsFor(opts.rules, platform),
    registryKeys: platform === 'windows' ? registryKeysFor(opts.rules) : [],
    home: homedir(),
    elevated: typeof process.getuid === 'function' && process.getuid() === 0,
    env: process.env,
    progress: createProgress(),
  };
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    collected_at: (opts.now ?? new Date()).toISOString(),
    host: hostFn ? hostFn() : { platform, os_version: release(), hostname: hostname(), arch: arch() },
    coverage: [],
  };
  const results = await Promise.all(
    collectors.map(async (c): Promise<CollectorResult> => {
      try {
        return await asCollector(c.id, () => c.collect(ctx));
      } catch (e) {
        const why = reason('collector-failed', { detail: (e as Error).message ?? String(e) });
        return { tables: {}, coverage: c.tables.map((table) => ({ source: c.id, table, status: 'error' as const, ...why })) };
      }
    }),
  );
  ctx.progress?.done();
  const tables = snapshot as unknown as Record<string, unknown[] | undefined>;
  for (const r of results) {
    for (const [name, rows] of Object.entries(r.tables)) {
      if (rows) tables[name] = [...(tables[name] ?? []), ...(rows as unknown[])];
    }
    snapshot.coverage.push(...r.coverage);
    if (r.host) snapshot.host = { ...snapshot.host, ...r.host, platform };
  }
  return withoutSelf(snapshot, opts.selfPid ?? process.pid);
}

/** bosswatch never counts itself: its own process and the helpers it started are left out of the inventory. */
export function withoutSelf(snapshot: Snapshot, selfPid: number): Snapshot {
  const procs = snapshot.processes;
  if (!procs) return snapshot;
  const self = new Set([selfPid]);
  // helpers may be listed before their parent; repeat until no new descendant appears
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (p.ppid !== undefined && self.has(p.ppid) && !self.has(p.pid)) {
        self.add(p.pid);
        grew = true;
      }
    }
  }
  snapshot.processes = procs.filter((p) => !self.has(p.pid));
  if (snapshot.device_access) snapshot.device_access = snapshot.device_access.filter((d) => !self.has(d.pid));
  if (snapshot.network) snapshot.network = snapshot.network.filter((n) => n.pid === undefined || !self.has(n.pid));
  return snapshot;
}
