import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package folder (holding package.json), found from this file whether it runs from src/, dist/ or a bundle. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('bosswatch: cannot find its package.json');
    dir = up;
  }
  return dir;
}

export const PACKAGE_ROOT = packageRoot();
export const BUILTIN_RULES_DIR = join(PACKAGE_ROOT, 'rules');
export const RULES_BUNDLE = join(PACKAGE_ROOT, 'dist', 'rules.json');
