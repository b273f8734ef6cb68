#!/usr/bin/env node
// `--version` alone is answered from package.json, without loading the CLI (it must cost about what `node -e 0` does).
const arg = process.argv.length === 3 ? process.argv[2] : undefined;
if (arg === '--version' || arg === '-V') {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const { main } = await import('../dist/cli.js');
  process.exitCode = await main(process.argv);
}
