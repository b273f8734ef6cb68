// Bundles dist/cli.js and what it imports into dist/bundle/ (a build output, written only by `npm run build`):
// Node's ES module loader spends ~1 ms resolving and linking each of the ~100 files a scan loads, more than the
// code itself costs. Commands stay separate chunks, loaded on demand, so zod and yaml are still never on a scan's path.
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const out = `${dist}bundle`;
rmSync(out, { recursive: true, force: true });

let rolldown;
try {
  rolldown = await import('rolldown');
} catch {
  // without dev dependencies (npm install --omit=dev) bin/bosswatch.js runs dist/cli.js directly, only slower
  console.error('bundle: rolldown is not installed; bin/bosswatch.js will load dist/cli.js module by module');
  process.exit(0);
}

// What a scan (live or of a snapshot) loads statically goes into one chunk: one file to read, resolve and link
const core = new Set();
const visit = (file) => {
  if (core.has(file) || !file.startsWith(dist) || !existsSync(file)) return;
  core.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
    if (m[1].startsWith('.')) visit(resolve(dirname(file), m[1]));
  }
};
['cli.js', 'commands/scan.js', 'collectors/registry.js', 'collectors/linux/index.js', 'snapshot/load.js', 'report/index.js'].forEach((f) => visit(dist + f));

await rolldown.build({
  input: { cli: `${dist}cli.js` },
  platform: 'node',
  // built-ins stay imports; npm dependencies (commander, chalk, zod, yaml) are bundled like our own modules
  external: [/^node:/],
  logLevel: 'warn',
  // expected: manualChunks puts the scan's modules in one chunk whether they are imported statically or not
  onwarn: (w, warn) => (w.code === 'INEFFECTIVE_DYNAMIC_IMPORT' ? undefined : warn(w)),
  output: {
    dir: out,
    // CommonJS, so that bin/bosswatch.js can compile each chunk with the code cache made below (vm.Script takes
    // cached data; Node's ES module loader does not)
    format: 'cjs',
    // import('node:crypto') as require(): a vm.Script has no loader for import()
    dynamicImportInCjs: false,
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    sourcemap: false,
    manualChunks: (id) => (core.has(id) || /[\\/]node_modules[\\/]commander[\\/]/.test(id) ? 'core' : null),
  },
});
if (!existsSync(`${out}/cli.cjs`)) throw new Error('bundle: dist/bundle/cli.cjs was not written');
copyFileSync(fileURLToPath(new URL('bundle-loader.cjs', import.meta.url)), `${out}/load.cjs`);

// The V8 code cache of each chunk, made after scans of the example snapshots in this process: it then holds the
// bytecode of every function a scan runs, not only of the top level (V8 compiles functions when first called).
const { load, scripts } = createRequire(import.meta.url)(`${out}/load.cjs`);
const { runCli } = load(`${out}/cli.cjs`);
const examples = fileURLToPath(new URL('../examples/snapshots/', import.meta.url));
const silent = { out: () => {}, err: () => {} };
for (const name of ['ubuntu-monitored', 'windows-monitored', 'macos-monitored']) {
  for (const format of ['terminal', 'json']) await runCli(['node', 'bosswatch', 'scan', '--snapshot', `${examples}${name}.json`, '--format', format], silent);
}
for (const [file, script] of scripts) writeFileSync(`${file}.cache`, script.createCachedData());
console.error(`bundled the CLI into dist/bundle/ (code cache of ${scripts.size} chunks)`);
