// The real Windows script, built from the bundled rules, under a real PowerShell 7 (the dotnet global tool).
// CI installs pwsh (.ci/run); outside CI the tests are skipped, saying why, when pwsh is not installed.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { POWERSHELL_ARGS } from '../../../src/collectors/windows/index.js';
import { parseWindowsInventory } from '../../../src/collectors/windows/inventory.js';
import { buildInventoryScript } from '../../../src/collectors/windows/script.js';
import { findSuspicious, SUSPICIOUS_WORDS } from '../../../src/collectors/windows/suspicious.js';
import { registryKeysFor, rulePathsFor } from '../../../src/rules/paths.js';
import { loadRuleSet } from '../../../src/rules/ruleset.js';
import { Snapshot } from '../../../src/snapshot/schema.js';
import { fakeMachine, findPwsh, HOME_OTHER, prelude, PWSH_VERSION, runPwsh, SIGNED_PROCESS } from './pwsh-harness.js';

const pwsh = findPwsh();
if (!pwsh && process.env.CI) throw new Error(`pwsh ${PWSH_VERSION} is required in CI (dotnet tool install --global PowerShell --version ${PWSH_VERSION}); not found on PATH or in ~/.dotnet/tools`);
const skipReason = pwsh ? undefined : `pwsh not installed (dotnet tool install --global PowerShell --version ${PWSH_VERSION}); the PowerShell tests are skipped`;
if (skipReason) console.warn(skipReason);
const suite = pwsh ? describe : describe.skip;
const TIMEOUT = 180_000;
const EXPECTED = join(import.meta.dirname, '../../fixtures/windows/pwsh/expected-snapshot.json');

/** The exact stdin text bosswatch builds from the bundled rules. */
async function bundledScript(): Promise<string> {
  const { rules } = await loadRuleSet();
  return buildInventoryScript(rulePathsFor(rules, 'windows'), registryKeysFor(rules));
}

