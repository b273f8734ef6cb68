// Prints figures, never fails: live scan vs a bare /proc read, and matching cost at 100, 1,000 and 10,000 rules.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildIndex } from '../dist/match/index.js';
import { match } from '../dist/match/match.js';
import { collectSnapshot } from '../dist/collectors/registry.js';
import { loadRuleSet } from '../dist/rules/ruleset.js';

const BIN = fileURLToPath(new URL('../bin/bosswatch.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n) => `${n.toFixed(1)} ms`;

/** Runs the commands in turn, round after round, so that background load hits them alike. */
function wall(commands) {
  const times = commands.map(() => []);
  for (let i = 0; i < RUNS + 2; i++) {
    commands.forEach((args, c) => {
      const t = process.hrtime.bigint();
      spawnSync(process.execPath, args, { stdio: 'ignore' });
      if (i >= 2) times[c].push(Number(process.hrtime.bigint() - t) / 1e6); // two warm-up rounds
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

console.log(`bosswatch benchmark (${RUNS} runs each after 2 warm-ups; medians; node ${process.version}, ${process.platform})\n`);

if (process.platform === 'linux') {
  const FLOOR_CJS = FLOOR.replace("import fs from 'node:fs';", "const fs = require('fs');");
  const [floorCjs, floor, scan, json] = wall([['-e', FLOOR_CJS], ['--input-type=module', '-e', FLOOR], [BIN, 'scan'], [BIN, 'scan', '--format', 'json']]);
  const procs = spawnSync('sh', ['-c', 'ls -d /proc/[0-9]* | wc -l'], { encoding: 'utf8' }).stdout.trim();
  console.log('Live scan of this machine (whole process, wall clock)');
  console.log(`  bare /proc read, CommonJS (node -e)  ${ms(floorCjs.median)} (min ${ms(floorCjs.min)}), ${procs} processes`);
  console.log(`  bare /proc read, ES module (floor)   ${ms(floor.median)} (min ${ms(floor.min)})`);
  console.log(`  bosswatch scan (terminal report)     ${ms(scan.median)} (min ${ms(scan.min)})  ${(scan.median / floor.median).toFixed(2)}x the floor, ${(scan.median / floorCjs.median).toFixed(2)}x the CommonJS read`);
  console.log(`  bosswatch scan --format json         ${ms(json.median)} (min ${ms(json.min)})  ${(json.median / floor.median).toFixed(2)}x the floor, ${(json.median / floorCjs.median).toFixed(2)}x the CommonJS read`);
  console.log('  target: within 2x of the floor\n');
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
