import { readdirSync } from 'node:fs';

/** Home folders to look in: all of them when we can read them (root), otherwise the user's own. */
export function homeDirs(home: string, elevated: boolean): string[] {
  if (!elevated) return [home];
  const homes = new Set([home, '/root']);
  try {
    for (const e of readdirSync('/home', { withFileTypes: true })) if (e.isDirectory()) homes.add(`/home/${e.name}`);
  } catch {
    // no /home on this system
  }
  return [...homes];
}
