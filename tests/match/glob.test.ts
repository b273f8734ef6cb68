import { describe, expect, it } from 'vitest';
import { compileGlob, wildcardCounts } from '../../src/match/glob.js';

const P = { path: true, caseInsensitive: true };
const N = { path: false, caseInsensitive: false };

describe('glob automaton', () => {
  it('`*` stays in one folder, `**` crosses folders, `?` is one character', () => {
    const g = compileGlob('C:\\ProgramData\\X\\*\\agent.exe', P);
    expect(g.test('C:\\ProgramData\\X\\1.2\\agent.exe')).toBe(true);
    expect(g.test('c:/programdata/x/1.2/AGENT.EXE')).toBe(true);
    expect(g.test('C:\\ProgramData\\X\\1\\2\\agent.exe')).toBe(false);
    const gs = compileGlob('C:\\**\\Foo\\a.exe', P);
    expect(gs.test('C:\\Foo\\a.exe')).toBe(true);
    expect(gs.test('C:\\x\\y\\Foo\\a.exe')).toBe(true);
    expect(gs.test('C:\\xFoo\\a.exe')).toBe(false);
    expect(compileGlob('C:\\X\\a?.exe', P).test('C:\\X\\ab.exe')).toBe(true);
    expect(compileGlob('C:\\X\\a?.exe', P).test('C:\\X\\a\\.exe')).toBe(false);
    expect(compileGlob('/opt/x/**', { path: true, caseInsensitive: false }).test('/opt/x/a/b')).toBe(true);
    expect(compileGlob('/opt/X/*', { path: true, caseInsensitive: false }).test('/opt/x/a')).toBe(false);
  });

  it('folder globs match the folder and everything inside it, not a longer name', () => {
    const g = compileGlob('C:\\Users\\*\\AppData\\Roaming\\Foo', { ...P, folder: true });
    expect(g.test('C:\\Users\\ann\\AppData\\Roaming\\Foo')).toBe(true);
    expect(g.test('C:\\Users\\ann\\AppData\\Roaming\\Foo\\bin\\x.exe')).toBe(true);
    expect(g.test('C:\\Users\\ann\\AppData\\Roaming\\Foobar')).toBe(false);
  });

  it('name globs: `*` is any run of characters', () => {
    const g = compileGlob('ScreenConnect Client (*)', N);
    expect(g.test('ScreenConnect Client (3f4c1a2b9d)')).toBe(true);
    expect(g.test('ScreenConnect Client 3f4c')).toBe(false);
    expect(compileGlob('connectwisecontrol-*.app', N).test('connectwisecontrol-3f4c.app')).toBe(true);
    expect(compileGlob('abc', N).test('ABC')).toBe(false);
    expect(compileGlob('abc', { path: false, caseInsensitive: true }).test('ABC')).toBe(true);
    expect(compileGlob('a.c', N).test('abc')).toBe(false);
    expect(compileGlob('a(b|c)+', N).test('a(b|c)+')).toBe(true);
  });

  it('runs in linear time on wildcard-heavy globs and big inputs (100 KB well under 1 s)', () => {
    const big = 'a'.repeat(100_000);
    const cases: [string, { path: boolean; caseInsensitive: boolean }, string][] = [
      ['aaa*a*a*a*a*a*a*a*a*a*b', N, big],
      ['C:\\ProgramData\\X\\*a*a*a*a*a*a*a*a*b', P, `C:\\ProgramData\\X\\${big}`],
      ['\\**\\**\\**\\**\\', P, '\\a'.repeat(50_000)],
      ['**a**a**a**a**a**a**a**b', P, 'a\\'.repeat(50_000)],
    ];
    for (const [glob, opts, input] of cases) {
      const g = compileGlob(glob, opts);
      const t0 = performance.now();
      expect(g.test(input)).toBe(false);
      expect(performance.now() - t0).toBeLessThan(1000);
    }
    expect(compileGlob('aaa*a*a*a*a*a*a*a*a*a*b', N).test(`${big}b`)).toBe(true);
  });

  it('counts wildcards for the validator', () => {
    expect(wildcardCounts('a*b**c?d***')).toEqual({ star: 1, globstar: 2, one: 1 });
  });
});
