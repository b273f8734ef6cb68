import type { RulePaths } from '../types.js';
import { filePatterns, psJsonLiteral, registryPatterns } from './patterns.js';

// One `& { }` block with no blank line inside: `-Command -` runs stdin like typed lines (PowerShell/PowerShell#3223).
// Plain ASCII, no backticks or dollar-brace (String.raw template); output escapes non-ASCII so no code page can garble it.
// One section per output line, each in its own try/catch, so a run cut short by the timeout keeps what finished.

export const CONFIG_PLACEHOLDER = '__BOSSWATCH_CONFIG__';

export const INVENTORY_FORMAT = 'bosswatch-windows-inventory';

const BODY = String.raw`
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }
$bw = @{ warn = @(); warnCount = 0; denied = 0; cfg = $null; cfgError = $null }
try { $bw.cfg = ConvertFrom-Json __BOSSWATCH_CONFIG__ } catch { $bw.cfgError = [string]$_.Exception.Message }
function Esc([string]$s) {
  try { return [regex]::Replace($s, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value }) } catch { return $s }
}
function ToJson($o) { return (ConvertTo-Json -InputObject $o -Depth 12 -Compress) }
function Warn([string]$m, [string]$category) {
  if ($bw.warn.Count -lt 20) { $bw.warn += $m }
  $bw.warnCount = $bw.warnCount + 1
  if ($category -eq 'PermissionDenied') { $bw.denied = $bw.denied + 1 }
}
function EnvVar([string]$n) {
  $i = Get-Item -LiteralPath ('Env:' + $n) -ErrorAction SilentlyContinue
  if ($i) { return [string]$i.Value }
  return $null
}
function JoinP([string]$a, [string]$b) {
  if ($a.EndsWith('\')) { return $a + $b }
  return $a + '\' + $b
}
function Kids([string]$p) {
  $ev = $null
  $k = @(Get-ChildItem -LiteralPath $p -Force -ErrorAction SilentlyContinue -ErrorVariable ev)
  foreach ($e in @($ev)) { Warn ([string]$e.Exception.Message) ([string]$e.CategoryInfo.Category) }
  return $k
}
function Exists([string]$p) {
  try { return [bool](Test-Path -LiteralPath $p -ErrorAction SilentlyContinue) } catch { return $false }
}
function NotFound($err) { return ([string]$err.FullyQualifiedErrorId -like 'CmdletizationQuery_NotFound*') }
function RegDump([string]$key, [string[]]$only) {
  $p = 'Registry::' + $key
  if (-not (Exists $p)) { return $null }
  $vals = [ordered]@{}
  $ev = $null
  $ip = Get-ItemProperty -LiteralPath $p -ErrorAction SilentlyContinue -ErrorVariable ev
  foreach ($e in @($ev)) { Warn ([string]$e.Exception.Message) ([string]$e.CategoryInfo.Category) }
  if ($ip) {
    foreach ($pr in @($ip.PSObject.Properties)) {
      $n = [string]$pr.Name
      if (@('PSPath', 'PSParentPath', 'PSChildName', 'PSDrive', 'PSProvider') -contains $n) { continue }
      if ($only -and -not ($only -contains $n)) { continue }
      $v = $pr.Value
      if ($v -is [byte[]]) { continue }
      if ($v -is [long] -or $v -is [uint64]) { $v = [string]$v }
      elseif ($v -is [array]) { $v = @($v | ForEach-Object { [string]$_ }) }
      $vals[$n] = $v
    }
  }
  return [ordered]@{ key = $key; values = $vals }
}
function SubKeys([string]$key) {
  $o = @()
  foreach ($k in @(Kids ('Registry::' + $key))) { $o += [string]$k.PSChildName }
  return $o
}
function Descend([string]$base, [string]$prefix, [int]$depth, [int]$cap) {
  $out = @($base)
  $level = @($base)
  for ($d = 0; $d -lt $depth -and $level.Count -gt 0 -and $out.Count -lt $cap; $d++) {
    $nl = @()
    foreach ($b in $level) {
      foreach ($k in @(Kids ($prefix + $b))) { if ($k.PSIsContainer) { $nl += (JoinP $b ([string]$k.PSChildName)) } }
    }
    $out += $nl
    $level = $nl
  }
  if ($out.Count -ge $cap) { Warn ('stopped looking below ' + $base + ' after ' + $out.Count + ' folders') }
  return $out
}
function Walk($pat, [string]$prefix, [int]$cap) {
  $segs = @($pat.segs)
  if ($prefix -eq '') { $cur = @(([string]$segs[0]) + '\') } else { $cur = @([string]$segs[0]) }
  for ($i = 1; $i -lt $segs.Count; $i++) {
    $s = $segs[$i]
    $next = @()
    foreach ($b in $cur) {
      if ($s -is [string]) {
        $n = JoinP $b $s
        if (Exists ($prefix + $n)) { $next += $n }
      } elseif ($s.any) {
        $next += @(Descend $b $prefix 6 $cap)
      } else {
        foreach ($k in @(Kids ($prefix + $b))) {
          $kn = [string]$k.PSChildName
          if ($kn -match [string]$s.re) { $next += (JoinP $b $kn) }
        }
      }
      if ($next.Count -ge $cap) { Warn ('stopped expanding ' + [string]$pat.src + ' after ' + $cap + ' matches'); break }
    }
    $cur = $next
    if ($cur.Count -eq 0) { break }
  }
  return $cur
}
function ItemInfo($it, [string]$path) {
  return [ordered]@{ path = $path; dir = [bool]$it.PSIsContainer; hidden = (([int]$it.Attributes -band 2) -ne 0) }
}
function Section([string]$name, [scriptblock]$body) {
  $bw.warn = @()
  $bw.warnCount = 0
  $bw.denied = 0
  $r = [ordered]@{}
  $t0 = Get-Date
  try { $r.data = (& $body) } catch { $r.error = [string]$_.Exception.Message; $r.error_id = [string]$_.FullyQualifiedErrorId; $r.error_category = [string]$_.CategoryInfo.Category }
  if ($bw.warnCount -gt 0) { $r.warnings = @($bw.warn); $r.warning_count = $bw.warnCount; $r.denied_count = $bw.denied }
  $r.ms = [int]((Get-Date) - $t0).TotalMilliseconds
  $j = $null
  try { $j = ToJson $r } catch { $j = ToJson ([ordered]@{ error = ('could not convert to JSON: ' + [string]$_.Exception.Message); error_id = 'ConvertToJson' }) }
  Write-Output (Esc (',"' + $name + '":' + $j))
}
$meta = [ordered]@{ ps_version = $null; ps_edition = $null; language_mode = $null; elevated = $null; is64_process = $null; is64_os = $null }
try { $meta.ps_version = [string]$PSVersionTable.PSVersion; $meta.ps_edition = [string]$PSVersionTable.PSEdition } catch { }
try { $meta.language_mode = [string]$ExecutionContext.SessionState.LanguageMode } catch { }
try { $meta.elevated = (New-Object Security.Principal.WindowsPrincipal ([Security.Principal.WindowsIdentity]::GetCurrent())).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator) } catch { }
try { $meta.is64_process = [Environment]::Is64BitProcess; $meta.is64_os = [Environment]::Is64BitOperatingSystem } catch { }
$meta.config_error = $bw.cfgError
$meta.env = [ordered]@{}
foreach ($n in @('COMPUTERNAME', 'USERNAME', 'USERDOMAIN', 'SystemRoot', 'windir', 'SystemDrive', 'ProgramFiles', 'ProgramFiles(x86)', 'ProgramW6432', 'ProgramData', 'CommonProgramFiles', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'TEMP', 'PUBLIC', 'PROCESSOR_ARCHITECTURE', 'PROCESSOR_ARCHITEW6432')) { $meta.env[$n] = EnvVar $n }
try { $meta.started = (Get-Date).ToUniversalTime().ToString('o') } catch { }
Write-Output (Esc ('{"format":"bosswatch-windows-inventory","version":1,"meta":' + (ToJson $meta)))
Section 'host' {
  $os = @(Get-CimInstance -ClassName Win32_OperatingSystem)[0]
  $cv = Get-ItemProperty -LiteralPath 'Registry::HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion' -ErrorAction SilentlyContinue
  [ordered]@{ Caption = [string]$os.Caption; Version = [string]$os.Version; BuildNumber = [string]$os.BuildNumber; OSArchitecture = [string]$os.OSArchitecture; CSName = [string]$os.CSName; DisplayVersion = [string]$cv.DisplayVersion; UBR = $cv.UBR; EditionID = [string]$cv.EditionID }
}
Section 'processes' {
  $items = @(Get-CimInstance -ClassName Win32_Process | Select-Object -Property @('ProcessId', 'ParentProcessId', 'Name', 'ExecutablePath', 'CommandLine', 'CreationDate', 'SessionId'))
  $owners = $null
  $ownersError = $null
  try { $owners = @(Get-Process -IncludeUserName -ErrorAction Stop | ForEach-Object { [ordered]@{ Id = $_.Id; UserName = [string]$_.UserName } }) } catch { $ownersError = [string]$_.Exception.Message }
  [ordered]@{ items = $items; owners = $owners; owners_error = $ownersError }
}
Section 'services' {
  [ordered]@{ items = @(Get-CimInstance -ClassName Win32_Service | Select-Object -Property @('Name', 'DisplayName', 'PathName', 'StartMode', 'State', 'StartName', 'ProcessId', 'ServiceType')) }
}
Section 'drivers' {
  [ordered]@{ items = @(Get-CimInstance -ClassName Win32_SystemDriver | Select-Object -Property @('Name', 'DisplayName', 'PathName', 'State', 'StartMode', 'ServiceType')) }
}
Section 'class_filters' {
  $keys = @()
  foreach ($g in @('{4D36E96B-E325-11CE-BFC1-08002BE10318}', '{4D36E96F-E325-11CE-BFC1-08002BE10318}')) {
    $d = RegDump ('HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\Class\' + $g) @('UpperFilters', 'LowerFilters', 'Class')
    if ($d) { $keys += ,$d }
  }
  [ordered]@{ keys = $keys }
}
Section 'packages' {
  $out = @()
  foreach ($src in @(@('machine', 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall'), @('machine-32bit', 'HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall'), @('user', 'HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Uninstall'))) {
    $p = 'Registry::' + $src[1]
    if (-not (Exists $p)) { continue }
    $ev = $null
    $items = @(Get-ItemProperty -Path ($p + '\*') -ErrorAction SilentlyContinue -ErrorVariable ev | Select-Object -Property @('DisplayName', 'DisplayVersion', 'Publisher', 'InstallLocation', 'SystemComponent', 'PSChildName'))
    foreach ($e in @($ev)) { Warn ([string]$e.Exception.Message) ([string]$e.CategoryInfo.Category) }
    $out += ,([ordered]@{ scope = $src[0]; key = $src[1]; items = $items })
  }
  [ordered]@{ sources = $out }
}
Section 'run_keys' {
  $keys = @()
  foreach ($k in @('HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Run', 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\RunOnce', 'HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Run', 'HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\RunOnce', 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\Explorer\Run', 'HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run', 'HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\RunOnce', 'HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Policies\Explorer\Run')) {
    $d = RegDump $k
    if ($d) { $keys += ,$d }
  }
  [ordered]@{ keys = $keys }
}
Section 'scheduled_tasks' {
  $items = @(Get-ScheduledTask | ForEach-Object {
    $acts = @()
    foreach ($a in @($_.Actions)) { $acts += ,([ordered]@{ Execute = [string]$a.Execute; Arguments = [string]$a.Arguments; WorkingDirectory = [string]$a.WorkingDirectory; ClassId = [string]$a.ClassId }) }
    [ordered]@{ TaskName = [string]$_.TaskName; TaskPath = [string]$_.TaskPath; State = [string]$_.State; Author = [string]$_.Author; Actions = $acts }
  })
  [ordered]@{ items = $items }
}
Section 'startup_folders' {
  $shell = $null
  try { $shell = New-Object -ComObject WScript.Shell } catch { Warn ('shortcut targets not read: ' + [string]$_.Exception.Message) }
  $out = @()
  foreach ($f in @(@('common', ((EnvVar 'ProgramData') + '\Microsoft\Windows\Start Menu\Programs\StartUp')), @('user', ((EnvVar 'APPDATA') + '\Microsoft\Windows\Start Menu\Programs\Startup')))) {
    if (-not (Exists $f[1])) { continue }
    foreach ($i in @(Kids $f[1])) {
      if ($i.PSIsContainer -or $i.Name -ieq 'desktop.ini') { continue }
      $target = $null
      $arguments = $null
      if ($shell -and $i.Extension -ieq '.lnk') {
        # CreateShortcut on an existing .lnk only reads it; nothing is saved
        try { $lnk = $shell.CreateShortcut($i.FullName); $target = [string]$lnk.TargetPath; $arguments = [string]$lnk.Arguments } catch { Warn ([string]$_.Exception.Message) }
      }
      $out += ,([ordered]@{ scope = $f[0]; file = [string]$i.FullName; name = [string]$i.Name; target = $target; arguments = $arguments })
    }
  }
  [ordered]@{ items = $out }
}
Section 'files' {
  $found = @()
  $seen = @{}
  if ($bw.cfg) {
    foreach ($pat in @($bw.cfg.files)) {
      foreach ($p in @(Walk $pat '' 300)) {
        if ($seen.ContainsKey($p)) { continue }
        $seen[$p] = 1
        $it = Get-Item -LiteralPath $p -Force -ErrorAction SilentlyContinue
        if (-not $it) { continue }
        $row = ItemInfo $it $p
        $row.src = [string]$pat.src
        $found += ,$row
      }
    }
  }
  $roots = @()
  foreach ($r in @((EnvVar 'ProgramW6432'), (EnvVar 'ProgramFiles'), (EnvVar 'ProgramFiles(x86)'), (EnvVar 'ProgramData'), (EnvVar 'LOCALAPPDATA'), (EnvVar 'APPDATA'))) {
    if ($r -and -not ($roots -contains $r)) { $roots += $r }
  }
  $listing = @()
  $rootInfo = @()
  foreach ($r in $roots) {
    if (-not (Exists $r)) { $rootInfo += ,([ordered]@{ path = $r; exists = $false }); continue }
    $n = 0
    foreach ($k in @(Kids $r)) {
      $kp = JoinP $r ([string]$k.PSChildName)
      $listing += ,(ItemInfo $k $kp)
      $n++
    }
    $rootInfo += ,([ordered]@{ path = $r; exists = $true; entries = $n })
  }
  [ordered]@{ matches = $found; listing = $listing; roots = $rootInfo }
}
Section 'registry' {
  $found = @()
  $seen = @{}
  if ($bw.cfg) {
    foreach ($pat in @($bw.cfg.registry)) {
      foreach ($k in @(Walk $pat 'Registry::' 200)) {
        $id = [string]$pat.src + '|' + $k
        if ($seen.ContainsKey($id)) { continue }
        $seen[$id] = 1
        $found += ,([ordered]@{ key = $k; src = [string]$pat.src })
      }
    }
  }
  [ordered]@{ matches = $found }
}
Section 'browser_policies' {
  $keys = @()
  foreach ($h in @('HKEY_LOCAL_MACHINE', 'HKEY_CURRENT_USER')) {
    foreach ($b in @('Google\Chrome', 'Microsoft\Edge', 'BraveSoftware\Brave', 'Chromium', 'Mozilla\Firefox')) {
      $base = $h + '\SOFTWARE\Policies\' + $b
      $d = RegDump ($base + '\ExtensionInstallForcelist')
      if ($d) { $keys += ,$d }
      $d = RegDump $base @('ExtensionSettings')
      if ($d -and $d.values.Count -gt 0) { $keys += ,$d }
    }
  }
  [ordered]@{ keys = $keys }
}
Section 'browser_profiles' {
  $out = @()
  $la = EnvVar 'LOCALAPPDATA'
  foreach ($b in @(@('chrome', ($la + '\Google\Chrome\User Data')), @('edge', ($la + '\Microsoft\Edge\User Data')), @('brave', ($la + '\BraveSoftware\Brave-Browser\User Data')))) {
    if (-not $la -or -not (Exists $b[1])) { continue }
    foreach ($prof in @(Kids $b[1])) {
      if (-not $prof.PSIsContainer) { continue }
      $ed = JoinP ([string]$prof.FullName) 'Extensions'
      if (-not (Exists $ed)) { continue }
      foreach ($x in @(Kids $ed)) {
        if (-not $x.PSIsContainer -or $x.Name -notmatch '^[a-p]{32}$') { continue }
        $row = [ordered]@{ browser = $b[0]; profile = [string]$prof.Name; id = [string]$x.Name; name = $null; version = $null }
        try {
          $v = @(Kids $x.FullName | Where-Object { $_.PSIsContainer } | Sort-Object LastWriteTime -Descending)
          if ($v.Count -gt 0) {
            $vd = [string]$v[0].FullName
            $m = Get-Content -LiteralPath (JoinP $vd 'manifest.json') -Raw -Encoding UTF8 | ConvertFrom-Json
            $row.version = [string]$m.version
            $nm = [string]$m.name
            if ($nm -match '^__MSG_(.+)__$') {
              $msgKey = $Matches[1]
              $nm = $null
              $loc = [string]$m.default_locale
              if ($loc) {
                $msgs = Get-Content -LiteralPath (JoinP $vd ('_locales\' + $loc + '\messages.json')) -Raw -Encoding UTF8 | ConvertFrom-Json
                foreach ($pp in @($msgs.PSObject.Properties)) { if ($pp.Name -ieq $msgKey) { $nm = [string]$pp.Value.message; break } }
              }
            }
            $row.name = $nm
          }
        } catch { Warn ($b[0] + ' ' + [string]$x.Name + ': ' + [string]$_.Exception.Message) }
        $out += ,$row
      }
    }
  }
  [ordered]@{ items = $out }
}
Section 'firefox' {
  $out = @()
  $pd = (EnvVar 'APPDATA') + '\Mozilla\Firefox\Profiles'
  if ((EnvVar 'APPDATA') -and (Exists $pd)) {
    foreach ($prof in @(Kids $pd)) {
      $f = JoinP ([string]$prof.FullName) 'extensions.json'
      if (-not $prof.PSIsContainer -or -not (Exists $f)) { continue }
      try {
        $j = Get-Content -LiteralPath $f -Raw -Encoding UTF8 | ConvertFrom-Json
        foreach ($a in @($j.addons)) {
          if ([string]$a.type -ne 'extension') { continue }
          $out += ,([ordered]@{ profile = [string]$prof.Name; id = [string]$a.id; name = [string]$a.defaultLocale.name; version = [string]$a.version; location = [string]$a.location; active = $a.active; install_source = [string]$a.installTelemetryInfo.source })
        }
      } catch { Warn ('Firefox profile ' + [string]$prof.Name + ': ' + [string]$_.Exception.Message) }
    }
  }
  [ordered]@{ items = $out }
}
Section 'dns_cache' {
  $items = @()
  try { $items = @(Get-DnsClientCache -ErrorAction Stop | Select-Object -Property @('Entry', 'Name', 'Type', 'Status', 'Section', 'Data')) } catch { if (-not (NotFound $_)) { throw } }
  [ordered]@{ items = $items }
}
Section 'tcp' {
  $items = @()
  try { $items = @(Get-NetTCPConnection -State Established -ErrorAction Stop | Select-Object -Property @('LocalAddress', 'LocalPort', 'RemoteAddress', 'RemotePort', 'OwningProcess')) } catch { if (-not (NotFound $_)) { throw } }
  [ordered]@{ items = $items }
}
Section 'consent_store' {
  $keys = @()
  foreach ($h in @('HKEY_CURRENT_USER', 'HKEY_LOCAL_MACHINE')) {
    foreach ($cap in @('webcam', 'microphone')) {
      $base = $h + '\SOFTWARE\Microsoft\Windows\CurrentVersion\CapabilityAccessManager\ConsentStore\' + $cap
      $d = RegDump $base
      if (-not $d) { continue }
      $keys += ,$d
      foreach ($s in @(SubKeys $base)) {
        $k1 = $base + '\' + $s
        $d1 = RegDump $k1
        if ($d1) { $keys += ,$d1 }
        if ($s -ieq 'NonPackaged') {
          foreach ($s2 in @(SubKeys $k1)) {
            $d2 = RegDump ($k1 + '\' + $s2)
            if ($d2) { $keys += ,$d2 }
          }
        }
      }
    }
  }
  [ordered]@{ keys = $keys }
}
$fin = $null
try { $fin = (Get-Date).ToUniversalTime().ToString('o') } catch { }
Write-Output (',"end":' + (ToJson ([ordered]@{ finished = $fin })))
Write-Output '}'
`;

/** The full stdin text for powershell.exe: the body with the rule paths and keys embedded as data. */
export function buildInventoryScript(rulePaths: RulePaths, registryKeys: readonly string[]): string {
  const literal = psJsonLiteral({ files: filePatterns(rulePaths), registry: registryPatterns(registryKeys) });
  const lines = BODY.split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.trim() !== '' && !/^\s*#/.test(l));
  // a function replacement: a string one would expand "$&" and "$'" found in the data
  const body = lines.join('\n').replace(CONFIG_PLACEHOLDER, () => literal);
  return `& {\n${body}\n}\n\n`;
}
