'use strict';
// Copied to dist/bundle/load.cjs by scripts/bundle-cli.mjs. Runs the bundle's CommonJS chunks through vm.Script with
// the V8 code cache the build wrote beside each (<chunk>.cache): compiling the scan's ~600 KB of code at every start
// costs more than reading its bytecode. A cache made by another Node (V8 version or flags) is rejected by V8, which
// then compiles the source as usual; nothing is ever written at run time.
const { readFileSync, statSync } = require('node:fs');
const { basename, dirname, join } = require('node:path');
const { Script } = require('node:vm');

// the wrapper Node's own CommonJS loader uses, on a line of its own so that stack traces keep their line numbers
const HEADER = '(function (exports, require, module, __filename, __dirname) {\n';

const modules = new Map();
/** Each chunk's compiled script, for scripts/bundle-cli.mjs to make the caches from after a warm-up run. */
const scripts = new Map();

/** The cache beside a chunk, unless it is older than the chunk (a chunk rebuilt or edited without its cache). */
function cacheOf(file) {
  const cache = statSync(`${file}.cache`, { throwIfNoEntry: false });
  if (!cache || cache.mtimeMs < statSync(file).mtimeMs) return undefined;
  return readFileSync(`${file}.cache`);
}

function load(file) {
  const done = modules.get(file);
  if (done) return done.exports;
  const module = { exports: {}, id: file, filename: file, loaded: false };
  modules.set(file, module);
  // the cache keeps the file name it was made with (stack traces show it): the same one wherever the package is,
  // copied into a string of its own (a slice of `file` would carry the builder's whole path into the cache)
  const filename = Buffer.from(`bosswatch/dist/bundle/${basename(file)}`).toString();
  const script = new Script(`${HEADER}${readFileSync(file, 'utf8')}\n})`, { filename, lineOffset: -1, cachedData: cacheOf(file) });
  scripts.set(file, script);
  const dir = dirname(file);
  // chunks require each other by relative name; everything else they require is a Node built-in
  const req = (id) => (id.startsWith('./') ? load(join(dir, id)) : require(id));
  script.runInThisContext()(module.exports, req, module, file, dir);
  module.loaded = true;
  return module.exports;
}

module.exports = { load, scripts };
