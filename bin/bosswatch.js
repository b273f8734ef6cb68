#!/usr/bin/env node
// `--version` alone is answered from package.json, without loading the CLI (it must cost about what `node -e 0` does).
const arg = process.argv.length === 3 ? process.argv[2] : undefined;
if (arg === '--version' || arg === '-V') {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  let cli;
  try {
    cli = await entry();
  } catch (e) {
    // a clone before `npm install` (no dist/, no node_modules/): say what to run instead of a module-not-found stack
    if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
    // --lang (before or after the command) wins over the environment, as in the CLI itself
    const args = process.argv.slice(2);
    const at = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
    const asked = at < 0 ? undefined : args[at] === '--lang' ? args[at + 1] : args[at].slice('--lang='.length);
    const es = /^es([_.@-]|$)/i.test(asked ?? (process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || ''));
    process.stderr.write(
      es
        ? 'bosswatch: todavía no está instalado en esta carpeta; ejecuta `npm install` y después `npm run scan` (o `npm run build`)\n'
        : 'bosswatch: not installed in this folder yet; run `npm install`, then `npm run scan` (or `npm run build`)\n',
    );
    process.exit(2);
  }
  process.exitCode = await cli.main(process.argv);
}

/**
 * The bundle `npm run build` writes (a few files instead of ~100 modules, with their V8 code cache), loaded by its
 * dist/bundle/load.cjs; dist/cli.js module by module when there is none or dist/ was rebuilt without it since.
 */
async function entry() {
  const { statSync } = await import('node:fs');
  const mtime = (rel) => statSync(new URL(rel, import.meta.url), { throwIfNoEntry: false })?.mtimeMs;
  const bundle = mtime('../dist/bundle/cli.cjs');
  if (bundle === undefined || bundle < (mtime('../dist/cli.js') ?? 0)) return import('../dist/cli.js');
  const { createRequire } = await import('node:module');
  const { fileURLToPath } = await import('node:url');
  return createRequire(import.meta.url)('../dist/bundle/load.cjs').load(fileURLToPath(new URL('../dist/bundle/cli.cjs', import.meta.url)));
}
