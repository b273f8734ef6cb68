// Prints figures, never fails: live scan vs a bare /proc read, and matching cost at 100, 1,000 and 10,000 rules.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndex } from '../dist/match/index.js';
import { match } from '../dist/match/match.js';
import { collectSnapshot } from '../dist/collectors/registry.js';
import { loadRuleSet } from '../dist/rules/ruleset.js';

const BIN = fileURLToPath(new URL('../bin/bosswatch.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n) => `${n.toFixed(1)} ms`;

/** Runs the commands in turn, round after round, so that background load hits them alike (after warm-up rounds). */
function wall(commands, runs = RUNS, warmups = 2) {
  const times = commands.map(() => []);
  for (let i = 0; i < runs + warmups; i++) {
    commands.forEach((args, c) => {
      const t = process.hrtime.bigint();
      spawnSync(process.execPath, args, { stdio: 'ignore' });
      if (i >= warmups) times[c].push(Number(process.hrtime.bigint() - t) / 1e6);
    });
  }
  return times.map((xs) => ({ median: median(xs), min: Math.min(...xs) }));
}

function inproc(fn, runs = RUNS) {
  fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

// The floor: a Node process that only reads what the process collector reads from /proc (run as CommonJS,
// the cheapest way to start Node, and as an ES module, the way bosswatch itself is loaded).
const FLOOR = `
import fs from 'node:fs';
const rf = (p) => { try { return fs.readFileSync(p, 'utf8'); } catch { return null; } };
const rl = (p) => { try { return fs.readlinkSync(p); } catch { return null; } };
let n = 0;
for (const pid of fs.readdirSync('/proc')) {
  if (!/^\\d+$/.test(pid)) continue;
  const b = '/proc/' + pid + '/';
  if (rf(b + 'stat') === null) continue;
  rf(b + 'status'); rf(b + 'cmdline'); rl(b + 'exe'); n++;
}
`;

// other work on the machine slows every command alike (they are alternated), but say how loaded it was
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`bosswatch benchmark (${RUNS} runs each after 2 warm-ups; medians; node ${process.version}, ${process.platform}, ${cpus().length} CPUs, load average ${load()})\n`);

if (process.platform === 'linux') {
  // The fair floor reads what the scan reads: the /proc walk with open files, every file the collectors read and
  // every command they ran (both taken from `collect --raw`), the rule paths and the folder listings.
  const rawDir = mkdtempSync(join(tmpdir(), 'bosswatch-bench-raw-'));
  rmSync(rawDir, { recursive: true });
  spawnSync(process.execPath, [BIN, 'collect', '--raw', rawDir], { stdio: 'ignore' });
  const index = JSON.parse(readFileSync(join(rawDir, 'index.json'), 'utf8'));
  const files = index.entries.filter((e) => e.file && !e.file.startsWith('/proc/')).map((e) => e.file);
  const commands = index.entries.filter((e) => Array.isArray(e.command)).map((e) => e.command);
  const bundle = JSON.parse(readFileSync(new URL('../dist/rules.json', import.meta.url), 'utf8'));
  const rulePaths = bundle.rules.flatMap((r) => [...(r.indicators.linux?.paths ?? []), ...(r.indicators.linux?.processes ?? []).map((p) => p.path)]).filter((p) => typeof p === 'string' && p.startsWith('/'));
  const sourcesFloor = join(rawDir, 'floor.mjs');
  writeFileSync(sourcesFloor, `${FLOOR.replace("rf(b + 'status'); rf(b + 'cmdline'); rl(b + 'exe'); n++;", "rf(b + 'status'); rf(b + 'cmdline'); rl(b + 'exe'); n++; try { for (const fd of fs.readdirSync(b + 'fd')) rl(b + 'fd/' + fd); } catch {}")}
import { spawnSync as run } from 'node:child_process';
for (const f of ${JSON.stringify(files)}) rf(f);
for (const c of ${JSON.stringify(commands)}) run(c[0], c.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
for (const p of ${JSON.stringify(rulePaths)}) fs.existsSync(p);
for (const d of ['/opt', '/usr/local']) { try { for (const e of fs.readdirSync(d)) { try { fs.readdirSync(d + '/' + e); } catch {} } } catch {} }
`);
  rmSync(join(rawDir, 'files'), { recursive: true, force: true });
  const FLOOR_CJS = FLOOR.replace("import fs from 'node:fs';", "const fs = require('fs');");
  const [floorCjs, floor, same, scan, json] = wall([['-e', FLOOR_CJS], ['--input-type=module', '-e', FLOOR], [sourcesFloor], [BIN, 'scan'], [BIN, 'scan', '--format', 'json']]);
  const procs = spawnSync('sh', ['-c', 'ls -d /proc/[0-9]* | wc -l'], { encoding: 'utf8' }).stdout.trim();
  console.log('Live scan of this machine (whole process, wall clock; commands alternated round by round)');
  console.log(`  bare /proc read, CommonJS (node -e)  ${ms(floorCjs.median)} (min ${ms(floorCjs.min)}), ${procs} processes`);
  console.log(`  bare /proc read, ES module           ${ms(floor.median)} (min ${ms(floor.min)})`);
  console.log(`  same sources as the scan (floor)     ${ms(same.median)} (min ${ms(same.min)}): /proc with open files, ${files.length} files, ${commands.length} commands, ${rulePaths.length} rule paths, /opt and /usr/local`);
  console.log(`  bosswatch scan (terminal report)     ${ms(scan.median)} (min ${ms(scan.min)})  ${(scan.median / same.median).toFixed(2)}x the floor`);
  console.log(`  bosswatch scan --format json         ${ms(json.median)} (min ${ms(json.min)})  ${(json.median / same.median).toFixed(2)}x the floor`);
  console.log('  target: within 1.3x of the floor\n');
  rmSync(rawDir, { recursive: true, force: true });
}

// Matching: synthetic rules shaped like real ones, against this machine's snapshot plus planted hits.
const { rules: real } = await loadRuleSet();
const platform = process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'macos' : 'linux';
const base = await collectSnapshot({ rules: real });

function synthRules(n) {
  const rules = [];
  for (let i = 0; i < n; i++) {
    const k = i % 10;
    const ind = {};
    if (k < 3) ind.processes = [{ name: `agent-${i}-svc` }, { name: `tool${i}`, path: `/opt/vendor${i}/bin/tool${i}` }];
    else if (k < 5) ind.paths = [`/opt/vendor${i}`, `~/.config/vendor${i}`];
    else if (k < 6) ind.paths = [{ glob: `/opt/*/vendor${i}-*/bin` }];
    else if (k < 7) ind.packages = [`vendor${i}-agent`, { glob: `vnd${i}-*` }];
    else if (k < 8) ind.services = [`vendor${i}.service`];
    else if (k < 9) ind.autostart = [`vendor${i}.desktop`];
    else ind.processes = [{ path_glob: `/usr/lib/vendor${i}/*/agent${i}` }];
    rules.push({
      id: `synthetic-${i}`, name: `Synthetic ${i}`, vendor: 'bench', category: 'employee-monitoring', website: 'https://example.com/',
      summary: 's', capabilities: [], hidden_mode: { supported: 'unknown' }, references: [{ url: 'https://example.com/' }], last_reviewed: '2026-11-23',
      indicators: { [platform]: ind, agent_domains: [`*.vendor${i}.example`], website_domains: [`www.vendor${i}.example`] },
    });
  }
  return rules;
}

const planted = {
  ...base,
  processes: [...(base.processes ?? []), { pid: 999991, name: 'agent-10-svc' }, { pid: 999992, name: 'tool20', path: '/opt/vendor20/bin/tool20' }],
  files: [...(base.files ?? []), { path: '/opt/vendor33/data/x' }, { path: '/opt/a/vendor55-1/bin' }],
  packages: [...(base.packages ?? []), { name: 'vendor66-agent' }, { name: 'vnd76-core' }],
  network: [...(base.network ?? []), { host: 'tenant.vendor9.example', source: 'dns-cache' }],
};
const rows = ['processes', 'services', 'packages', 'autostart', 'drivers', 'files', 'network'].reduce((s, t) => s + (planted[t]?.length ?? 0), 0);

console.log(`Matching (${rows} snapshot rows; index built once per scan, then matched)`);
const results = [];
for (const n of [100, 1000, 10000]) {
  const rules = synthRules(n);
  const build = inproc(() => buildIndex(rules, platform), 5);
  const ix = buildIndex(rules, platform);
  const hits = match(planted, ix).length;
  const t = inproc(() => match(planted, ix), 30);
  results.push(t);
  console.log(`  ${String(n).padStart(6)} rules: match ${ms(t).padStart(9)}   index build ${ms(build).padStart(9)}   findings ${hits}`);
}
console.log(`  match time at 10,000 rules is ${(results[2] / results[0]).toFixed(2)}x the time at 100 rules (target: within 3x)`);

// Start-up, saved snapshots, big inventories and big rule packs: each as a ratio measured in this run.
{
  const tmp = mkdtempSync(join(tmpdir(), 'bosswatch-bench-'));
  const example = fileURLToPath(new URL('../examples/snapshots/ubuntu-monitored.json', import.meta.url));
  const [nodeBare, version] = wall([['-e', '0'], [BIN, '--version']]);
  console.log('\nStart-up');
  console.log(`  node -e 0 ${ms(nodeBare.median)}, bosswatch --version ${ms(version.median)}: ${(version.median / nodeBare.median).toFixed(2)}x (target: within 1.3x)`);

  const saved = join(tmp, 'this-machine.json');
  spawnSync(process.execPath, [BIN, 'collect', '--output', saved], { stdio: 'ignore' });
  const [live, fromFile] = wall([[BIN, 'scan'], [BIN, 'scan', '--snapshot', saved]]);
  console.log(`  scan --snapshot of this machine's snapshot ${ms(fromFile.median)} vs live scan ${ms(live.median)}: ${(fromFile.median / live.median).toFixed(2)}x (target: no slower, 1.00x or less)`);

  // rows of a huge machine: processes and files, linear in time, and memory per row above the input's size
  const base = JSON.parse(readFileSync(example, 'utf8'));
  const sizes = [100_000, 1_000_000];
  const figures = sizes.map((n) => {
    const s = { ...base, processes: [], files: [] };
    for (let i = 0; i < n / 2; i++) {
      s.processes.push({ pid: 100000 + i, ppid: 1, name: `worker${i % 5000}`, path: `/usr/lib/app${i % 700}/bin/worker${i % 5000}`, argv: [`worker${i % 5000}`, '--serve'], user: 'sam' });
      s.files.push({ path: `/opt/pkg${i % 9000}/share/file${i}` });
    }
    const f = join(tmp, `rows-${n}.json`);
    writeFileSync(f, JSON.stringify(s));
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, BIN, 'scan', '--snapshot', f], { encoding: 'utf8' });
    const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    return { n, secs, kb, bytes: statSync(f).size };
  });
  const empty = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, BIN, 'scan', '--snapshot', example], { encoding: 'utf8' }).stderr.trim().split('\n').pop().split(' ').map(Number);
  console.log('\nBig inventories (scan --snapshot; processes + files)');
  for (const f of figures) {
    const perRow = ((f.kb - empty[1]) * 1024 - f.bytes) / f.n;
    console.log(`  ${String(f.n).padStart(9)} rows: ${f.secs.toFixed(2)} s, peak ${Math.round(f.kb / 1024)} MB for ${Math.round(f.bytes / 1024 / 1024)} MB of input: ${Math.max(0, perRow).toFixed(0)} bytes per row above the input (target: under 1024)`);
  }
  console.log(`  10x the rows took ${(figures[1].secs / figures[0].secs).toFixed(2)}x the time (linear: about 10x or less)`);

  // 10,000 extra rules: as a folder of YAML files and as a pack built once
  const dir = join(tmp, 'rules');
  mkdirSync(dir);
  for (let i = 0; i < 10_000; i++) {
    writeFileSync(join(dir, `bench-${i}.yaml`), `id: bench-${i}\nname: Bench ${i}\nvendor: Bench\ncategory: employee-monitoring\nwebsite: https://example.com/\nsummary: A synthetic rule for measuring rule loading.\nplatforms:\n  linux: { source: 'https://example.com/download' }\ncapabilities:\n  - { id: screenshots, default: on, source: 'https://example.com/docs' }\nhidden_mode: { supported: unknown }\nindicators:\n  linux:\n    processes:\n      - { name: agent${i}, path: /opt/vendor${i}/bin/agent${i} }\n    paths: [/opt/vendor${i}]\n    packages: [vendor${i}-agent]\n  agent_domains: ['*.vendor${i}.example']\nreferences:\n  - { url: 'https://example.com/docs' }\nlast_reviewed: 2026-12-01\ntests:\n  positive:\n    - platform: linux\n      snapshot: { packages: [{ name: vendor${i}-agent }] }\n      expect: high\n  negative:\n    - platform: linux\n      snapshot: { packages: [{ name: vendor${i}-agent-docs }] }\n`);
  }
  const pack = join(tmp, 'pack.json');
  const build = spawnSync(process.execPath, [BIN, 'rules', 'build', dir, '--output', pack], { encoding: 'utf8' });
  const [builtin, withPack, withDir] = wall([[BIN, 'scan', '--snapshot', example], [BIN, 'scan', '--snapshot', example, '--rules', pack], [BIN, 'scan', '--snapshot', example, '--rules', dir]], 3, 0);
  console.log('\n10,000 extra rules (scan --snapshot of the example)');
  console.log(`  built-in rules only ${ms(builtin.median)}; --rules pack.json ${ms(withPack.median)} (${(withPack.median / builtin.median).toFixed(2)}x, target within 5x); --rules DIR ${ms(withDir.median)} (${(withDir.median / builtin.median).toFixed(2)}x)${build.status ? ' — pack build failed' : ''}`);
  rmSync(tmp, { recursive: true, force: true });
}

