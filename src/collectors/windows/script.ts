import type { RulePaths } from '../types.js';
import { filePatterns, psJsonLiteral, registryPatterns } from './patterns.js';
import { findSuspicious } from './suspicious.js';

// One `& { }` block with no blank line inside: `-Command -` runs stdin like typed lines (PowerShell/PowerShell#3223).
// Plain ASCII, no backticks or dollar-brace (String.raw template); output escapes non-ASCII so no code page can garble it.
// One section per output line, each in its own try/catch, so a run cut short by the timeout keeps what finished.

export const CONFIG_PLACEHOLDER = '__BOSSWATCH_CONFIG__';

export const INVENTORY_FORMAT = 'bosswatch-windows-inventory';

const BODY = String.raw`
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$bw = @{ warn = @(); warnCount = 0; denied = 0; deniedPaths = @(); cfg = $null; cfgError = $null; homes = @(); procPaths = @(); svcPaths = @() }
try { $bw.cfg = ConvertFrom-Json __BOSSWATCH_CONFIG__ } catch { $bw.cfgError = [string]$_.Exception.Message }
# non-ASCII as \uXXXX, written without script blocks handed to .NET (Constrained Language Mode turns those into text)
function Esc([string]$s) {
  if ($s -notmatch '[^\x00-\x7F]') { return $s }
  $out = foreach ($part in ($s -split '([^\x00-\x7F])')) {
    if ($part.Length -eq 1 -and [int][char]$part -gt 127) { '\u{0:x4}' -f [int][char]$part } else { $part }
  }
  return ($out -join '')
}
function ToJson($o) { return (ConvertTo-Json -InputObject $o -Depth 12 -Compress) }
function Warn([string]$m, [bool]$denied, [string]$path) {
  if ($bw.warn.Count -lt 20) { $bw.warn += $m }
  $bw.warnCount = $bw.warnCount + 1
  if ($denied) {
    $bw.denied = $bw.denied + 1
    if ($path -and $bw.deniedPaths.Count -lt 50) { $bw.deniedPaths += $path }
  }
}
function IsDenied($e) { return ([string]$e.CategoryInfo.Category -eq 'PermissionDenied' -or [string]$e.FullyQualifiedErrorId -like '*UnauthorizedAccess*' -or [string]$e.Exception.Message -like '*denied*') }
# an error record that says "not there" is the answer, not a failure
function Note($errs, [string]$path) {
  foreach ($e in @($errs)) {
    if (-not $e) { continue }
    if ([string]$e.CategoryInfo.Category -eq 'ObjectNotFound') { continue }
    Warn ([string]$e.Exception.Message) (IsDenied $e) $path
  }
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
  Note $ev $p
  return $k
}
# the item, or nothing; a path that exists but cannot be read is recorded as denied, not as absent
function Probe([string]$p) {
  $ev = $null
  $it = $null
  try { $it = Get-Item -LiteralPath $p -Force -ErrorAction SilentlyContinue -ErrorVariable ev } catch { $ev = @($_) }
  if ($it) { return $it }
  Note $ev $p
  return $null
}
function NotFound($err) { return ([string]$err.FullyQualifiedErrorId -like 'CmdletizationQuery_NotFound*') }
function RegDump([string]$key, [string[]]$only, [bool]$hex) {
  $p = 'Registry::' + $key
  $it = Probe $p
  if (-not $it) { return $null }
  $vals = [ordered]@{}
  $ev = $null
  $ip = Get-ItemProperty -LiteralPath $p -ErrorAction SilentlyContinue -ErrorVariable ev
  Note $ev $p
  if ($ip) {
    foreach ($n in @($it.Property)) {
      $n = [string]$n
      if ($only -and -not ($only -contains $n)) { continue }
      # by cmdlet, not $ip.$n: PowerShell treats a member name held in a variable as suspicious content
      $all = @($ip | Select-Object -ExpandProperty $n -ErrorAction SilentlyContinue)
      if ($all.Count -gt 0 -and $all[0] -is [byte]) {
        if (-not $hex) { continue }
        $v = (@($all | ForEach-Object { '{0:x2}' -f $_ }) -join '')
      }
      elseif ($all.Count -eq 1) {
        $v = $all[0]
        if ($v -is [long] -or $v -is [uint64]) { $v = [string]$v }
      }
      else { $v = @($all | ForEach-Object { [string]$_ }) }
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
  if ($segs[0] -isnot [string]) { $cur = @($bw.homes) }
  elseif ($prefix -eq '') { $cur = @(([string]$segs[0]) + '\') }
  else { $cur = @([string]$segs[0]) }
  for ($i = 1; $i -lt $segs.Count; $i++) {
    $s = $segs[$i]
    $next = @()
    foreach ($b in $cur) {
      if ($s -is [string]) {
        $n = JoinP $b $s
        if (Probe ($prefix + $n)) { $next += $n }
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
function ImagePath([string]$cmd) {
  if (-not $cmd) { return $null }
  $c = $cmd.Trim()
  $p = $null
  if ($c.StartsWith('"')) {
    $e = $c.IndexOf('"', 1)
    if ($e -gt 1) { $p = $c.Substring(1, $e - 1) }
  } else {
    $e = $c.ToLowerInvariant().IndexOf('.exe')
    if ($e -gt 0) { $p = $c.Substring(0, $e + 4) }
  }
  if ($p -and $p -match '^[A-Za-z]:\\') { return $p }
  return $null
}
function Section([string]$name, [scriptblock]$body) {
  $bw.warn = @()
  $bw.warnCount = 0
  $bw.denied = 0
  $bw.deniedPaths = @()
  $r = [ordered]@{}
  $t0 = Get-Date
  try { $r.data = (& $body) } catch { $r.error = [string]$_.Exception.Message; $r.error_id = [string]$_.FullyQualifiedErrorId; $r.error_category = [string]$_.CategoryInfo.Category }
  if ($bw.warnCount -gt 0) { $r.warnings = @($bw.warn); $r.warning_count = $bw.warnCount; $r.denied_count = $bw.denied; $r.denied_paths = @($bw.deniedPaths) }
  $r.ms = [int]((Get-Date) - $t0).TotalMilliseconds
  $j = $null
  try { $j = ToJson $r } catch { $j = ToJson ([ordered]@{ error = ('could not convert to JSON: ' + [string]$_.Exception.Message); error_id = 'ConvertToJson' }) }
  Write-Output (Esc (',"' + $name + '":' + $j))
}
$meta = [ordered]@{ ps_version = $null; ps_edition = $null; language_mode = $null; elevated = $null; elevation_error = $null }
try { $meta.ps_version = [string]$PSVersionTable.PSVersion; $meta.ps_edition = [string]$PSVersionTable.PSEdition } catch { }
try { $meta.language_mode = [string]$ExecutionContext.SessionState.LanguageMode } catch { }
# Get-Process refers -IncludeUserName to an elevated token only (GetProcessCommand.BeginProcessing): a test without .NET types
try { $null = Get-Process -Id $PID -IncludeUserName -ErrorAction Stop; $meta.elevated = $true } catch { if ([string]$_.FullyQualifiedErrorId -like 'IncludeUserNameRequiresElevation*') { $meta.elevated = $false } else { $meta.elevation_error = [string]$_.Exception.Message } }
$meta.config_error = $bw.cfgError
$meta.env = [ordered]@{}
foreach ($n in @('COMPUTERNAME', 'USERNAME', 'USERDOMAIN', 'SystemRoot', 'windir', 'SystemDrive', 'ProgramFiles', 'ProgramFiles(x86)', 'ProgramW6432', 'ProgramData', 'CommonProgramFiles', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'TEMP', 'PUBLIC', 'PROCESSOR_ARCHITECTURE', 'PROCESSOR_ARCHITEW6432')) { $meta.env[$n] = EnvVar $n }
try { $meta.started = (Get-Date).ToUniversalTime().ToString('o') } catch { }
Write-Output (Esc ('{"format":"bosswatch-windows-inventory","version":1,"meta":' + (ToJson $meta)))
Section 'host' {
  $os = @(Get-CimInstance -ClassName Win32_OperatingSystem -ErrorAction Stop)[0]
  $cv = RegDump 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion' @('DisplayVersion', 'UBR', 'EditionID')
  $v = [ordered]@{}
  if ($cv) { $v = $cv.values }
  [ordered]@{ Caption = [string]$os.Caption; Version = [string]$os.Version; BuildNumber = [string]$os.BuildNumber; OSArchitecture = [string]$os.OSArchitecture; CSName = [string]$os.CSName; DisplayVersion = [string]$v.DisplayVersion; UBR = $v.UBR; EditionID = [string]$v.EditionID }
}
# every profile folder Windows knows, wherever it lives; per-user rule paths are looked for in each
Section 'profiles' {
  $base = 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList'
  $out = @()
  foreach ($sid in @(SubKeys $base)) {
    try {
      $d = RegDump ($base + '\' + $sid) @('ProfileImagePath')
      if (-not $d -or -not $d.values.ProfileImagePath) { continue }
      $p = [string]$d.values.ProfileImagePath
      $out += ,([ordered]@{ sid = $sid; path = $p })
      if ($sid -like 'S-1-5-21-*' -or $sid -like 'S-1-12-1-*') { if (-not ($bw.homes -contains $p)) { $bw.homes += $p } }
    } catch { Warn ('profile ' + $sid + ': ' + [string]$_.Exception.Message) }
  }
  $me = EnvVar 'USERPROFILE'
  if ($me -and -not ($bw.homes -contains $me)) { $bw.homes += $me }
  [ordered]@{ items = $out; homes = @($bw.homes) }
}
Section 'processes' {
  $items = @(Get-CimInstance -ClassName Win32_Process -ErrorAction Stop | Select-Object -Property @('ProcessId', 'ParentProcessId', 'Name', 'ExecutablePath', 'CommandLine', 'CreationDate', 'SessionId'))
  foreach ($i in $items) { if ($i.ExecutablePath) { $bw.procPaths += [string]$i.ExecutablePath } }
  $owners = $null
  $ownersError = $null
  if ($meta.elevated -eq $true) {
    try { $owners = @(Get-Process -IncludeUserName -ErrorAction Stop | ForEach-Object { [ordered]@{ Id = $_.Id; UserName = [string]$_.UserName } }) } catch { $ownersError = [string]$_.Exception.Message }
  }
  [ordered]@{ items = $items; owners = $owners; owners_error = $ownersError }
}
Section 'services' {
  $items = @(Get-CimInstance -ClassName Win32_Service -ErrorAction Stop | Select-Object -Property @('Name', 'DisplayName', 'PathName', 'StartMode', 'State', 'StartName', 'ProcessId', 'ServiceType'))
  foreach ($i in $items) { $p = ImagePath ([string]$i.PathName); if ($p) { $bw.svcPaths += $p } }
  [ordered]@{ items = $items }
}
# who signed each program outside the Windows folder, bounded in count and time
Section 'signers' {
  $root = EnvVar 'SystemRoot'
  if ($root) { $root = $root.ToLowerInvariant() + '\' }
  $seen = @{}
  $todo = @()
  foreach ($p in @($bw.procPaths + $bw.svcPaths)) {
    $k = ([string]$p).ToLowerInvariant()
    if (-not $k -or $seen.ContainsKey($k)) { continue }
    $seen[$k] = 1
    if ($root -and $k.StartsWith($root)) { continue }
    $todo += [string]$p
  }
  $items = @()
  $skipped = 0
  $t0 = Get-Date
  foreach ($p in $todo) {
    if ($items.Count -ge 200 -or ((Get-Date) - $t0).TotalSeconds -gt 20) { $skipped++; continue }
    try {
      $sig = Get-AuthenticodeSignature -LiteralPath $p -ErrorAction Stop
      $subject = $null
      if ($sig.SignerCertificate) { $subject = [string]$sig.SignerCertificate.Subject }
      $items += ,([ordered]@{ path = $p; status = [string]$sig.Status; subject = $subject })
    } catch { Warn ($p + ': ' + [string]$_.Exception.Message) (IsDenied $_) $p }
  }
  [ordered]@{ items = $items; candidates = $todo.Count; skipped = $skipped }
}
Section 'drivers' {
  [ordered]@{ items = @(Get-CimInstance -ClassName Win32_SystemDriver -ErrorAction Stop | Select-Object -Property @('Name', 'DisplayName', 'PathName', 'State', 'StartMode', 'ServiceType')) }
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
    if (-not (Probe $p)) { continue }
    $ev = $null
    $items = @(Get-ItemProperty -Path ($p + '\*') -ErrorAction SilentlyContinue -ErrorVariable ev | Select-Object -Property @('DisplayName', 'DisplayVersion', 'Publisher', 'InstallLocation', 'SystemComponent', 'PSChildName'))
    Note $ev $p
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
# a task Windows cannot read arrives as an error record; the others still come through
Section 'scheduled_tasks' {
  $ev = $null
  $tasks = @(Get-ScheduledTask -ErrorAction SilentlyContinue -ErrorVariable ev)
  Note $ev ''
  $items = @()
  foreach ($t in $tasks) {
    try {
      $acts = @()
      foreach ($a in @($t.Actions)) { $acts += ,([ordered]@{ Execute = [string]$a.Execute; Arguments = [string]$a.Arguments; WorkingDirectory = [string]$a.WorkingDirectory; ClassId = [string]$a.ClassId }) }
      $items += ,([ordered]@{ TaskName = [string]$t.TaskName; TaskPath = [string]$t.TaskPath; State = [string]$t.State; Author = [string]$t.Author; Actions = $acts })
    } catch { Warn ('task ' + [string]$t.TaskName + ': ' + [string]$_.Exception.Message) }
  }
  [ordered]@{ items = $items }
}
Section 'startup_folders' {
  $shell = $null
  $shellTried = $false
  $mode = [string]$ExecutionContext.SessionState.LanguageMode
  $out = @()
  foreach ($f in @(@('common', ((EnvVar 'ProgramData') + '\Microsoft\Windows\Start Menu\Programs\StartUp')), @('user', ((EnvVar 'APPDATA') + '\Microsoft\Windows\Start Menu\Programs\Startup')))) {
    if (-not (Probe $f[1])) { continue }
    foreach ($i in @(Kids $f[1])) {
      if ($i.PSIsContainer -or $i.Name -ieq 'desktop.ini') { continue }
      $target = $null
      $arguments = $null
      # COM is not available outside Full Language mode; the shortcut files are still listed
      if (-not $shellTried -and $mode -eq 'FullLanguage' -and $i.Extension -ieq '.lnk') {
        $shellTried = $true
        try { $shell = New-Object -ComObject WScript.Shell } catch { Warn ('shortcut targets not read: ' + [string]$_.Exception.Message) }
      }
      if ($shell -and $i.Extension -ieq '.lnk') {
        # CreateShortcut on an existing .lnk only reads it; nothing is saved
        try { $lnk = $shell.CreateShortcut($i.FullName); $target = [string]$lnk.TargetPath; $arguments = [string]$lnk.Arguments } catch { Warn ([string]$_.Exception.Message) }
      }
      $out += ,([ordered]@{ scope = $f[0]; file = [string]$i.FullName; name = [string]$i.Name; target = $target; arguments = $arguments })
    }
  }
  [ordered]@{ items = $out; language_mode = $mode }
}
Section 'files' {
  $found = @()
  $seen = @{}
  if ($bw.cfg) {
    foreach ($pat in @($bw.cfg.files)) {
      foreach ($p in @(Walk $pat '' 300)) {
        if ($seen.ContainsKey($p)) { continue }
        $seen[$p] = 1
        $it = Probe $p
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
    if (-not (Probe $r)) { $rootInfo += ,([ordered]@{ path = $r; exists = $false }); continue }
    $n = 0
    foreach ($k in @(Kids $r)) {
      $kp = JoinP $r ([string]$k.PSChildName)
      $listing += ,(ItemInfo $k $kp)
      $n++
    }
    $rootInfo += ,([ordered]@{ path = $r; exists = $true; entries = $n })
  }
  [ordered]@{ matches = $found; listing = $listing; roots = $rootInfo; homes = @($bw.homes) }
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
    if (-not $la -or -not (Probe $b[1])) { continue }
    foreach ($prof in @(Kids $b[1])) {
      if (-not $prof.PSIsContainer) { continue }
      $ed = JoinP ([string]$prof.FullName) 'Extensions'
      if (-not (Probe $ed)) { continue }
      foreach ($x in @(Kids $ed)) {
        if (-not $x.PSIsContainer -or $x.Name -notmatch '^[a-p]{32}$') { continue }
        $row = [ordered]@{ browser = $b[0]; profile = [string]$prof.Name; id = [string]$x.Name; name = $null; version = $null }
        try {
          $v = @(Kids $x.FullName | Where-Object { $_.PSIsContainer } | Sort-Object LastWriteTime -Descending)
          if ($v.Count -gt 0) {
            $vd = [string]$v[0].FullName
            $m = Get-Content -LiteralPath (JoinP $vd 'manifest.json') -Raw -Encoding UTF8 -ErrorAction Stop | ConvertFrom-Json
            $row.version = [string]$m.version
            $nm = [string]$m.name
            if ($nm -match '^__MSG_(.+)__$') {
              $msgKey = $Matches[1]
              $nm = $null
              $loc = [string]$m.default_locale
              if ($loc) {
                $msgs = Get-Content -LiteralPath (JoinP $vd ('_locales\' + $loc + '\messages.json')) -Raw -Encoding UTF8 -ErrorAction Stop | ConvertFrom-Json
                # Select-Object finds the member case-insensitively, as Chromium does message names
                $nm = [string](@($msgs | Select-Object -ExpandProperty $msgKey -ErrorAction SilentlyContinue) | Select-Object -First 1).message
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
  if ((EnvVar 'APPDATA') -and (Probe $pd)) {
    foreach ($prof in @(Kids $pd)) {
      $f = JoinP ([string]$prof.FullName) 'extensions.json'
      if (-not $prof.PSIsContainer -or -not (Probe $f)) { continue }
      try {
        $j = Get-Content -LiteralPath $f -Raw -Encoding UTF8 -ErrorAction Stop | ConvertFrom-Json
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
Section 'listening' {
  $items = @()
  try { $items = @(Get-NetTCPConnection -State Listen -ErrorAction Stop | Select-Object -Property @('LocalAddress', 'LocalPort', 'OwningProcess')) } catch { if (-not (NotFound $_)) { throw } }
  [ordered]@{ items = $items }
}
# read-only; Windows may keep it elsewhere (Tcpip DataBasePath)
Section 'hosts_file' {
  $dir = $null
  $d = RegDump 'HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters' @('DataBasePath')
  if ($d -and $d.values.DataBasePath) { $dir = [string]$d.values.DataBasePath }
  if (-not $dir) { $dir = (EnvVar 'SystemRoot') + '\System32\drivers\etc' }
  $f = JoinP $dir 'hosts'
  if (-not (Probe $f)) { return [ordered]@{ path = $f; exists = $false } }
  [ordered]@{ path = $f; exists = $true; lines = @(Get-Content -LiteralPath $f -TotalCount 5000 -ErrorAction Stop) }
}
Section 'proxy' {
  $keys = @()
  foreach ($k in @('HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Internet Settings', 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings', 'HKEY_CURRENT_USER\Software\Policies\Microsoft\Windows\CurrentVersion\Internet Settings', 'HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings')) {
    $d = RegDump $k @('ProxyEnable', 'ProxyServer', 'ProxyOverride', 'AutoConfigURL', 'AutoDetect', 'ProxySettingsPerUser')
    if ($d -and $d.values.Count -gt 0) { $keys += ,$d }
  }
  $d = RegDump 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections' @('WinHttpSettings') $true
  if ($d -and $d.values.Count -gt 0) { $keys += ,$d }
  [ordered]@{ keys = $keys }
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
Section 'behaviour_facts' {
  $keys = @()
  $only = @{}
  foreach ($k in @('HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Windows', 'HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\Windows NT\CurrentVersion\Windows')) { $d = RegDump $k @('AppInit_DLLs', 'LoadAppInit_DLLs', 'RequireSignedAppInit_DLLs'); if ($d) { $keys += ,$d } }
  foreach ($k in @('HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\WindowsAI', 'HKEY_CURRENT_USER\SOFTWARE\Policies\Microsoft\Windows\WindowsAI', 'HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services', 'HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Internet Settings', 'HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings')) { $d = RegDump $k; if ($d) { $keys += ,$d } }
  foreach ($h in @('HKEY_LOCAL_MACHINE', 'HKEY_CURRENT_USER')) {
    foreach ($b in @('Google\Chrome', 'Microsoft\Edge', 'BraveSoftware\Brave', 'Chromium')) { $d = RegDump ($h + '\SOFTWARE\Policies\' + $b); if ($d -and $d.values.Count -gt 0) { $keys += ,$d } }
  }
  foreach ($base in @('HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Enrollments')) {
    foreach ($s in @(SubKeys $base)) { $d = RegDump ($base + '\' + $s) @('ProviderID', 'UPN', 'EnrollmentType', 'DiscoveryServiceFullURL'); if ($d -and $d.values.Count -gt 0) { $keys += ,$d } }
  }
  $certs = @()
  foreach ($base in @('HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\SystemCertificates\Root\Certificates', 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\EnterpriseCertificates\Root\Certificates', 'HKEY_CURRENT_USER\SOFTWARE\Policies\Microsoft\SystemCertificates\Root\Certificates')) {
    foreach ($s in @(SubKeys $base)) { $certs += ,([ordered]@{ store = $base; thumbprint = $s }) }
  }
  $subject = @{}
  foreach ($c in @(Get-ChildItem -Path 'Cert:\LocalMachine\Root' -ErrorAction SilentlyContinue)) { $subject[[string]$c.Thumbprint] = @([string]$c.Subject, [string]$c.Issuer, [string]$c.NotAfter.ToUniversalTime().ToString('o')) }
  foreach ($c in $certs) { $m = $subject[[string]$c.thumbprint]; if ($m) { $c.subject = $m[0]; $c.issuer = $m[1]; $c.not_after = $m[2] } }
  $files = @()
  $pd = EnvVar 'ProgramData'
  if ($pd) { $f = JoinP $pd 'ClaudeCode\managed-settings.json'; if (Probe $f) { try { $files += ,([ordered]@{ path = $f; text = [string](Get-Content -LiteralPath $f -Raw -Encoding UTF8) }) } catch { Warn ([string]$_.Exception.Message) (IsDenied $_) $f } } }
  $wmi = [ordered]@{ consumers = @(); bindings = @(); error = $null }
  try {
    foreach ($cls in @('CommandLineEventConsumer', 'ActiveScriptEventConsumer')) {
      foreach ($o in @(Get-CimInstance -Namespace 'root/subscription' -ClassName $cls -ErrorAction Stop)) {
        if (-not $o) { continue }
        $wmi.consumers += ,([ordered]@{ class = $cls; name = [string]$o.Name; command = [string]$o.CommandLineTemplate; executable = [string]$o.ExecutablePath; script_file = [string]$o.ScriptFileName; engine = [string]$o.ScriptingEngine })
      }
    }
    foreach ($o in @(Get-CimInstance -Namespace 'root/subscription' -ClassName '__FilterToConsumerBinding' -ErrorAction Stop)) { if (-not $o) { continue }; $wmi.bindings += ,([ordered]@{ filter = [string]$o.Filter; consumer = [string]$o.Consumer }) }
  } catch { $wmi.error = [string]$_.Exception.Message }
  [ordered]@{ keys = $keys; certificates = $certs; files = $files; wmi = $wmi }
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
  const script = `& {\n${body}\n}\n\n`;
  // psJsonLiteral breaks such words in the data; this catches one slipping into the code itself
  const bad = findSuspicious(script);
  if (bad) throw new Error(`internal: the scan script contains "${bad.word}", which Windows PowerShell would log`);
  return script;
}
