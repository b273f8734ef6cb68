// Folder names shared by every install: a glob filed under one of them would be checked against most paths.
const COMMON_SEGMENTS = new Set(
  [
    'c:', 'users', 'appdata', 'local', 'locallow', 'roaming', 'program files', 'program files (x86)', 'programdata',
    'windows', 'system32', 'syswow64', 'drivers', 'temp', 'home', 'root', 'usr', 'bin', 'sbin', 'lib', 'lib64',
    'opt', 'etc', 'var', 'share', 'local', 'library', 'applications', 'application support', 'contents', 'macos',
    'resources', 'launchagents', 'launchdaemons', 'preferences', 'caches', 'logs', 'private', 'tmp', 'system',
    'software', 'microsoft', 'currentversion', 'services', 'controlset001', 'currentcontrolset', 'wow6432node',
    'hklm', 'hkcu', 'hku', 'config', 'data', 'documents', 'desktop', 'downloads', '.config', '.local',
  ].map((s) => s.toLowerCase()),
);

/** The matcher files a path glob under its longest distinctive literal folder or file name (3+ characters). */
export function pathGlobAnchor(glob: string): string | undefined {
  let best: string | undefined;
  for (const seg of glob.split(/[\\/]+/)) {
    const s = seg.toLowerCase();
    if (!/[*?]/.test(s) && s.length >= 3 && !COMMON_SEGMENTS.has(s) && (!best || s.length > best.length)) best = s;
  }
  return best;
}

/** A name glob is filed under its first 3 characters, which must be literal. */
export function nameGlobAnchor(glob: string): string | undefined {
  const prefix = glob.slice(0, 3);
  return prefix.length === 3 && !/[*?]/.test(prefix) ? prefix.toLowerCase() : undefined;
}
