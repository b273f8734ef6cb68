import { describe, expect, it } from 'vitest';
import { SECTION_NAMES } from '../../../src/collectors/windows/inventory.js';
import { filePatterns, psJsonLiteral, registryPatterns, segmentRegex } from '../../../src/collectors/windows/patterns.js';
import { buildInventoryScript } from '../../../src/collectors/windows/script.js';
import { findSuspicious } from '../../../src/collectors/windows/suspicious.js';

const rulePaths = {
  exact: ['C:\\ProgramData\\{4CEC2908-5CE4-48F0-A717-8FC833D8017A}', 'C:\\Program Files\\Veyon'],
  globs: ['C:\\ProgramData\\Teramind Agent\\**\\tmagentsvc.exe', 'C:\\Users\\*\\AppData\\Roaming\\workpuls-agent'],
};
const keys = ['HKLM\\SOFTWARE\\Veyon Solutions', 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\tsvchst'];

/** The config literal embedded in the script, decoded as ConvertFrom-Json would see it. */
function embeddedConfig(script: string): unknown {
  const m = /ConvertFrom-Json '([^']*)'/.exec(script);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]);
}

describe('buildInventoryScript', () => {
  const script = buildInventoryScript(rulePaths, keys);
  const lines = script.split('\n');

  it('is one "& { ... }" block followed by a blank line, with no blank line inside (stdin is read like typed input)', () => {
    expect(lines[0]).toBe('& {');
    expect(script.endsWith('\n}\n\n')).toBe(true);
    const inner = lines.slice(1, lines.length - 3);
    expect(inner.length).toBeGreaterThan(100);
    expect(inner.every((l) => l.trim() !== '')).toBe(true);
    expect(inner.some((l) => /^\s*#/.test(l))).toBe(false);
  });

  it('is plain ASCII with no backticks, and the placeholder is replaced', () => {
    expect(/[^\x09\x0a\x20-\x7e]/.test(script)).toBe(false);
    expect(script.includes('`')).toBe(false);
    expect(script.includes('__BOSSWATCH_CONFIG__')).toBe(false);
  });

  it('has one section per parsed section, in a known order, and prints the closing brace last', () => {
    const names = [...script.matchAll(/^Section '(\w+)' \{$/gm)].map((m) => m[1]);
    // host and profiles feed the other sections and have no coverage row of their own; behaviour_facts
    // (src/collectors/windows/behaviour-facts.ts) is parsed on its own, after the inventory sections
    expect(names).toEqual(['host', 'profiles', ...SECTION_NAMES, 'behaviour_facts']);
    expect(lines[lines.length - 4]).toBe("Write-Output '}'");
  });

  it('balances braces and parentheses outside string literals', () => {
    const code = script.replace(/'[^']*'/g, "''").replace(/"[^"]*"/g, '""');
    const count = (c: string) => code.split(c).length - 1;
    expect(count('{')).toBe(count('}'));
    expect(count('(')).toBe(count(')'));
  });

  it('embeds the rule paths and keys as data', () => {
    expect(embeddedConfig(script)).toEqual({
      files: [
        { src: 'C:\\ProgramData\\{4CEC2908-5CE4-48F0-A717-8FC833D8017A}', segs: ['C:', 'ProgramData', '{4CEC2908-5CE4-48F0-A717-8FC833D8017A}'] },
        { src: 'C:\\Program Files\\Veyon', segs: ['C:', 'Program Files', 'Veyon'] },
        { src: 'C:\\ProgramData\\Teramind Agent\\**\\tmagentsvc.exe', segs: ['C:', 'ProgramData', 'Teramind Agent', { any: 1 }, 'tmagentsvc.exe'] },
        { src: 'C:\\Users\\*\\AppData\\Roaming\\workpuls-agent', segs: [{ home: 1 }, 'AppData', 'Roaming', 'workpuls-agent'] },
      ],
      registry: [
        { src: 'HKLM\\SOFTWARE\\Veyon Solutions', segs: ['HKEY_LOCAL_MACHINE', 'SOFTWARE', 'Veyon Solutions'] },
        { src: 'HKLM\\SOFTWARE\\Veyon Solutions', segs: ['HKEY_LOCAL_MACHINE', 'SOFTWARE', 'WOW6432Node', 'Veyon Solutions'] },
        { src: 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\tsvchst', segs: ['HKEY_LOCAL_MACHINE', 'SYSTEM', 'CurrentControlSet', 'Services', 'tsvchst'] },
      ],
    });
  });

  it('cannot be broken out of by hostile rule data', () => {
    const evil = ["C:\\x'; Remove-Item C:\\ -Recurse; '", 'C:\\y\r\n}\r\n\r\nStop-Computer', 'C:\\z\u2019)\u201b$(calc)', 'C:\\$&\\$\'\\a'];
    const s = buildInventoryScript({ exact: evil, globs: [] }, ["HKLM\\SOFTWARE\\a'b"]);
    const configLines = s.split('\n').filter((l) => l.includes("ConvertFrom-Json '"));
    expect(configLines).toHaveLength(1);
    // the literal holds no quote of any kind PowerShell honours, and no line break
    const literal = /ConvertFrom-Json '([^']*)' \}/.exec(configLines[0])![1];
    expect(/['\u2018-\u201b\r\n]/.test(literal)).toBe(false);
    const cfg = JSON.parse(literal) as { files: { src: string }[]; registry: { src: string }[] };
    expect(cfg.files.map((f) => f.src)).toEqual(evil);
    expect(cfg.registry[0].src).toBe("HKLM\\SOFTWARE\\a'b");
    expect(s.slice(0, -1).includes('\n\n')).toBe(false);
    expect(/[^\x09\x0a\x20-\x7e]/.test(s)).toBe(false);
  });
});

describe('suspicious words in rule data', () => {
  it('are broken by one \\u escape inside the string, outside escape sequences, and decode unchanged', () => {
    const data = { files: [{ src: 'C:\\Vendor\\Properties\\tEmit.exe' }], registry: [{ src: 'HKLM\\SOFTWARE\\NonPublic\nBypass' }] };
    const lit = psJsonLiteral(data);
    expect(findSuspicious(lit)).toBeUndefined();
    expect(JSON.parse(lit.slice(1, -1))).toEqual(data);
    expect(findSuspicious(JSON.stringify(data))?.word).toBe('Properties');
  });

  it('catch the word anywhere, in any case', () => {
    expect(findSuspicious('$x.PSObject.pRoPeRtIeS')).toEqual({ word: 'pRoPeRtIeS', index: 12 });
    expect(findSuspicious('Get-ItemProperty -Name Property')).toBeUndefined();
    expect(findSuspicious('a kernel32 b')?.word).toBe('kernel32');
  });
});

describe('psJsonLiteral', () => {
  it('escapes apostrophes and non-ASCII as JSON \\u escapes', () => {
    expect(psJsonLiteral({ a: "it's č" })).toBe("'{\"a\":\"it\\u0027s \\u010d\"}'");
    expect(psJsonLiteral(['😀'])).toBe("'[\"\\ud83d\\ude00\"]'");
  });
});

describe('walk patterns', () => {
  it('expands per-user and machine variables, drops relative and unknown ones', () => {
    const pats = filePatterns({
      exact: ['%APPDATA%\\workpuls-agent', '%ProgramData%\\spc', '%USERPROFILE%\\.agent', 'relative\\path', '%WEIRD%\\x', 'c:\\program files\\x'],
      globs: ['C:\\ProgramData\\spc', 'D:\\Tools\\a?b*.exe'],
    });
    expect(pats.map((p) => [p.src, p.segs])).toEqual([
      ['%APPDATA%\\workpuls-agent', [{ home: 1 }, 'AppData', 'Roaming', 'workpuls-agent']],
      ['%ProgramData%\\spc', ['C:', 'ProgramData', 'spc']],
      ['%USERPROFILE%\\.agent', [{ home: 1 }, '.agent']],
      ['c:\\program files\\x', ['C:', 'program files', 'x']],
      ['D:\\Tools\\a?b*.exe', ['D:', 'Tools', { re: '^a.b.*\\.exe$' }]],
    ]);
  });

  it('segment regexes match like the rule glob (case-insensitively, as -match does)', () => {
    const re = (g: string) => new RegExp(segmentRegex(g), 'i');
    expect(re('tm*.exe').test('TMAgentSvc.EXE')).toBe(true);
    expect(re('tm*.exe').test('tm.exe.bak')).toBe(false);
    expect(re('{4CEC*}').test('{4cec2908-5ce4-48f0-a717-8fc833d8017a}')).toBe(true);
    expect(re('a+b (x86)?').test('a+b (x86)1')).toBe(true);
    expect(re('a+b (x86)?').test('aab (x86)1')).toBe(false);
  });

  it('registry keys: hive names, WOW6432Node copies for HKLM\\SOFTWARE only, globs', () => {
    expect(registryPatterns(['HKCU\\Software\\Foo', 'HKLM\\SOFTWARE\\WOW6432Node\\Bar', 'HKLM\\SOFTWARE\\Classes\\X', 'HKU\\*\\Software\\Agent*', 'BAD\\Key', 'HKLM']).map((p) => p.segs)).toEqual([
      ['HKEY_CURRENT_USER', 'Software', 'Foo'],
      ['HKEY_LOCAL_MACHINE', 'SOFTWARE', 'WOW6432Node', 'Bar'],
      ['HKEY_LOCAL_MACHINE', 'SOFTWARE', 'Classes', 'X'],
      ['HKEY_USERS', { re: '^.*$' }, 'Software', { re: '^Agent.*$' }],
    ]);
  });
});
