import { describe, expect, it } from 'vitest';
import { expandRulePath, extractPaths, HOME_ROOTS, cleanPath, pathKey, expandHome } from '../../src/platform/index.js';
import { bundleExecutable } from '../../src/platform/macos.js';

describe('macOS and Linux path semantics', () => {
  it('~ stands for every home root, or the home folders a collector found', () => {
    expect(HOME_ROOTS.linux).toEqual(['/home/*', '/root']);
    expect(HOME_ROOTS.macos).toEqual(['/Users/*', '/var/root']);
    expect(expandRulePath('~/.foo', 'linux')).toEqual([{ path: '/home/*/.foo', glob: true }, { path: '/root/.foo', glob: true }]);
    expect(expandRulePath('~/Library/Foo', 'macos', ['/Users/ann'])).toEqual([{ path: '/Users/ann/Library/Foo', glob: false }]);
    expect(expandRulePath('/opt/foo', 'linux')).toEqual([{ path: '/opt/foo', glob: false }]);
    expect(expandHome('/opt/foo', 'linux')).toBeUndefined();
  });
  it('one spelling: doubled and trailing slashes, quotes; case kept, and folded in the macOS comparison key', () => {
    expect(cleanPath('"/opt//Foo/"', 'linux')).toBe('/opt/Foo');
    expect(cleanPath('/Applications/Foo.app/', 'macos')).toBe('/Applications/Foo.app');
    expect(pathKey('/Applications/Foo.app/', 'macos')).toBe('/applications/foo.app');
    expect(pathKey('/opt/Foo/', 'linux')).toBe('/opt/Foo');
    expect(cleanPath('/', 'linux')).toBe('/');
  });
  it('systemd ExecStart with its prefixes', () => {
    expect(extractPaths('-/opt/foo/bin/agent --daemon', 'linux')).toEqual(['/opt/foo/bin/agent']);
    expect(extractPaths('@/usr/bin/foo foo-daemon', 'linux')).toEqual(['/usr/bin/foo']);
    expect(extractPaths('+/opt/x/y', 'linux')).toEqual(['/opt/x/y']);
    expect(extractPaths('!!/opt/x/y', 'linux')).toEqual(['/opt/x/y']);
    expect(extractPaths('/usr/bin/python3 "/opt/my agent/run.py"', 'linux')).toEqual(['/usr/bin/python3', '/opt/my agent/run.py']);
    expect(extractPaths('foo --bar', 'linux')).toEqual([]);
  });
  it('launchd ProgramArguments and unquoted bundle paths with spaces', () => {
    expect(extractPaths(['/Applications/Foo App.app/Contents/MacOS/Foo', '--bg'], 'macos')).toEqual(['/Applications/Foo App.app/Contents/MacOS/Foo']);
    expect(extractPaths('/Applications/Foo App.app/Contents/MacOS/Foo --bg', 'macos')).toEqual(['/Applications/Foo App.app/Contents/MacOS/Foo']);
    expect(extractPaths('"/Library/Foo Agent/agent" -x', 'macos')).toEqual(['/Library/Foo Agent/agent']);
    expect(bundleExecutable('/Applications/Foo.app/', 'Foo')).toBe('/Applications/Foo.app/Contents/MacOS/Foo');
  });
  it('windows argument arrays', () => {
    expect(extractPaths(['C:\\Program Files\\X\\x.exe', '-k'], 'windows')).toEqual(['C:\\Program Files\\X\\x.exe']);
    expect(extractPaths(undefined, 'windows')).toEqual([]);
  });
});
