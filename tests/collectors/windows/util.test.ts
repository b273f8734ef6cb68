import { describe, expect, it } from 'vitest';
import {
  asArray,
  cimDateToIso,
  decodeText,
  expandEnv,
  extractExecutablePath,
  filetimeToIso,
  longKey,
  normaliseWinPath,
  shortKey,
  splitCommandLine,
} from '../../../src/collectors/windows/util.js';

describe('asArray (ConvertTo-Json shapes)', () => {
  it('wraps a single object, drops null, unwraps {value, Count}', () => {
    expect(asArray({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asArray(null)).toEqual([]);
    expect(asArray(undefined)).toEqual([]);
    expect(asArray([1, 2])).toEqual([1, 2]);
    expect(asArray({ value: [{ a: 1 }], Count: 1 })).toEqual([{ a: 1 }]);
  });
});

describe('extractExecutablePath', () => {
  const env = { SystemRoot: 'C:\\WINDOWS', LOCALAPPDATA: 'C:\\Users\\amartin\\AppData\\Local' };
  it.each([
    ['"C:\\Program Files\\X\\x.exe" -k args', 'C:\\Program Files\\X\\x.exe'],
    ['C:\\WINDOWS\\system32\\svchost.exe -k LocalServiceNetworkRestricted -p', 'C:\\WINDOWS\\system32\\svchost.exe'],
    ['C:\\Program Files\\Foo Bar\\svc.exe -run', 'C:\\Program Files\\Foo Bar\\svc.exe'],
    ['C:\\Program Files\\Foo Bar\\svc.exe', 'C:\\Program Files\\Foo Bar\\svc.exe'],
    ['%SystemRoot%\\System32\\svchost.exe -k smphost', 'C:\\WINDOWS\\System32\\svchost.exe'],
    ['%systemroot%\\system32\\dns.exe', 'C:\\WINDOWS\\system32\\dns.exe'],
    ['"%localappdata%\\Microsoft\\OneDrive\\OneDrive.exe" /background', 'C:\\Users\\amartin\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe'],
    ['%ProgramFiles%\\Windows Defender\\MsMpEng.exe', 'C:\\Program Files\\Windows Defender\\MsMpEng.exe'],
    ['\\??\\C:\\WINDOWS\\system32\\drivers\\winverbs.sys', 'C:\\WINDOWS\\system32\\drivers\\winverbs.sys'],
    ['\\SystemRoot\\System32\\drivers\\kbdclass.sys', 'C:\\WINDOWS\\System32\\drivers\\kbdclass.sys'],
    ['System32\\drivers\\mouclass.sys', 'C:\\WINDOWS\\System32\\drivers\\mouclass.sys'],
    ['"C:\\ProgramData\\{4CEC2908-5CE4-48F0-A717-8FC833D8017A}\\tmagentsvc.exe" --service', 'C:\\ProgramData\\{4CEC2908-5CE4-48F0-A717-8FC833D8017A}\\tmagentsvc.exe'],
    ['C:\\Windows\\System32\\rundll32.exe C:\\x\\y.dll,Entry', 'C:\\Windows\\System32\\rundll32.exe'],
  ])('%s', (cmd, want) => {
    expect(extractExecutablePath(cmd, env)).toBe(want);
  });
  it('returns undefined without an absolute path', () => {
    expect(extractExecutablePath('MsiExec.exe /X{12B6D916-FD64-471C-8EF7-C04443A75F8D}', env)).toBeUndefined();
    expect(extractExecutablePath('', env)).toBeUndefined();
    expect(extractExecutablePath(null, env)).toBeUndefined();
    expect(extractExecutablePath('%UNKNOWNVAR%\\x.exe', env)).toBeUndefined();
  });
  it('keeps UNC paths', () => {
    expect(normaliseWinPath('\\\\server\\share\\agent.exe')).toBe('\\\\server\\share\\agent.exe');
  });
});

describe('expandEnv', () => {
  it('is case-insensitive and leaves unknown variables', () => {
    expect(expandEnv('%WINDIR%\\x;%NOPE%', { windir: 'C:\\Windows' })).toBe('C:\\Windows\\x;%NOPE%');
    expect(expandEnv('%ProgramFiles(x86)%\\Google')).toBe('C:\\Program Files (x86)\\Google');
  });
});

describe('splitCommandLine (CommandLineToArgvW rules)', () => {
  it('splits the real Win32_Process command lines, trailing space included', () => {
    expect(splitCommandLine('"C:\\MT5PortableShadowFixObservers\\terminal64.exe" /portable ')).toEqual(['C:\\MT5PortableShadowFixObservers\\terminal64.exe', '/portable']);
    expect(splitCommandLine('C:\\MT5PortableRepairLane\\terminal64.exe /portable /config:C:\\MT5PortableRepairLane\\Config\\a3_arm_attach_startup.ini')).toEqual([
      'C:\\MT5PortableRepairLane\\terminal64.exe',
      '/portable',
      '/config:C:\\MT5PortableRepairLane\\Config\\a3_arm_attach_startup.ini',
    ]);
  });
  it('handles quotes and backslashes in later arguments', () => {
    expect(splitCommandLine('a.exe "b c" d\\"e "f\\\\" g""h')).toEqual(['a.exe', 'b c', 'd"e', 'f\\', 'gh']);
    expect(splitCommandLine('x.exe /n "C:\\Users\\a\\Q4 plan.docx" /o ""')).toEqual(['x.exe', '/n', 'C:\\Users\\a\\Q4 plan.docx', '/o', '']);
    expect(splitCommandLine('"C:\\Program Files\\a\\b.exe"')).toEqual(['C:\\Program Files\\a\\b.exe']);
    expect(splitCommandLine('   ')).toEqual([]);
  });
});

describe('dates', () => {
  it('decodes FILETIMEs from reg.exe hex and PowerShell decimal text; 0 is unset', () => {
    expect(filetimeToIso('0x1dd267290343486')).toBe('2026-08-07T13:42:17.845Z');
    expect(filetimeToIso('134305837378450566')).toBe('2026-08-07T13:42:17.845Z');
    expect(filetimeToIso('0x0')).toBeUndefined();
    expect(filetimeToIso(0)).toBeUndefined();
    expect(filetimeToIso('garbage')).toBeUndefined();
  });
  it('decodes PowerShell 5.1 "/Date(ms)/" and ISO dates', () => {
    expect(cimDateToIso('/Date(1790077571033)/')).toBe('2026-09-22T11:46:11.033Z');
    expect(cimDateToIso('/Date(1790077571033+0200)/')).toBe('2026-09-22T11:46:11.033Z');
    expect(cimDateToIso('2026-09-22T13:46:11.0330000+02:00')).toBe('2026-09-22T11:46:11.033Z');
    expect(cimDateToIso(12)).toBeUndefined();
  });
});

describe('decodeText', () => {
  it('removes BOMs and decodes UTF-16LE', () => {
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[{"a":"č"}]', 'utf16le')]);
    expect(decodeText(u16)).toBe('[{"a":"č"}]');
    const be = Buffer.from('[{"a":"č"}]', 'utf16le');
    be.swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe('[{"a":"č"}]');
    expect(decodeText(Buffer.from('\uFEFF{"x":1}', 'utf8'))).toBe('{"x":1}');
    expect(decodeText(Buffer.from('{"x":1}', 'utf16le'))).toBe('{"x":1}');
    expect(decodeText('\uFEFFabc')).toBe('abc');
  });
});

describe('registry key names', () => {
  it('converts between hive spellings', () => {
    expect(shortKey('HKEY_LOCAL_MACHINE\\SOFTWARE\\X\\')).toBe('HKLM\\SOFTWARE\\X');
    expect(shortKey('Registry::HKEY_CURRENT_USER\\Software')).toBe('HKCU\\Software');
    expect(shortKey('HKLM:\\SOFTWARE')).toBe('HKLM\\SOFTWARE');
    expect(shortKey('hku\\S-1-5-18')).toBe('HKU\\S-1-5-18');
    expect(longKey('HKLM\\SOFTWARE\\Veyon Solutions')).toBe('HKEY_LOCAL_MACHINE\\SOFTWARE\\Veyon Solutions');
    expect(longKey('HKU\\S-1-5-18')).toBe('HKEY_USERS\\S-1-5-18');
    expect(longKey('BOGUS\\X')).toBeUndefined();
  });
});