// Parses the script with PowerShell's own parser, walks the AST for what Windows PowerShell 5.1 lacks or what
// Constrained Language Mode refuses, and asks this pwsh's own suspicious-content check about it.
const ANALYSE = String.raw`
$text = [System.IO.File]::ReadAllText('__FILE__')
$tokens = $null
$errors = $null
$ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$tokens, [ref]$errors)
$found = [System.Collections.Generic.List[string]]::new()
# cmdlets and parameters added after Windows PowerShell 5.1 (PowerShell 6.0-7.x release notes)
$bad51 = @('Join-String', 'Test-Json', 'Get-Error', 'ConvertFrom-Markdown', 'Show-Markdown', 'Get-Uptime', 'Remove-Alias', 'Remove-Service', 'Get-PSSubsystem', 'Set-MarkdownOption', 'Get-MarkdownOption', 'Update-List')
$badParams = @{ 'ForEach-Object' = @('Parallel', 'ThrottleLimit', 'AsJob', 'TimeoutSeconds'); 'ConvertFrom-Json' = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind'); 'ConvertTo-Json' = @('EscapeHandling', 'AsArray', 'EnumsAsStrings'); 'Get-Content' = @('AsByteStream'); 'Set-Content' = @('AsByteStream'); 'Add-Content' = @('AsByteStream'); 'Select-Object' = @('SkipIndex'); 'Where-Object' = @('Not'); 'Test-Connection' = @('TargetName'); 'Get-ChildItem' = @('FollowSymlink'); 'Select-String' = @('Raw', 'NoEmphasis'); 'Split-Path' = @('LeafBase', 'Extension'); 'Join-Path' = @('AdditionalChildPath'); 'Import-Module' = @('UseWindowsPowerShell'); 'Get-Date' = @('AsUTC', 'UnixTimeSeconds'); 'Sort-Object' = @('Top', 'Bottom', 'Stable') }
foreach ($n in $ast.FindAll({ $true }, $true)) {
  $t = $n.GetType().Name
  $at = ' at line ' + $n.Extent.StartLineNumber + ': ' + $n.Extent.Text.Substring(0, [Math]::Min(60, $n.Extent.Text.Length))
  switch ($t) {
    'TernaryExpressionAst' { $found.Add('ternary ? :' + $at) }
    'PipelineChainAst' { $found.Add('pipeline chain && / ||' + $at) }
    'BinaryExpressionAst' { if ($n.Operator -eq 'QuestionQuestion') { $found.Add('?? operator' + $at) } }
    'AssignmentStatementAst' { if ($n.Operator -eq 'QuestionQuestionEquals') { $found.Add('??= operator' + $at) } }
    'MemberExpressionAst' {
      if ($n.NullConditional) { $found.Add('?. member access' + $at) }
      if ($n.Member -isnot [System.Management.Automation.Language.StringConstantExpressionAst]) { $found.Add('suspicious: member name from a variable' + $at) }
    }
    'InvokeMemberExpressionAst' { if ($n.NullConditional) { $found.Add('?. method call' + $at) } }
    'IndexExpressionAst' { if ($n.NullConditional) { $found.Add('?[] index' + $at) } }
    'ScriptBlockAst' { if ($n.CleanBlock) { $found.Add('clean block' + $at) } }
    'VariableExpressionAst' { if (@('PSStyle', 'IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR') -contains $n.VariablePath.UserPath) { $found.Add('variable $' + $n.VariablePath.UserPath + $at) } }
    'CommandAst' {
      $name = $n.GetCommandName()
      if ($bad51 -contains $name) { $found.Add('cmdlet ' + $name + $at) }
      foreach ($e in $n.CommandElements) {
        if ($e -is [System.Management.Automation.Language.CommandParameterAst]) {
          if ($e.ParameterName -eq 'Parallel') { $found.Add('-Parallel' + $at) }
          if ($badParams.ContainsKey([string]$name) -and $badParams[[string]$name] -contains $e.ParameterName) { $found.Add($name + ' -' + $e.ParameterName + $at) }
        }
      }
      if ($name -eq 'New-Object' -and -not ($n.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] -and $_.ParameterName -eq 'ComObject' })) { $found.Add('CLM: New-Object of a .NET type' + $at) }
      if ($name -eq 'Add-Type') { $found.Add('CLM: Add-Type' + $at) }
    }
  }
  if ($t -eq 'InvokeMemberExpressionAst' -and $n.Static) {
    foreach ($a in $n.Arguments) { if ($a -is [System.Management.Automation.Language.ScriptBlockExpressionAst]) { $found.Add('CLM: script block passed to a .NET method' + $at) } }
  }
  if ($t -eq 'InvokeMemberExpressionAst' -and -not $n.Static) {
    foreach ($a in $n.Arguments) { if ($a -is [System.Management.Automation.Language.ScriptBlockExpressionAst]) { $found.Add('CLM: script block passed to a .NET method' + $at) } }
  }
  if ($t -eq 'AssignmentStatementAst' -and $n.Left -is [System.Management.Automation.Language.MemberExpressionAst] -and $n.Left.Static) { $found.Add('CLM: setting a static .NET property' + $at) }
}
$check = [scriptblock].GetMethod('CheckSuspiciousContent', [System.Reflection.BindingFlags]'NonPublic,Static')
$probe = [System.Management.Automation.Language.Parser]::ParseInput('$x.PSObject.Properties', [ref]$null, [ref]$null)
[pscustomobject]@{
  version = [string]$PSVersionTable.PSVersion
  errors = @($errors | ForEach-Object { $_.Message + ' at line ' + $_.Extent.StartLineNumber })
  found = @($found)
  suspicious = $check.Invoke($null, @($ast))
  probe = $check.Invoke($null, @($probe))
} | ConvertTo-Json -Compress -Depth 4
`;

