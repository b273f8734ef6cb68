import type { Snapshot } from '../../snapshot/schema.js';
import { processEvidence, processSubject, said } from '../lib.js';
import type { BehaviourFinding, Detector } from '../types.js';

// Windows components and the folders Windows runs them from (System32, or SysWOW64 for 32-bit copies).
const SYSTEM = ['\\windows\\system32', '\\windows\\syswow64'];
export const COMPONENTS: Record<string, string[]> = {
  'dwm.exe': SYSTEM,
  'csrss.exe': SYSTEM,
  'services.exe': SYSTEM,
  'svchost.exe': SYSTEM,
  'lsass.exe': SYSTEM,
  'smss.exe': SYSTEM,
  'wininit.exe': SYSTEM,
  'winlogon.exe': SYSTEM,
  'spoolsv.exe': SYSTEM,
  'taskhostw.exe': SYSTEM,
  'conhost.exe': SYSTEM,
  'ctfmon.exe': SYSTEM,
  'sihost.exe': SYSTEM,
  'runtimebroker.exe': SYSTEM,
  'rundll32.exe': SYSTEM,
  'dllhost.exe': SYSTEM,
  'fontdrvhost.exe': SYSTEM,
  'lsaiso.exe': SYSTEM,
  'wmiprvse.exe': ['\\windows\\system32\\wbem', '\\windows\\syswow64\\wbem'],
  'explorer.exe': ['\\windows', '\\windows\\syswow64'],
};

/** The folder of a Windows path, lower case, without drive letter and NT prefixes. */
export function folderOf(path: string): string {
  const p = path.toLowerCase().replace(/\//g, '\\').replace(/^\\\\\?\\|^\\\?\?\\/, '').replace(/^\\systemroot\\/, 'c:\\windows\\');
  const dir = p.slice(0, p.lastIndexOf('\\'));
  return dir.replace(/^[a-z]:/, '');
}

// the folders as Windows spells them, for the evidence line (syswow64 -> SysWOW64)
const SPELLING: Record<string, string> = { windows: 'Windows', system32: 'System32', syswow64: 'SysWOW64', wbem: 'wbem' };
const shown = (folder: string) => folder.split('\\').map((seg) => SPELLING[seg] ?? seg).join('\\');

/** Processes named like a Windows component that run from a folder where Windows never keeps it. */
export function detectOsNameImpersonation(s: Snapshot): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  (s.processes ?? []).forEach((p, row) => {
    if (!p.path) return;
    const expected = COMPONENTS[p.name.toLowerCase()];
    if (!expected || expected.includes(folderOf(p.path))) return;
    const ev = { ...processEvidence({ row, p }), ...said('detect.impersonation', { path: p.path, name: p.name, expected: expected.map(shown).join(', ') }) };
    out.push({ id: 'windows.os-name-impersonation', capabilities: [], confidence: 'medium', subject: processSubject(p, p.pid), evidence: [ev] });
  });
  return out;
}

export const osNameImpersonation: Detector = {
  id: 'windows.os-name-impersonation',
  platforms: ['windows'],
  capabilities: [],
  sources: ['https://github.com/magicsword-io/LOLRMM/blob/main/yaml/teramind.yaml', 'https://attack.mitre.org/techniques/T1036/005/'],
  detect: detectOsNameImpersonation,
};
