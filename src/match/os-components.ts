import type { ProcessRow } from '../snapshot/schema.js';
import type { Evidence, Finding, RuntimeRule } from './types.js';

// Windows components and the folders Windows runs them from (System32, or SysWOW64 for 32-bit copies).
const SYSTEM = ['\\windows\\system32', '\\windows\\syswow64'];
const COMPONENTS: Record<string, string[]> = {
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

export const OS_IMPERSONATION_RULE: RuntimeRule = {
  id: 'os-component-impersonation',
  name: 'Program using a Windows component\'s name',
  vendor: 'unknown',
  category: 'suspicious',
  website: 'https://learn.microsoft.com/en-us/windows/win32/dwm/dwm-overview',
  summary:
    'A program runs under the name of a Windows component (such as dwm.exe or svchost.exe) but from a folder where Windows never keeps that component. ' +
    'Some monitoring agents hide this way (Teramind\'s hidden agent runs as dwm.exe from a folder under ProgramData); malware does too. ' +
    'This is a pattern, not a named product: look at the folder to find out what it is.',
  capabilities: [],
  hidden_mode: { supported: 'yes', source: 'https://github.com/magicsword-io/LOLRMM/blob/main/yaml/teramind.yaml', note: 'Using an OS component\'s name is itself a way of hiding.' },
  indicators: {},
  references: [
    { url: 'https://github.com/magicsword-io/LOLRMM/blob/main/yaml/teramind.yaml', title: 'LOLRMM: Teramind hidden agent renamed to dwm.exe / clm.exe' },
    { url: 'https://attack.mitre.org/techniques/T1036/005/', title: 'MITRE ATT&CK T1036.005: Match Legitimate Name or Location' },
  ],
  last_reviewed: '2026-11-23',
};

function folderOf(path: string): string {
  const p = path.toLowerCase().replace(/\//g, '\\').replace(/^\\\\\?\\|^\\\?\?\\/, '').replace(/^\\systemroot\\/, 'c:\\windows\\');
  const dir = p.slice(0, p.lastIndexOf('\\'));
  return dir.replace(/^[a-z]:/, '');
}

/** One finding listing every process named like a Windows component that runs from elsewhere. */
export function osImpersonation(processes: readonly ProcessRow[], explained: ReadonlySet<number>): Finding | undefined {
  const evidence: Evidence[] = [];
  processes.forEach((p, row) => {
    if (!p.path || explained.has(row)) return;
    const expected = COMPONENTS[p.name.toLowerCase()];
    if (!expected || expected.includes(folderOf(p.path))) return;
    evidence.push({
      table: 'processes',
      row,
      item: p.path,
      indicator: { kind: 'os_component', value: `${p.name} outside ${expected.map((e) => `C:${e}`).join(' or ')}` },
      strength: 'medium',
      what: 'running program',
    });
  });
  return evidence.length ? { rule: OS_IMPERSONATION_RULE, confidence: 'medium', evidence } : undefined;
}
