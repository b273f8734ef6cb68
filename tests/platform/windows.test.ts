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
    expect(expandWindowsRulePath('%ProgramData%\\Foo')).toEqual([{ path: 'C:\\ProgramData\\Foo', glob: false }]);
  });

  it('a path below one Program Files folder also stands for the same path below the other and the per-user folder', () => {
    expect(expandWindowsRulePath('%ProgramFiles%\\Foo')).toEqual([
      { path: 'C:\\Program Files\\Foo', glob: false },
      { path: 'C:\\Program Files (x86)\\Foo', glob: false, alternate: true },
      { path: 'C:\\Users\\*\\AppData\\Local\\Programs\\Foo', glob: true, alternate: true, needsName: 'Foo' },
    ]);
    expect(expandWindowsRulePath('C:\\Program Files (x86)\\Foo\\*\\a.exe')).toEqual([
      { path: 'C:\\Program Files (x86)\\Foo\\*\\a.exe', glob: true },
      { path: 'C:\\Program Files\\Foo\\*\\a.exe', glob: true, alternate: true },
      { path: 'C:\\Users\\*\\AppData\\Local\\Programs\\Foo\\*\\a.exe', glob: true, alternate: true, needsName: 'Foo' },
    ]);
    expect(expandWindowsRulePath('%CommonProgramFiles%\\Foo').map((e) => e.path)).toEqual(['C:\\Program Files\\Common Files\\Foo', 'C:\\Program Files (x86)\\Common Files\\Foo']);
    expect(expandWindowsRulePath('%ProgramFiles(x86)%\\Foo').map((e) => e.path)).toEqual(['C:\\Program Files (x86)\\Foo', 'C:\\Program Files\\Foo', 'C:\\Users\\*\\AppData\\Local\\Programs\\Foo']);
    // with the profiles a collector found, one concrete path per profile
    expect(expandWindowsRulePath('C:\\Program Files\\Foo\\a.exe', ['D:\\Profiles\\ann']).map((e) => [e.path, e.glob])).toEqual([
      ['C:\\Program Files\\Foo\\a.exe', false], ['C:\\Program Files (x86)\\Foo\\a.exe', false], ['D:\\Profiles\\ann\\AppData\\Local\\Programs\\Foo\\a.exe', false],
    ]);
    // and back: a per-user install path also in both Program Files folders
    expect(expandWindowsRulePath('%LOCALAPPDATA%\\Programs\\Foo\\a.exe')).toEqual([
      { path: 'C:\\Users\\*\\AppData\\Local\\Programs\\Foo\\a.exe', glob: true },
      { path: 'C:\\Program Files\\Foo\\a.exe', glob: false, alternate: true, needsName: 'Foo' },
      { path: 'C:\\Program Files (x86)\\Foo\\a.exe', glob: false, alternate: true, needsName: 'Foo' },
    ]);
    expect(expandWindowsRulePath('C:\\Users\\*\\AppData\\Local\\Programs\\Foo').map((e) => e.path)).toEqual(['C:\\Users\\*\\AppData\\Local\\Programs\\Foo', 'C:\\Program Files\\Foo', 'C:\\Program Files (x86)\\Foo']);
    // not the other per-user folders (no source shows an installer choosing between them), nor a wildcard folder name
    expect(expandWindowsRulePath('%LOCALAPPDATA%\\Foo').map((e) => e.path)).toEqual(['C:\\Users\\*\\AppData\\Local\\Foo']);
    expect(expandWindowsRulePath('%APPDATA%\\Programs\\Foo').map((e) => e.path)).toEqual(['C:\\Users\\*\\AppData\\Roaming\\Programs\\Foo']);
    expect(expandWindowsRulePath('C:\\Program Files\\Foo*\\a.exe').map((e) => e.path)).toEqual(['C:\\Program Files\\Foo*\\a.exe', 'C:\\Program Files (x86)\\Foo*\\a.exe']);
    // not the folder itself, nor a look-alike folder name
    expect(expandWindowsRulePath('C:\\Program Files').map((e) => e.path)).toEqual(['C:\\Program Files']);
    expect(expandWindowsRulePath('C:\\Program Files Old\\Foo').map((e) => e.path)).toEqual(['C:\\Program Files Old\\Foo']);
    expect(expandWindowsRulePath('C:\\ProgramData\\Foo').map((e) => e.path)).toEqual(['C:\\ProgramData\\Foo']);
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

  it('reads the NT volume form of a process image and 8.3 short names of the standard folders', () => {
    expect(cleanWindowsPath('\\Device\\HarddiskVolume3\\Program Files\\X\\x.exe')).toBe('C:\\Program Files\\X\\x.exe');
    expect(cleanWindowsPath('C:\\PROGRA~1\\X\\x.exe')).toBe('C:\\Program Files\\X\\x.exe');
    expect(cleanWindowsPath('c:\\progra~2\\X')).toBe('c:\\Program Files (x86)\\X');
    expect(cleanWindowsPath('C:\\PROGRA~3\\X')).toBe('C:\\ProgramData\\X');
    expect(cleanWindowsPath('C:\\PROGRA~1\\COMMON~1\\X\\y.dll')).toBe('C:\\Program Files\\Common Files\\X\\y.dll');
    // a short name of anything else is left alone (its long name is unknown), and so is a shadow copy
    expect(cleanWindowsPath('C:\\MYAPPL~1\\x.exe')).toBe('C:\\MYAPPL~1\\x.exe');
    expect(cleanWindowsPath('C:\\X\\PROGRA~1\\y.exe')).toBe('C:\\X\\PROGRA~1\\y.exe');
    expect(cleanWindowsPath('\\Device\\HarddiskVolumeShadowCopy2\\Program Files\\X')).toBe('\\Device\\HarddiskVolumeShadowCopy2\\Program Files\\X');
    expect(extractWindowsPaths('C:\\PROGRA~2\\Foo\\svc.exe -k')).toEqual(['C:\\Program Files (x86)\\Foo\\svc.exe']);
    expect(extractWindowsPaths('\\Device\\HarddiskVolume2\\Foo\\a.exe /x')).toEqual(['C:\\Foo\\a.exe']);
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
