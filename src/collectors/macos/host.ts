import os from 'node:os';
import type { Host } from '../../snapshot/schema.js';
import type { Collector } from '../types.js';
import { isDict, parsePlist, str } from './plist.js';
import { defaultFs, errorMessage, type MacFs } from './util.js';
import { reason, type CodedReason } from '../shared/reason.js';

const SOURCE = 'macos/host';
export const SYSTEM_VERSION_PLIST = '/System/Library/CoreServices/SystemVersion.plist';
const SYSCTL = '/usr/sbin/sysctl';

/** Reads ProductName / ProductVersion / ProductBuildVersion from SystemVersion.plist. */
export function parseSystemVersion(raw: string | Uint8Array): Partial<Host> {
  const p = parsePlist(raw);
  if (!isDict(p)) return {};
  const name = str(p.ProductName) ?? 'macOS';
  const version = str(p.ProductVersion);
  const build = str(p.ProductBuildVersion);
  if (!version) return {};
  const host: Partial<Host> = { os_version: `${name} ${version}${build ? ` (${build})` : ''}`, product_version: version };
  if (build) host.build = build;
  return host;
}

export function normaliseArch(nodeArch: string): string {
  return nodeArch === 'x64' ? 'x86_64' : nodeArch;
}

export function createHostCollector(deps: { fs?: MacFs; hostname?: () => string; arch?: () => string } = {}): Collector {
  const fs = deps.fs ?? defaultFs;
  const hostname = deps.hostname ?? os.hostname;
  const arch = deps.arch ?? (() => process.arch);
  return {
    id: SOURCE,
    tables: [],
    async collect(ctx) {
      const host: Partial<Host> = { platform: 'macos' };
      let problem: CodedReason | undefined;
      try {
        Object.assign(host, parseSystemVersion(await fs.readFile(SYSTEM_VERSION_PLIST)));
      } catch (e) {
        problem = reason('host-version-unread', { path: SYSTEM_VERSION_PLIST, detail: errorMessage(e) });
      }
      if (!host.os_version) host.os_version = `macOS (Darwin ${os.release()})`;
      try {
        const h = hostname();
        if (h) host.hostname = h;
      } catch {
        // No hostname is not worth a failure.
      }
      let a = normaliseArch(arch());
      if (a === 'x86_64') {
        // An Intel build of Node under Rosetta reports x64 on Apple silicon.
        const r = await ctx.exec(SYSCTL, ['-n', 'hw.optional.arm64'], { timeoutMs: 5_000 });
        if (!r.error && r.code === 0 && r.stdout.trim() === '1') {
          a = 'arm64';
          host.rosetta = true;
        }
      }
      host.arch = a;
      return { tables: {}, coverage: problem ? [{ source: SOURCE, table: 'host', status: 'partial', ...problem }] : [], host };
    },
  };
}

export const hostCollector = createHostCollector();
