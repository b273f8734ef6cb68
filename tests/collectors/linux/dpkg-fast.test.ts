// The scan parses dpkg's status file from its bytes (parseDpkgStatus(Buffer)); it must give exactly what the text
// parser gives (parseDpkgStatus(string), the original algorithm), kept below as it was for comparison.
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDpkgStatus } from '../../../src/collectors/linux/packages.js';
import type { PackageRow } from '../../../src/snapshot/schema.js';

const FIXTURE = readFileSync(new URL('../../fixtures/linux/dpkg-status-debian12.txt', import.meta.url));

/** The parser before the byte-level one, unchanged. */
function oldParseDpkgStatus(text: string): PackageRow[] {
  const rows: PackageRow[] = [];
  const src = text.startsWith('Package: ') ? '\n' + text : text;
  let at = src.indexOf('\nPackage: ');
  while (at >= 0) {
    const next = src.indexOf('\nPackage: ', at + 1);
    const end = next < 0 ? src.length : next;
    const field = (name: string): string | undefined => {
      const i = src.indexOf(`\n${name}: `, at);
      if (i < 0 || i >= end) return undefined;
      const j = src.indexOf('\n', i + name.length + 3);
      return src.slice(i + name.length + 3, j < 0 || j > end ? end : j).trim();
    };
    const name = field('Package');
    if (name && / installed$/.test(field('Status') ?? '')) {
      const row: PackageRow = { name, source: 'dpkg' };
      const version = field('Version');
      const maintainer = field('Maintainer');
      if (version) row.version = version;
      if (maintainer) row.publisher = maintainer;
      rows.push(row);
    }
    at = next;
  }
  return rows;
}

const same = (bytes: Buffer) => {
  const text = bytes.toString('utf8');
  const old = oldParseDpkgStatus(text);
  expect(parseDpkgStatus(bytes)).toEqual(old);
  expect(parseDpkgStatus(text)).toEqual(old);
};

/** A status file of n packages in dpkg's layout: installed, removed-with-config and half-installed stanzas, CRLF, accents. */
function synthetic(n: number): Buffer {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const status = i % 17 === 0 ? 'deinstall ok config-files' : i % 29 === 0 ? 'install ok half-installed' : 'install ok installed';
    const nl = i % 101 === 0 ? '\r\n' : '\n';
    out.push(
      [`Package: pkg-${i}`, `Status: ${status}`, 'Priority: optional', 'Section: utils', `Installed-Size: ${i}`,
        ...(i % 13 === 0 ? [] : [`Maintainer: Zoë Ñandú ${i} <dev${i}@example.org>`]), 'Architecture: amd64',
        ...(i % 11 === 0 ? [] : [`Version: ${i}.0-${i % 7}+deb12u1`]), `Depends: libc6 (>= 2.34), pkg-${i + 1}`,
        `Description: synthetic package ${i}`, ' a continuation line that mentions', ' Package: not-a-field and Version: 9',
        ' .', ` Status: install ok installed`].join(nl),
    );
  }
  return Buffer.from(out.join('\n\n') + '\n');
}

describe('the byte-level dpkg status parser', () => {
  it('equals the old parser on the recorded Debian 12 file', () => {
    same(FIXTURE);
    expect(parseDpkgStatus(FIXTURE).length).toBe(4);
  });

  it('equals the old parser on a synthetic 10,000-package status file', () => {
    const big = synthetic(10_000);
    same(big);
    expect(parseDpkgStatus(big).length).toBeGreaterThan(8000);
  });

  it.skipIf(!existsSync('/var/lib/dpkg/status'))('equals the old parser on this machine\'s own status file', () => {
    same(readFileSync('/var/lib/dpkg/status'));
  });

  it('equals the old parser on status files with random bytes spliced in (invalid UTF-8, BOM, no trailing newline)', () => {
    const base = synthetic(40);
    const piece = fc.oneof(
      fc.uint8Array({ maxLength: 6 }),
      fc.constantFrom(...['\n', '\nPackage: ', '\nStatus: ', ' installed', '\nVersion: ', '\nMaintainer: ', '\uFEFF', '\r', '\xE9', 'Package: '].map((s) => new Uint8Array(Buffer.from(s)))),
      fc.constantFrom(new Uint8Array([0xc3]), new Uint8Array([0xe2, 0x82]), new Uint8Array([0xf0, 0x9f, 0x98]), new Uint8Array([0xff, 0xfe])),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length), piece), { maxLength: 8 }), fc.nat(base.length), (edits, cut) => {
        let bytes = Buffer.from(base);
        for (const [pos, p] of edits) bytes = Buffer.concat([bytes.subarray(0, pos % (bytes.length + 1)), Buffer.from(p), bytes.subarray(pos % (bytes.length + 1))]);
        same(bytes.subarray(0, Math.max(cut, bytes.length - 200)));
        same(Buffer.concat([Buffer.from('Package: first\nStatus: install ok installed\n'), bytes]));
      }),
      { numRuns: 400 },
    );
  });
});
