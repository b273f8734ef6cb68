import { readText } from '../shared/read.js';
import { arch, hostname, release } from 'node:os';
import type { Host } from '../../snapshot/schema.js';

/** PRETTY_NAME (or NAME VERSION) from os-release. */
export function parseOsRelease(text: string): string | undefined {
  const f: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) f[m[1]] = m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return f.PRETTY_NAME ?? ([f.NAME, f.VERSION].filter(Boolean).join(' ') || undefined);
}

export function linuxHost(): Host {
  let os: string | undefined;
  for (const p of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      os = parseOsRelease(readText(p));
      break;
    } catch {
      // try the next location
    }
  }
  return { platform: 'linux', os_version: `${os ?? 'Linux'} (kernel ${release()})`, hostname: hostname(), arch: arch() };
}