// --- fleet (evidence): 10,000 reports summarised, as a ratio to a bare read-and-parse of the same files ---
{
  const { mkdtempSync: mkd, writeFileSync: wf, readFileSync: rf, readdirSync: rd, rmSync: rm } = await import('node:fs');
  const { tmpdir: td } = await import('node:os');
  const { join: pj } = await import('node:path');
  const { loadRuleSet: lrs } = await import('../dist/rules/ruleset.js');
  const { buildIndex: bi } = await import('../dist/match/index.js');
  const { match: mt } = await import('../dist/match/match.js');
  const { buildReport: br } = await import('../dist/report/build.js');
  const { summariseFleet } = await import('../dist/fleet/summary.js');
  const N = Number(process.env.BENCH_FLEET_FILES ?? 10_000);
  const { rules, digest } = await lrs();
  const exDir = new URL('../examples/snapshots/', import.meta.url);
  const reports = rd(exDir).filter((f) => f.endsWith('.json')).map((f) => {
    const s = JSON.parse(rf(new URL(f, exDir), 'utf8'));
    return br(s, mt(s, bi(rules, s.host.platform)), { tool: { name: 'bosswatch', version: 'bench' }, rules: { count: rules.length, digest }, includeIdentifiers: false });
  });
  const dir = mkd(pj(td(), 'bw-bench-fleet-'));
  for (let i = 0; i < N; i++) wf(pj(dir, `r${i}.json`), JSON.stringify(reports[i % reports.length], null, 2));
  const t0 = process.hrtime.bigint();
  let parsed = 0;
  for (const f of rd(dir)) parsed += JSON.parse(rf(pj(dir, f), 'utf8')).findings.length >= 0 ? 1 : 0;
  const bare = Number(process.hrtime.bigint() - t0) / 1e6;
  const heap0 = process.memoryUsage().rss;
  const t1 = process.hrtime.bigint();
  const s = summariseFleet([dir], rules, { minGroup: 5 });
  const fleet = Number(process.hrtime.bigint() - t1) / 1e6;
  const grew = (process.memoryUsage().rss - heap0) / 1024 / 1024;
  console.log(`\nFleet summary of ${s.inputs.used.toLocaleString('en')} reports (in-process, same files; ${parsed} parsed by the floor)`);
  console.log(`  bare read + JSON.parse ${ms(bare)}; bosswatch fleet (read, validate, count) ${ms(fleet)}: ${(fleet / bare).toFixed(2)}x the floor; RSS grew ${grew.toFixed(0)} MB`);
  rm(dir, { recursive: true, force: true });
}

console.log(`\nload average at the end: ${load()}`);
