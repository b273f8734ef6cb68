import { readdirSync } from 'node:fs';
import { LINUX_FIXED_HOMES, LINUX_HOME_PARENTS } from '../../platform/linux.js';

/** Home folders to look in: all of them when we can read them (root), otherwise the user's own. */
export function homeDirs(home: string, elevated: boolean): string[] {
  if (!elevated) return [home];
  const homes = new Set([home, ...LINUX_FIXED_HOMES]);
  for (const parent of LINUX_HOME_PARENTS) {
    try {
      for (const e of readdirSync(parent, { withFileTypes: true })) if (e.isDirectory()) homes.add(`${parent}/${e.name}`);
    } catch {
      // no /home on this system
    }
  }
  return [...homes];
}