suite('the Windows script under PowerShell 7', () => {
  let script = '';
  beforeAll(async () => {
    script = await bundledScript();
  });

  it(`is checked with pwsh ${PWSH_VERSION}`, async () => {
    const r = await runPwsh(pwsh!, ['-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'], '');
    expect(r.stdout.trim()).toBe(PWSH_VERSION);
  }, TIMEOUT);

  describe('static checks', () => {
    let analysis: { version: string; errors: string[]; found: string[]; suspicious: string | null; probe: string | null };
    beforeAll(async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'bw-pwsh-')), 'script.ps1');
      writeFileSync(file, script);
      const r = await runPwsh(pwsh!, ['-NoProfile', '-NonInteractive', '-Command', ANALYSE.replace('__FILE__', file)], '');
      analysis = JSON.parse(r.stdout.trim().split('\n').pop()!);
    }, TIMEOUT);

    it('parses with PowerShell\'s own parser without errors', () => {
      expect(analysis.version).toBe(PWSH_VERSION);
      expect(analysis.errors).toEqual([]);
    });

    it('uses nothing Windows PowerShell 5.1 lacks, and nothing Constrained Language Mode refuses', () => {
      expect(analysis.found).toEqual([]);
    });

    it("trips neither this pwsh's suspicious-content check nor the word list (case-insensitive substring anywhere)", () => {
      // the check itself works: PSObject.Properties, which the script used before, is flagged
      expect(analysis.probe).toBe('Properties');
      expect(analysis.suspicious).toBeNull();
      expect(findSuspicious(script)).toBeUndefined();
    });
  });

  it('breaks up suspicious words in rule data, and PowerShell reads the data back unchanged', async () => {
    const evil = 'C:\\Program Files\\Vendor\\Properties\\EmitAgent.exe';
    const s = buildInventoryScript({ exact: [evil], globs: [] }, ['HKLM\\SOFTWARE\\Bypass\\Marshal']);
    expect(findSuspicious(s)).toBeUndefined();
    const lit = /ConvertFrom-Json ('[^']*')/.exec(s)![1];
    const back = await runPwsh(pwsh!, ['-NoProfile', '-NonInteractive', '-Command', `(ConvertFrom-Json ${lit}).files[0].src; (ConvertFrom-Json ${lit}).registry[0].src`], '');
    expect(back.stdout.trim().split(/\r?\n/)).toEqual([evil, 'HKLM\\SOFTWARE\\Bypass\\Marshal']);
  }, TIMEOUT);

  describe.each(['FullLanguage', 'ConstrainedLanguage'] as const)('run with stubs in %s mode', (mode) => {
    let res: ReturnType<typeof parseWindowsInventory>;
    let stdout = '';
    let stderr = '';
    beforeAll(async () => {
      const r = await runPwsh(pwsh!, [...POWERSHELL_ARGS], prelude(fakeMachine(), mode) + script);
      stdout = r.stdout;
      stderr = r.stderr;
      res = parseWindowsInventory(stdout);
    }, TIMEOUT);

    it('prints only ASCII, one complete document, nothing on standard error', () => {
      expect(stderr).toBe('');
      expect(/[^\x09\x0a\x0d\x20-\x7e]/.test(stdout)).toBe(false);
      expect(res.complete).toBe(true);
    });

    it('reports the language mode and that the account is not elevated', () => {
      expect(res.meta.language_mode).toBe(mode);
      expect(res.host?.language_mode).toBe(mode);
      expect(res.host?.elevated).toBe(false);
    });

    it('keeps every other section when one throws, a key is denied and a task is corrupt', () => {
      const cov = Object.fromEntries(res.coverage.map((c) => [c.source, c]));
      expect(cov['windows/drivers'].status).toBe('error');
      expect(cov['windows/drivers'].reason).toContain('Provider load failure');
      expect(cov['windows/input-filters'].status).toBe('ok');
      expect(cov['windows/run-keys'].status).toBe('partial');
      expect(cov['windows/run-keys'].reason).toContain('denied');
      expect(cov['windows/scheduled-tasks'].status).toBe('partial');
      expect(cov['windows/scheduled-tasks'].reason).toContain('The task image is corrupt or has been tampered with.');
      expect(res.tables.autostart?.filter((a) => a.kind === 'scheduled-task').map((a) => a.name)).toEqual(['self backup']);
      expect(res.tables.processes?.length).toBeGreaterThan(5);
      expect(res.tables.packages?.map((p) => p.name)).toContain('7-Zip 25.01 (x64)');
      expect(cov['windows/processes'].status).toBe('partial');
    });

    it("reports another user's unreadable profile as not checked, not as absent", () => {
      const files = res.coverage.find((c) => c.source === 'windows/files')!;
      expect(files.status).toBe('partial');
      expect(files.reason).toMatch(/could not be checked because Windows denied access \(e\.g\. C:\\Users\\roam22/);
      expect(res.tables.files?.some((f) => f.path.startsWith(HOME_OTHER))).toBe(false);
    });

    it('emits signers, listening ports with their programs, the hosts file and DNS', () => {
      const signed = res.tables.processes?.find((p) => p.path === SIGNED_PROCESS) as { signer?: string } | undefined;
      expect(signed?.signer).toBe('SOS Software- und Organisations-Service GmbH');
      const smb = res.tables.network?.find((n) => n.state === 'listen' && n.local_port === 445);
      expect(smb).toMatchObject({ source: 'connection', protocol: 'tcp', local_address: '::', pid: 4, process: 'System' });
      expect(res.tables.network?.filter((n) => n.source === 'hosts')).toEqual([{ host: 'bonus2.corporatebonusapplication.local', address: '127.0.0.1', source: 'hosts' }]);
      expect(res.tables.network?.some((n) => n.source === 'dns-cache' && n.host === 'www.gstatic.com' && n.address === '216.58.221.67')).toBe(true);
    });

    it('gives the expected snapshot', () => {
      const snap = {
        format: 'bosswatch-snapshot',
        version: 1,
        collected_at: '2026-12-03T00:00:00Z',
        host: { platform: 'windows', os_version: '', ...res.host },
        ...res.tables,
        coverage: res.coverage,
      };
      expect(Snapshot.safeParse(snap).success).toBe(true);
      // the language mode is checked above; how many rule paths fall in the unreadable profile depends on the rules
      const norm = JSON.parse(JSON.stringify(snap).replace(/"language_mode":"\w+"/g, '"language_mode":"-"'));
      for (const c of norm.coverage as { source: string; reason?: string; params?: Record<string, unknown> }[]) {
        if (c.source !== 'windows/files') continue;
        c.reason = c.reason?.replace(/^\d+ places(.*?)\(e\.g\. C:\\Users\\roam22\\[^)]*\)/, 'N places$1(e.g. C:\\Users\\roam22\\…)');
        if (c.params) c.params = { ...c.params, count: 'N', path: String(c.params.path).replace(/^(C:\\Users\\roam22\\).*/, '$1…') };
      }
      if (process.env.UPDATE_PWSH && mode === 'FullLanguage') writeFileSync(EXPECTED, `${JSON.stringify(norm, null, 2)}\n`);
      expect(existsSync(EXPECTED)).toBe(true);
      expect(norm).toEqual(JSON.parse(readFileSync(EXPECTED, 'utf8')));
    });
  });

  // pwsh 7 matches substrings inside runs of letters and '-' (GetConstructors is reported as GetConstructor);
  // words with digits can never match there, since a digit ends the run
  it('every word of the list (without digits) is flagged by this pwsh\'s own check', async () => {
    const words = SUSPICIOUS_WORDS.filter((w) => /^[A-Za-z-]+$/.test(w));
    const file = join(mkdtempSync(join(tmpdir(), 'bw-pwsh-')), 'words.txt');
    writeFileSync(file, words.join('\n'));
    const cmd = `$c = [scriptblock].GetMethod('CheckSuspiciousContent', [System.Reflection.BindingFlags]'NonPublic,Static'); foreach ($w in [System.IO.File]::ReadAllLines('${file}')) { $a = [System.Management.Automation.Language.Parser]::ParseInput('$x = ''' + $w + '''', [ref]$null, [ref]$null); [string]$c.Invoke($null, @($a)) }`;
    const r = await runPwsh(pwsh!, ['-NoProfile', '-NonInteractive', '-Command', cmd], '');
    const got = r.stdout.trim().split(/\r?\n/);
    expect(got).toHaveLength(words.length);
    got.forEach((g, i) => expect(words[i].toLowerCase()).toContain(g.toLowerCase()));
  }, TIMEOUT);
});
