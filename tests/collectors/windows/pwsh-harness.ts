// Runs bosswatch's Windows script under a real PowerShell 7 with the Windows-only commands replaced by functions
// (a function shadows a cmdlet of the same name) that answer from recorded real outputs (tests/fixtures/windows).
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseRegQuery } from '../../../src/collectors/windows/regquery.js';
import { psJsonLiteral } from '../../../src/collectors/windows/patterns.js';
import { decodeText, longKey } from '../../../src/collectors/windows/util.js';

export const PWSH_VERSION = '7.6.10';

/** pwsh on PATH, else the dotnet global tool's ~/.dotnet/tools/pwsh. */
export function findPwsh(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [...(env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'pwsh')), join(homedir(), '.dotnet', 'tools', 'pwsh')];
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // next
    }
  }
  return undefined;
}

export interface PwshRun {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** The exact argv bosswatch uses, with the text on standard input. TERM=dumb: pwsh on Unix writes no cursor-mode escapes. */
export function runPwsh(pwsh: string, args: readonly string[], input: string, timeoutMs = 170_000): Promise<PwshRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(pwsh, [...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TERM: 'dumb', POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code });
    });
    child.stdin.end(input);
  });
}

const FX = join(import.meta.dirname, '../../fixtures/windows');
const fx = (p: string) => decodeText(readFileSync(join(FX, p)));

interface FakeKey {
  key: string;
  values: Record<string, unknown>;
  denied?: boolean;
}
interface FakeFile {
  path: string;
  dir: boolean;
  hidden?: boolean;
  lines?: string[];
}

export interface FakeMachine {
  env: Record<string, string>;
  elevated: boolean;
  cim: Record<string, unknown[]>;
  cimErrors: Record<string, string>;
  registry: FakeKey[];
  files: FakeFile[];
  deniedDirs: string[];
  tasks: unknown[];
  taskErrors: string[];
  dns: unknown[];
  listen: unknown[];
  signatures: Record<string, { status: string; subject: string | null }>;
}

/** "Name : value" records of Format-List / Get-WmiObject output. */
function listRecords(text: string): Record<string, string>[] {
  const recs: Record<string, string>[] = [];
  let cur: Record<string, string> | undefined;
  for (const line of text.split(/\r?\n/)) {
    const m = /^(\w+)\s*:\s?(.*)$/.exec(line);
    if (!m) {
      if (!line.trim()) cur = undefined;
      continue;
    }
    if (m[1] === '__GENUS' || !cur) {
      cur = {};
      recs.push(cur);
    }
    cur[m[1]] = m[2].trimEnd();
  }
  return recs.filter((r) => r.__CLASS === 'Win32_Process');
}

/** Columns of a PowerShell default table, cut at the positions of the dashes line. */
function tableRows(text: string): string[][] {
  const lines = text.split(/\r?\n/);
  const dash = lines.findIndex((l) => /^-{3,}( +-{3,})+\s*$/.test(l));
  const cols: [number, number][] = [];
  for (const m of lines[dash].matchAll(/-+/g)) cols.push([m.index!, m.index! + m[0].length]);
  const rows: string[][] = [];
  for (const l of lines.slice(dash + 1)) {
    if (!l.trim() || l.startsWith('PS ') || l.trim() === '...') break;
    rows.push(cols.map(([a], i) => l.slice(a, i + 1 < cols.length ? cols[i + 1][0] : undefined).trim()));
  }
  return rows;
}

function csvRows(text: string): Record<string, string>[] {
  const parse = (line: string) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));
  const [head, ...rest] = text.split(/\r?\n/).filter(Boolean);
  const h = parse(head);
  return rest.map((l) => Object.fromEntries(parse(l).map((v, i) => [h[i], v])));
}

/** reg query dumps as Get-ItemProperty would see them (REG_EXPAND_SZ already expanded, DWORDs as numbers). */
function regKeys(file: string): FakeKey[] {
  return parseRegQuery(fx(file)).map((d) => ({ key: longKey(d.key)!, values: d.values }));
}

