import { describe, expect, it } from 'vitest';
import { cleanWindowsPath, expandWindowsEnv, expandWindowsRulePath, extractWindowsPaths, normWindowsPath } from '../../src/platform/windows.js';

describe('Windows path semantics', () => {
  it('expands machine-wide variables to their standard folders, case-insensitively', () => {
    expect(expandWindowsEnv('%ProgramFiles%\\X')).toBe('C:\\Program Files\\X');
    expect(expandWindowsEnv('%programfiles(x86)%\\X')).toBe('C:\\Program Files (x86)\\X');
    expect(expandWindowsEnv('%ProgramData%\\X')).toBe('C:\\ProgramData\\X');
    expect(expandWindowsEnv('%SystemRoot%\\System32')).toBe('C:\\Windows\\System32');
    expect(expandWindowsEnv('%windir%\\x')).toBe('C:\\Windows\\x');
    expect(expandWindowsEnv('%SystemDrive%\\x')).toBe('C:\\x');
    expect(expandWindowsEnv('%NOPE%\\x')).toBe('%NOPE%\\x');
    expect(expandWindowsEnv('%constructor%\\%__proto__%\\%toString%')).toBe('%constructor%\\%__proto__%\\%toString%');
  });

  it('turns per-user variables into one glob per home root, or the profiles a collector supplies', () => {
    expect(expandWindowsRulePath('%APPDATA%\\Foo')).toEqual([{ path: 'C:\\Users\\*\\AppData\\Roaming\\Foo', glob: true }]);
    expect(expandWindowsRulePath('%LOCALAPPDATA%\\Foo\\a.exe')).toEqual([{ path: 'C:\\Users\\*\\AppData\\Local\\Foo\\a.exe', glob: true }]);
    expect(expandWindowsRulePath('%USERPROFILE%\\.foo')).toEqual([{ path: 'C:\\Users\\*\\.foo', glob: true }]);
    expect(expandWindowsRulePath('%TEMP%\\foo')).toEqual([{ path: 'C:\\Users\\*\\AppData\\Local\\Temp\\foo', glob: true }]);
    expect(expandWindowsRulePath('%APPDATA%\\Foo', ['D:\\Profiles\\ann', 'D:\\Profiles\\bob'])).toEqual([
      { path: 'D:\\Profiles\\ann\\AppData\\Roaming\\Foo', glob: false },
      { path: 'D:\\Profiles\\bob\\AppData\\Roaming\\Foo', glob: false },
    ]);
    expect(expandWindowsRulePath('%ProgramFiles%\\Foo')).toEqual([{ path: 'C:\\Program Files\\Foo', glob: false }]);
  });

  it('spells one path one way: prefixes, separators, quotes, trailing and doubled separators', () => {
    expect(cleanWindowsPath('\\\\?\\C:\\Program Files\\X\\')).toBe('C:\\Program Files\\X');
    expect(cleanWindowsPath('\\??\\C:\\Windows\\x.sys')).toBe('C:\\Windows\\x.sys');
    expect(cleanWindowsPath('\\SystemRoot\\System32\\drivers\\x.sys')).toBe('C:\\Windows\\System32\\drivers\\x.sys');
    expect(cleanWindowsPath('system32\\drivers\\x.sys')).toBe('C:\\Windows\\system32\\drivers\\x.sys');
    expect(cleanWindowsPath('"C:/Program Files//X\\\\y.exe"')).toBe('C:\\Program Files\\X\\y.exe');
    expect(cleanWindowsPath('\\\\?\\UNC\\server\\share\\x')).toBe('\\\\server\\share\\x');
    expect(cleanWindowsPath('\\\\server\\share\\\\x')).toBe('\\\\server\\share\\x');
    expect(cleanWindowsPath('C:\\')).toBe('C:\\');
    expect(cleanWindowsPath('C:')).toBe('C:\\');
    expect(cleanWindowsPath('%APPDATA%\\Foo')).toBe('C:\\Users\\%USERNAME%\\AppData\\Roaming\\Foo');
    expect(normWindowsPath('C:\\PROGRAM FILES\\X')).toBe(normWindowsPath('c:\\program files\\x\\'));
  });
});

describe('extractWindowsPaths', () => {
  const x = (s: string) => extractWindowsPaths(s);
  it('reads quoted and unquoted service ImagePaths', () => {
    expect(x('"C:\\Program Files\\X\\x.exe" -arg')).toEqual(['C:\\Program Files\\X\\x.exe']);
    expect(x('C:\\Program Files\\X\\x.exe /service')).toEqual(['C:\\Program Files\\X\\x.exe']);
    expect(x('C:\\Program Files (x86)\\My App\\agent.exe')).toEqual(['C:\\Program Files (x86)\\My App\\agent.exe']);
    expect(x('C:\\Program Files\\Foo - Bar\\agent.exe -k x')).toEqual(['C:\\Program Files\\Foo - Bar\\agent.exe']);
    expect(x('C:\\Windows\\system32\\svchost.exe -k netsvcs -p')).toEqual(['C:\\Windows\\system32\\svchost.exe']);
    expect(x('%ProgramFiles%\\X\\x.exe')).toEqual(['C:\\Program Files\\X\\x.exe']);
  });
  it('reads driver paths in NT and relative forms', () => {
    expect(x('\\SystemRoot\\System32\\drivers\\x.sys')).toEqual(['C:\\Windows\\System32\\drivers\\x.sys']);
    expect(x('system32\\drivers\\x.sys')).toEqual(['C:\\Windows\\system32\\drivers\\x.sys']);
    expect(x('\\??\\C:\\ProgramData\\X\\x.sys')).toEqual(['C:\\ProgramData\\X\\x.sys']);
  });
  it('reads rundll32 arguments, DisplayIcon and UninstallString', () => {
    expect(x('rundll32.exe "C:\\Program Files\\X\\x.dll",Start')).toEqual(['C:\\Program Files\\X\\x.dll']);
    expect(x('C:\\Windows\\System32\\rundll32.exe C:\\ProgramData\\X\\x.dll,Start')).toEqual(['C:\\Windows\\System32\\rundll32.exe', 'C:\\ProgramData\\X\\x.dll']);
    expect(x('C:\\x\\y.exe,0')).toEqual(['C:\\x\\y.exe']);
    expect(x('"C:\\x\\y.exe",0')).toEqual(['C:\\x\\y.exe']);
    expect(x('MsiExec.exe /X{01234567-89AB-CDEF-0123-456789ABCDEF}')).toEqual([]);
    expect(x('"C:\\Program Files\\X\\unins000.exe" /S')).toEqual(['C:\\Program Files\\X\\unins000.exe']);
    expect(x('powershell.exe -File "C:\\ProgramData\\X\\run.ps1"')).toEqual(['C:\\ProgramData\\X\\run.ps1']);
  });
  it('gives nothing for empty or pathless text', () => {
    expect(x('')).toEqual([]);
    expect(x('agent.exe --start')).toEqual([]);
  });
});
