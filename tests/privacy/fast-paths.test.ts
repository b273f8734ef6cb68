// The report's redaction takes short cuts for speed (skip a pattern whose text does not occur, digest without a
// redacted copy): these tests hold them to the plain forms they replace, on the examples and on hostile input.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/evidence/canonical.js';
import { makeRedactor, redactSnapshot, redactedCanonicalJson } from '../../src/privacy/redact.js';

const DIRS = ['../../examples/snapshots/', '../../tests/fixtures/snapshots/'].map((d) => new URL(d, import.meta.url));
const SNAPSHOTS = DIRS.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(new URL(f, d), 'utf8'))));

// the redactor's text() as it was before the short cuts: every pattern on every string
const HOME_RES: readonly RegExp[] = [
  /(?<![\p{L}\p{N}_-])(\/home\/)([^/\s"'<>|:;,()\\]+)/gu,
  /(?<![\p{L}\p{N}_-])(\/Users\/)([^/\s"'<>|:;,()\\]+)/gu,
  new RegExp(String.raw`(?<![\p{L}\p{N}_])([A-Za-z]:[\\/]+(?:Users|Documents and Settings)[\\/]+)((?:[^\\/"'<>|:*?\r\n]+?(?=[\\/]))|[^\\/\s"'<>|:*?,;()]+)`, 'giu'),
];
const NOT_PERSONAL = new Set(['root', 'shared', 'public', 'default', 'default user', 'defaultuser0', 'all users', 'guest', 'administrator', 'system', 'daemon', 'nobody', 'user', 'users', 'admin', '<user>', 'localservice', 'networkservice', 'systemprofile']);
const personal = (name: string) => name.length >= 2 && !NOT_PERSONAL.has(name.toLowerCase()) && !name.includes('<');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function plainText(users: string[], hosts: string[]) {
  const wordRe = (w: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}_.-])${escapeRe(w)}(?![\\p{L}\\p{N}_-])`, flags);
  const userRes = users.map((u) => wordRe(u, 'gu'));
  const hostRes = hosts.map((h) => wordRe(h, 'giu'));
  return (s: string) => {
    let out = s;
    for (const re of HOME_RES) out = out.replace(re, (m, root: string, name: string) => (personal(name.trim()) ? `${root}<user>` : m));
    for (const re of hostRes) out = out.replace(re, '<host>');
    for (const re of userRes) out = out.replace(re, '<user>');
    return out;
  };
}

describe('redaction short cuts', () => {
  // names with letters that case-fold across scripts (ſ matches s, K matches k under /iu), a name that is a replacement
  const HOSTS = ['zelda-laptop', 'ſerver9', 'KIOSK-2', 'host>', 'ab'];
  const USERS = ['zelda', 'Ĳsbrand', 'ab'];
  const pieces = ['/home/', '/Users/', 'C:\\Users\\', 'c:/users/', ':\\', ' ', '-', '.', '<host>', '\u017f', '\u212a', 'İ', 'é', ...HOSTS, ...USERS, ...HOSTS.map((h) => h.toUpperCase())];

  it('text() equals every pattern applied to every string', () => {
    const r = makeRedactor([], { hostnames: HOSTS, users: USERS });
    const hosts = [...new Set(HOSTS.flatMap((h) => [h, h.split('.')[0]]))].filter((h) => h.length >= 2 && h !== 'localhost').sort((a, b) => b.length - a.length);
    const plain = plainText([...USERS].filter(personal).sort((a, b) => b.length - a.length), hosts);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        expect(r.text(s)).toBe(plain(s));
      }),
      { numRuns: 3000 },
    );
    for (const s of SNAPSHOTS.flatMap((x) => JSON.stringify(x).split('"'))) expect(r.text(s)).toBe(plain(s));
  });

  it('the snapshot digest without a redacted copy equals canonicalJson of the redacted copy', () => {
    const hostile = {
      host: { platform: 'linux', hostname: 'zelda-laptop', os_version: 'x' },
      __proto__x: 1,
      processes: [{ pid: 1, name: 'a', user: 'zelda', path: '/home/zelda/a', serial_number: 'S1', extra: undefined, fn: () => 1 }],
      rows: [null, 3, true, 'zelda-laptop.corp', [undefined]],
      ['10']: { b: 1, a: [undefined, () => 0, { uuid: 'u', Z: 'z' }] },
      nested: JSON.parse('{"__proto__": {"user": "zelda"}, "hostname": "h", "ok": "/Users/zelda/x"}'),
    };
    for (const snap of [...SNAPSHOTS, hostile]) {
      for (const opts of [{}, { users: ['zelda', 'sam'], hostnames: ['zelda-laptop'] }, { redactTenant: true, tenantSuffixes: ['teramind.co'] }]) {
        expect(redactedCanonicalJson(snap, opts)).toBe(canonicalJson(redactSnapshot(snap, opts)));
      }
    }
  });
});