export const HOME_ME = 'C:\\Users\\nkESis3ns88S';
export const HOME_OTHER = 'C:\\Users\\roam22';
export const SIGNED_PROCESS = 'C:\\MT5PortableGoldMission\\terminal64.exe';

/** The machine the stubs describe; every value comes from a fixture named in tests/fixtures/windows/SOURCES.md. */
export function fakeMachine(): FakeMachine {
  const wmi = listRecords(fx('process/get-wmiobject_win32_process_list_winserver2012r2.txt'));
  const osName = wmi.find((r) => r.OSName)?.OSName.split('|')[0] ?? '';
  const processes: unknown[] = [
    ...wmi.map((r) => ({ ProcessId: Number(r.ProcessId), ParentProcessId: Number(r.ParentProcessId), Name: r.Name, ExecutablePath: r.ExecutablePath || null, CommandLine: r.CommandLine || null, SessionId: r.SessionId ? Number(r.SessionId) : null })),
    ...(JSON.parse(fx('process/win32_process_array_ps51_win11-26200.json')) as unknown[]),
  ];
  const services = [JSON.parse(fx('service/win32_service_dhcp_single_object_ps51.json')), JSON.parse(fx('service/win32_service_wpnuserservice_blugenie_excerpt.json'))];
  const dnsType: Record<string, number> = { A: 1, CNAME: 5, AAAA: 28 };
  const dns = tableRows(fx('dns-net/get-dnsclientcache_table_win10.txt'))
    .filter((r) => !r[0].endsWith('...') && !r[1].endsWith('...'))
    .map((r) => ({ Entry: r[0], Name: r[1] || null, Type: dnsType[r[2]] ?? null, Status: r[3] === 'Success' ? 0 : 9501, Section: r[4] === 'Answer' ? 1 : null, Data: r[7] || null }));
  const listen = tableRows(fx('dns-net/get-nettcpconnection_listen_table_winserver.txt')).map((r) => ({ LocalAddress: r[0], LocalPort: Number(r[1]), OwningProcess: Number(r[6]) }));
  const seenTask = new Set<string>();
  const tasks = csvRows(fx('schtasks/schtasks_query_fo_csv_v_resticprofile_2025.csv'))
    .filter((t) => !seenTask.has(t.TaskName) && seenTask.add(t.TaskName))
    .map((t) => {
      const cut = t.TaskName.lastIndexOf('\\') + 1;
      const exe = /^(.*?\.exe)\s+(.*)$/i.exec(t['Task To Run']);
      return {
        TaskName: t.TaskName.slice(cut),
        TaskPath: t.TaskName.slice(0, cut),
        State: t.Status,
        Author: t.Author,
        Actions: [{ Execute: exe ? exe[1] : t['Task To Run'], Arguments: exe ? exe[2] : '', WorkingDirectory: t['Start In'] }],
      };
    });
  const subject = /\[Subject\]\s*\n\s*(.+)/.exec(fx('signature/get-authenticodesignature_format-list_sos_js7.txt'))![1].trim();
  const profile = /ProfileImagePath : \(S\) (.+)/.exec(fx('profilelist/volatility_printkey_profilelist_win7.txt'))![1].trim();
  const sid = /Key name: (S-1-5-21-[\d-]+)/.exec(fx('profilelist/volatility_printkey_profilelist_win7.txt'))![1];
  const PL = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList';
  const registry: FakeKey[] = [
    { key: `${PL}\\${sid}`, values: { ProfileImagePath: profile, Flags: 0, State: 0 } },
    { key: `${PL}\\S-1-5-21-3286950516-3440391731-2706545478-1422`, values: { ProfileImagePath: HOME_OTHER, Flags: 0, State: 516 } },
    { key: `${PL}\\S-1-5-18`, values: { ProfileImagePath: 'C:\\Windows\\system32\\config\\systemprofile', Flags: 12 } },
    ...regKeys('uninstall/reg_query_uninstall_s_7zip_2026.txt'),
    ...regKeys('uninstall/reg_query_uninstall_wow6432node_msi_entry_2017.txt'),
    ...regKeys('kbdfilter/reg_query_keyboard_class_UpperFilters_third_party_filter.txt'),
    ...regKeys('browser-policy/reg_query_chrome_extension_policies_expected_output_fr_doc.txt'),
    // the denied key: a Run key this account may not read
    { key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run', values: {}, denied: true },
  ];
  const files: FakeFile[] = [
    { path: 'C:\\Users', dir: true },
    { path: HOME_ME, dir: true },
    { path: `${HOME_ME}\\AppData`, dir: true, hidden: true },
    { path: `${HOME_ME}\\AppData\\Roaming`, dir: true },
    { path: `${HOME_ME}\\AppData\\Local`, dir: true },
    { path: HOME_OTHER, dir: true },
    { path: 'C:\\Windows', dir: true },
    { path: 'C:\\Windows\\System32\\drivers\\etc', dir: true },
    { path: 'C:\\Windows\\System32\\drivers\\etc\\hosts', dir: false, lines: fx('hosts/hosts_pmat_flarevm_edited.txt').split(/\r?\n/).slice(0, -1) },
    { path: 'C:\\ProgramData', dir: true },
    { path: 'C:\\Program Files', dir: true },
    { path: 'C:\\MT5PortableGoldMission', dir: true },
  ];
  return {
    env: {
      COMPUTERNAME: wmi[0]?.CSName ?? 'WIN',
      SystemRoot: 'C:\\Windows',
      windir: 'C:\\Windows',
      SystemDrive: 'C:',
      ProgramFiles: 'C:\\Program Files',
      ProgramW6432: 'C:\\Program Files',
      ProgramData: 'C:\\ProgramData',
      USERPROFILE: profile,
      APPDATA: `${profile}\\AppData\\Roaming`,
      LOCALAPPDATA: `${profile}\\AppData\\Local`,
      PROCESSOR_ARCHITECTURE: 'AMD64',
    },
    elevated: false,
    cim: {
      Win32_OperatingSystem: [{ Caption: osName, CSName: wmi[0]?.CSName }],
      Win32_Process: processes,
      Win32_Service: services,
    },
    // the section that throws: a WMI provider that does not load
    cimErrors: { Win32_SystemDriver: 'Provider load failure ' },
    registry,
    files,
    deniedDirs: [HOME_OTHER],
    tasks,
    // what Task Scheduler says of a task whose file was edited by hand
    taskErrors: ['The task image is corrupt or has been tampered with.'],
    dns,
    listen,
    signatures: { [SIGNED_PROCESS.toLowerCase()]: { status: 'Valid', subject } },
  };
}

/**
 * PowerShell text run before bosswatch's script, the same way on every run: one dot-sourced block (so the stubs
 * land in the global scope the script's `& { }` block sees), then a blank line. The stubs keep Full Language mode
 * (a function runs in the mode it was defined in); the script after them runs in `mode`.
 */
export function prelude(machine: FakeMachine, mode: 'FullLanguage' | 'ConstrainedLanguage'): string {
  const body = String.raw`
$bwFake = ConvertFrom-Json __FAKE__
foreach ($p in $bwFake.env.PSObject.Properties) { Set-Item -LiteralPath ('Env:' + $p.Name) -Value ([string]$p.Value) }
$bwReg = @{}
$bwKids = @{}
function BwParent([string]$k) { $i = $k.LastIndexOf('\'); if ($i -lt 0) { return $null }; return $k.Substring(0, $i) }
function BwAddKey([string]$k, $values, [bool]$denied) {
  $lk = $k.ToLowerInvariant()
  if (-not $bwReg.ContainsKey($lk)) { $bwReg[$lk] = @{ key = $k; values = [ordered]@{}; denied = $false }; $bwKids[$lk] = [System.Collections.ArrayList]::new() }
  if ($values) { foreach ($p in $values.PSObject.Properties) { $bwReg[$lk].values[$p.Name] = $p.Value } }
  if ($denied) { $bwReg[$lk].denied = $true }
  $par = BwParent $k
  if ($par) { BwAddKey $par $null $false; $lp = $par.ToLowerInvariant(); if (-not $bwKids[$lp].Contains($k)) { [void]$bwKids[$lp].Add($k) } }
}
foreach ($k in $bwFake.registry) { BwAddKey $k.key $k.values ([bool]$k.denied) }
$bwFs = @{}
$bwFsKids = @{}
function BwAddFile($f) {
  $lk = ([string]$f.path).ToLowerInvariant()
  $bwFs[$lk] = $f
  if (-not $bwFsKids.ContainsKey($lk)) { $bwFsKids[$lk] = [System.Collections.ArrayList]::new() }
  $par = BwParent ([string]$f.path)
  if ($par -and $par.Length -gt 2) {
    if (-not $bwFs.ContainsKey($par.ToLowerInvariant())) { BwAddFile ([pscustomobject]@{ path = $par; dir = $true; hidden = $false }) }
    [void]$bwFsKids[$par.ToLowerInvariant()].Add([string]$f.path)
  }
}
foreach ($f in $bwFake.files) { BwAddFile $f }
function BwDeniedFs([string]$p) {
  foreach ($d in $bwFake.deniedDirs) {
    if ($p.TrimEnd('\') -ieq $d) { return 'self' }
    if ($p.ToLowerInvariant().StartsWith($d.ToLowerInvariant() + '\')) { return 'inside' }
  }
  return ''
}
function BwErr([string]$msg, [string]$id, [string]$cat, $target, [string]$kind) {
  $ex = switch ($kind) { 'denied' { [System.UnauthorizedAccessException]::new($msg) } 'security' { [System.Security.SecurityException]::new($msg) } 'notfound' { [System.Management.Automation.ItemNotFoundException]::new($msg) } default { [System.Exception]::new($msg) } }
  return [System.Management.Automation.ErrorRecord]::new($ex, $id, [System.Management.Automation.ErrorCategory]$cat, $target)
}
function BwKind([string]$p) {
  if ($p -like 'Registry::*') { return 'reg' }
  if ($p -match '^[A-Za-z]:\\') { return 'fs' }
  return 'real'
}
function BwRegItem([string]$k) {
  $e = $bwReg[$k.ToLowerInvariant()]
  return [pscustomobject]@{ PSChildName = $k.Substring($k.LastIndexOf('\') + 1); Name = $e.key; PSIsContainer = $true; Property = @($e.values.Keys) }
}
function BwFsItem([string]$p) {
  $f = $bwFs[$p.ToLowerInvariant()]
  $leaf = ([string]$f.path).Substring(([string]$f.path).LastIndexOf('\') + 1)
  $attr = 32
  if ($f.dir) { $attr = 16 }
  if ($f.hidden) { $attr = $attr + 2 }
  $ext = ''
  if (-not $f.dir -and $leaf.Contains('.')) { $ext = $leaf.Substring($leaf.LastIndexOf('.')) }
  return [pscustomobject]@{ PSChildName = $leaf; Name = $leaf; FullName = [string]$f.path; PSIsContainer = [bool]$f.dir; Attributes = $attr; Extension = $ext; LastWriteTime = [datetime]'2025-01-01' }
}
function Get-Item {
  [CmdletBinding()] param([Parameter(Position = 0)][string]$Path, [string]$LiteralPath, [switch]$Force)
  $p = $LiteralPath
  if (-not $p) { $p = $Path }
  switch (BwKind $p) {
    'real' { return (Microsoft.PowerShell.Management\Get-Item -LiteralPath $p -Force:$Force) }
    'reg' {
      $k = $p.Substring(10).TrimEnd('\')
      $e = $bwReg[$k.ToLowerInvariant()]
      if (-not $e) { $PSCmdlet.WriteError((BwErr ("Cannot find path '" + $p + "' because it does not exist.") 'PathNotFound' 'ObjectNotFound' $p 'notfound')); return }
      if ($e.denied) { $PSCmdlet.WriteError((BwErr 'Requested registry access is not allowed.' 'System.Security.SecurityException' 'PermissionDenied' $p 'security')); return }
      return (BwRegItem $k)
    }
    'fs' {
      if ((BwDeniedFs $p) -eq 'inside') { $PSCmdlet.WriteError((BwErr ("Access to the path '" + $p + "' is denied.") 'ItemExistsUnauthorizedAccessError' 'PermissionDenied' $p 'denied')); return }
      if (-not $bwFs.ContainsKey($p.ToLowerInvariant())) { $PSCmdlet.WriteError((BwErr ("Cannot find path '" + $p + "' because it does not exist.") 'PathNotFound' 'ObjectNotFound' $p 'notfound')); return }
      return (BwFsItem $p)
    }
  }
}
function Get-ChildItem {
  [CmdletBinding()] param([Parameter(Position = 0)][string]$Path, [string]$LiteralPath, [switch]$Force)
  $p = $LiteralPath
  if (-not $p) { $p = $Path }
  switch (BwKind $p) {
    'real' { return (Microsoft.PowerShell.Management\Get-ChildItem -LiteralPath $p -Force:$Force) }
    'reg' {
      $k = $p.Substring(10).TrimEnd('\')
      $e = $bwReg[$k.ToLowerInvariant()]
      if (-not $e) { $PSCmdlet.WriteError((BwErr ("Cannot find path '" + $p + "' because it does not exist.") 'PathNotFound' 'ObjectNotFound' $p 'notfound')); return }
      if ($e.denied) { $PSCmdlet.WriteError((BwErr 'Requested registry access is not allowed.' 'System.Security.SecurityException' 'PermissionDenied' $p 'security')); return }
      foreach ($c in $bwKids[$k.ToLowerInvariant()]) { BwRegItem $c }
    }
    'fs' {
      $lp = $p.TrimEnd('\').ToLowerInvariant()
      if (BwDeniedFs $p) { $PSCmdlet.WriteError((BwErr ("Access to the path '" + $p + "' is denied.") 'DirUnauthorizedAccessError' 'PermissionDenied' $p 'denied')); return }
      if (-not $bwFs.ContainsKey($lp)) { $PSCmdlet.WriteError((BwErr ("Cannot find path '" + $p + "' because it does not exist.") 'PathNotFound' 'ObjectNotFound' $p 'notfound')); return }
      foreach ($c in $bwFsKids[$lp]) { BwFsItem $c }
    }
  }
}
function BwProps([string]$k) {
  $e = $bwReg[$k.ToLowerInvariant()]
  $o = [ordered]@{}
  foreach ($n in $e.values.Keys) { $v = $e.values[$n]; if ($v -is [array]) { $v = [string[]]$v }; $o[$n] = $v }
  $o.PSPath = 'Microsoft.PowerShell.Core\Registry::' + $e.key
  $o.PSChildName = $k.Substring($k.LastIndexOf('\') + 1)
  return [pscustomobject]$o
}
function Get-ItemProperty {
  [CmdletBinding()] param([Parameter(Position = 0)][string]$Path, [string]$LiteralPath)
  $p = $LiteralPath
  if (-not $p) { $p = $Path }
  if ((BwKind $p) -ne 'reg') { return (Microsoft.PowerShell.Management\Get-ItemProperty -LiteralPath $p) }
  $k = $p.Substring(10)
  $keys = @($k)
  if ($Path -and $k.EndsWith('\*')) { $k = $k.Substring(0, $k.Length - 2); $keys = @($bwKids[$k.ToLowerInvariant()]) }
  foreach ($one in $keys) {
    $e = $bwReg[$one.ToLowerInvariant()]
    if (-not $e) { $PSCmdlet.WriteError((BwErr ("Cannot find path '" + $p + "' because it does not exist.") 'PathNotFound' 'ObjectNotFound' $p 'notfound')); continue }
    if ($e.denied) { $PSCmdlet.WriteError((BwErr 'Requested registry access is not allowed.' 'System.Security.SecurityException' 'PermissionDenied' $one 'security')); continue }
    BwProps $one
  }
}
function Get-Content {
  [CmdletBinding()] param([Parameter(Position = 0)][string]$Path, [string]$LiteralPath, [switch]$Raw, [string]$Encoding, [int]$TotalCount = -1)
  $p = $LiteralPath
  if (-not $p) { $p = $Path }
  if ((BwKind $p) -ne 'fs') { return (Microsoft.PowerShell.Management\Get-Content -LiteralPath $p -Raw:$Raw) }
  $f = $bwFs[$p.ToLowerInvariant()]
  if (-not $f -or $f.dir) { $PSCmdlet.WriteError((BwErr ("Cannot find path '" + $p + "' because it does not exist.") 'PathNotFound' 'ObjectNotFound' $p 'notfound')); return }
  $lines = @($f.lines)
  if ($TotalCount -ge 0 -and $lines.Count -gt $TotalCount) { $lines = $lines[0..($TotalCount - 1)] }
  if ($Raw) { return ($lines -join "'n") }
  foreach ($l in $lines) { $l }
}
function Get-CimInstance {
  [CmdletBinding()] param([string]$ClassName, [string]$Filter, [string]$Namespace)
  $err = $bwFake.cimErrors.$ClassName
  if ($err) { $PSCmdlet.ThrowTerminatingError((BwErr $err 'HRESULT 0x80041013' 'NotSpecified' $ClassName 'other')) }
  foreach ($o in @($bwFake.cim.$ClassName)) { $o }
}
function Get-Process {
  [CmdletBinding()] param([int]$Id, [switch]$IncludeUserName)
  if ($IncludeUserName -and -not $bwFake.elevated) { $PSCmdlet.ThrowTerminatingError((BwErr "The 'IncludeUserName' parameter requires elevated user rights. Try running the command again in a session that has been opened with elevated user rights (that is, Run as Administrator)." 'IncludeUserNameRequiresElevation' 'InvalidOperation' $null 'other')) }
  if ($Id) { return [pscustomobject]@{ Id = $Id; UserName = $null } }
}
function Get-ScheduledTask {
  [CmdletBinding()] param()
  $i = 0
  foreach ($t in $bwFake.tasks) {
    $t
    $i++
    if ($i -eq 1) { foreach ($m in $bwFake.taskErrors) { $PSCmdlet.WriteError((BwErr $m 'HRESULT 0x80041321,Get-ScheduledTask' 'NotSpecified' $null 'other')) } }
  }
}
function Get-DnsClientCache {
  [CmdletBinding()] param()
  foreach ($o in $bwFake.dns) { $o }
}
function Get-NetTCPConnection {
  [CmdletBinding()] param([string]$State)
  if ($State -eq 'Listen') { foreach ($o in $bwFake.listen) { $o }; return }
  $PSCmdlet.WriteError((BwErr ("No MSFT_NetTCPConnection objects found with property 'State' equal to '" + $State + "'.  Verify the value of the property and retry.") ('CmdletizationQuery_NotFound_State,Get-NetTCPConnection') 'ObjectNotFound' $State 'other'))
}
function Get-AuthenticodeSignature {
  [CmdletBinding()] param([string]$LiteralPath)
  $s = $bwFake.signatures.($LiteralPath.ToLowerInvariant())
  if ($s) { return [pscustomobject]@{ Status = $s.status; SignerCertificate = [pscustomobject]@{ Subject = $s.subject }; Path = $LiteralPath } }
  return [pscustomobject]@{ Status = 'NotSigned'; SignerCertificate = $null; Path = $LiteralPath }
}
$ExecutionContext.SessionState.LanguageMode = '__MODE__'
`;
  const lines = body
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.trim() !== '');
  const text = lines.join('\n').replace('__FAKE__', () => psJsonLiteral(machine)).replace('__MODE__', mode).replace(`"'n"`, '"`n"');
  return `. {\n${text}\n}\n\n`;
}
