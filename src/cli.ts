import type { ChalkInstance } from 'chalk';
import { Command, CommanderError, Option } from 'commander';
import { EXIT, isKnownError } from './errors.js';
import type { Io } from './commands/io.js';
import { LANGS, isLang, langFromEnv, translator, type Lang } from './i18n/index.js';
import { TOOL_VERSION } from './version.js';
import { escapeTerminal } from './report/escape.js';
import { describeWriteError } from './commands/io.js';

/** Escapes each line of a multi-line message (usage errors quote the arguments given). */
const escapeLines = (t: string) => t.split('\n').map(escapeTerminal).join('\n');

const collectList = (v: string, prev: string[] = []) => [...prev, v];

// how a Windows scan starts PowerShell (src/collectors/windows/index.ts; a test keeps the two equal)
const POWERSHELL_COMMAND = '%SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -NoProfile -NonInteractive -Command -';

/** Chalk at level 0 returns its arguments joined by spaces; this does the same without loading chalk (~10 ms). */
export function plainColor(): ChalkInstance {
  const plain: ChalkInstance = new Proxy((...args: unknown[]) => args.join(' '), {
    // `then` must stay undefined, or awaiting the instance would treat it as a promise
    get: (_target, prop) => (prop === 'level' ? 0 : prop === 'then' || typeof prop === 'symbol' ? undefined : plain),
  }) as unknown as ChalkInstance;
  return plain;
}

/** Colour is decided once here: --no-color, NO_COLOR, a file output or a pipe turn it off. */
export async function makeColor(opts: { color?: boolean; output?: string }, env = process.env, isTTY = Boolean(process.stdout.isTTY)): Promise<ChalkInstance> {
  const off = opts.color === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || Boolean(opts.output) || !isTTY;
  if (off) return plainColor();
  const { Chalk, supportsColor } = await import('chalk');
  // a terminal that reports no colour support (TERM=dumb) gets none
  return supportsColor ? new Chalk({ level: supportsColor.level }) : plainColor();
}

/** The language asked for with --lang (anywhere on the line, as commander accepts it), else the environment's. */
export function langOfArgv(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v !== undefined) return isLang(v) ? v : langFromEnv(env);
  }
  return langFromEnv(env);
}

export function buildProgram(io: Omit<Io, 'color' | 'lang'> & { lang?: Lang }, setExit: (code: number) => void): Command {
  const withColor = async (opts: { color?: boolean; output?: string }): Promise<Io> => {
    const lang = (program.opts() as { lang?: Lang }).lang ?? io.lang ?? langFromEnv();
    return { ...io, lang, color: await makeColor(opts) };
  };
  const program = new Command('bosswatch')
    .description('See which monitoring agents run on this computer, what they collect, and how sure we are.')
    .addOption(new Option('--lang <lang>', 'language of the text: en or es (default: from LC_ALL, LC_MESSAGES or LANG)').choices(LANGS))
    .version(TOOL_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: (t) => io.err(escapeLines(t)) })
    .exitOverride();

  program
    .command('scan')
    .description('inventory this computer (or a saved snapshot), match it against the rules, print the report')
    .addOption(new Option('--format <format>', 'report format (default: from the --output file name, else terminal)').choices(['terminal', 'json', 'html', 'markdown', 'sarif', 'csv']))
    .option('--output <file>', 'write the report to a file instead of the terminal (.json .html .md .sarif .csv .txt choose the format)')
    .option('--snapshot <file>', 'scan a saved snapshot (from any OS) instead of this computer')
    .option('--rules <dir>', 'also load rules from this directory or rule pack (repeatable)', collectList)
    .option('--verbose', 'show all evidence and the source of every capability')
    .option('--include-identifiers', 'keep the host name and user names in the report (redacted by default)')
    .option('--redact-tenant', 'also replace the employer\'s tenant name in agent hosts (contoso.teramind.co -> <tenant>.teramind.co)')
    .option('--evidence <dir>', 'also write snapshot.json, report.json, report.html and manifest.json into this new or empty folder')
    .option('--no-color', 'no colours')
    .addHelpText('after', () => translator(langFromEnv()).t('cli.scan-notice', { command: POWERSHELL_COMMAND }))
    .action(async (opts) => setExit(await (await import('./commands/scan.js')).scanCommand(opts, await withColor(opts))));

  program
    .command('collect')
    .description('write the inventory (snapshot) of this computer without matching')
    .option('--output <file>', 'write the snapshot to this file (default: standard output)')
    .option('--rules <dir>', 'also check the paths named by rules in this directory (repeatable)', collectList)
    .option('--raw <dir>', 'also write what every command printed and every file read into this new or empty folder (redacted), to share')
    .option('--include-identifiers', 'keep the host name, user names and hardware ids in the snapshot (redacted by default)')
    .option('--redact-tenant', 'also replace the employer\'s tenant name in agent hosts (contoso.teramind.co -> <tenant>.teramind.co)')
    .action(async (opts) => setExit(await (await import('./commands/collect.js')).collectCommand(opts, await withColor(opts))));

  program
    .command('explain')
    .description('what a product is, what it can collect (with sources), whether it can hide, how to recognise it')
    .argument('<product>', 'rule id or product name')
    .addOption(new Option('--format <format>', 'output format').choices(['terminal', 'json', 'markdown']).default('terminal'))
    .option('--rules <dir>', 'also load rules from this directory or rule pack (repeatable)', collectList)
    .option('--no-color', 'no colours')
    .action(async (product, opts) => setExit(await (await import('./commands/explain.js')).explainCommand(product, opts, await withColor(opts))));

  program
    .command('letter')
    .description('write a request to your employer or its data-protection officer about the monitoring found')
    .option('--report <file>', 'a saved JSON report (bosswatch scan --format json --output report.json); default: scan now')
    .addOption(new Option('--template <template>', 'generic, or gdpr to cite Article 15 GDPR').choices(['generic', 'gdpr']).default('generic'))
    .option('--name <name>', 'your name, to sign the letter (left as a placeholder otherwise)')
    .option('--employer <employer>', 'whom the letter is to (left as a placeholder otherwise)')
    .option('--output <file>', 'write the letter to a file')
    .option('--rules <dir>', 'also load rules from this directory or rule pack (repeatable)', collectList)
    .action(async (opts) => setExit(await (await import('./commands/letter.js')).letterCommand(opts, await withColor(opts))));

  program
    .command('verify')
    .description('recompute the digests of a report (or an evidence folder) and say in one line what matches')
    .argument('<report>', 'a JSON report, or a folder written by scan --evidence')
    .option('--snapshot <file>', 'also check that this snapshot is the one the report was made from')
    .option('--no-color', 'no colours')
    .action(async (report, opts) => setExit(await (await import('./commands/verify.js')).verifyCommand(report, opts, await withColor(opts))));

  program
    .command('fleet')
    .description('one summary of many reports or snapshots (any OS, any mix) that singles no machine out')
    .argument('<inputs...>', 'report or snapshot files, or folders of them')
    .addOption(new Option('--format <format>', 'output format').choices(['terminal', 'markdown', 'html', 'csv', 'json']).default('terminal'))
    .option('--min-group <n>', 'counts under this many machines are shown as "fewer than N" (at least 2)', '5')
    .option('--output <file>', 'write the summary to a file')
    .option('--no-color', 'no colours')
    .action(async (inputs, opts) => setExit(await (await import('./commands/fleet.js')).fleetCommand(inputs, opts, await withColor(opts))));

  const rules = program.command('rules').description('the rules database');
  rules
    .command('list')
    .description('list the products the rules know')
    .option('--category <category>', 'only this category')
    .option('--platform <platform>', 'only products with indicators for windows, macos or linux')
    .addOption(new Option('--format <format>', 'output format').choices(['terminal', 'json', 'markdown']).default('terminal'))
    .option('--rules <dir>', 'also load rules from this directory or rule pack (repeatable)', collectList)
    .action(async (opts) => setExit(await (await import('./commands/rules.js')).rulesList(opts, await withColor(opts))));
  rules
    .command('show')
    .description('print one rule as bosswatch read it (from the parsed rule, escaped)')
    .argument('<id>', 'rule id or product name')
    .addOption(new Option('--format <format>', 'output format').choices(['terminal', 'json', 'markdown']).default('terminal'))
    .option('--rules <dir>', 'also look in this directory (repeatable)', collectList)
    .action(async (id, opts) => setExit(await (await import('./commands/rules.js')).rulesShow(id, opts, await withColor(opts))));
  rules
    .command('validate')
    .description('validate rule files (schema, precision guards, test cases); the built-in rules by default')
    .argument('[dir]', 'directory of rule files')
    .action(async (dir) => setExit(await (await import('./commands/rules.js')).rulesValidate(dir, await withColor({}))));
  rules
    .command('build')
    .description('validate rule folders once and write them as one rule pack (JSON) that --rules loads fast')
    .argument('<dir...>', 'folders of rule files')
    .requiredOption('--output <file>', 'the pack file to write (name ending in .json)')
    .action(async (dirs, opts) => setExit(await (await import('./commands/rules.js')).rulesBuild(dirs, opts, await withColor({}))));
  rules
    .command('stats')
    .description('counts by category, platform, capability and source type')
    .addOption(new Option('--format <format>', 'output format').choices(['terminal', 'json']).default('terminal'))
    .option('--rules <dir>', 'also load rules from this directory or rule pack (repeatable)', collectList)
    .option('--no-color', 'no colours')
    .action(async (opts) => setExit(await (await import('./commands/rules.js')).rulesStats(opts, await withColor(opts))));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // a reader that stops early (`| head`) is not an error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    // a full disk or a closed terminal: one line, no stack
    process.stderr.write(`bosswatch: cannot write to standard output: ${describeWriteError(e)}\n`);
    process.exit(EXIT.usage);
  });
  return runCli(argv, { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s) });
}

/** Runs one command line with the given output functions; every failure becomes an exit code and a message. */
export async function runCli(argv: string[], out: { out(s: string): void; err(s: string): void }): Promise<number> {
  const lang = langOfArgv(argv.slice(2));
  // the terminal's width, for wrapping; files and pipes get 80 columns
  const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
  const io = { lang, columns, ...out };
  let code: number = EXIT.nothingFound;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and --version end with exit code 0; every usage mistake is 2
      return e.exitCode === 0 ? 0 : EXIT.usage;
    }
    if (isKnownError(e)) {
      // messages carry file names, keys and parser text from the input: never raw control characters
      io.err(`bosswatch: ${escapeTerminal(e.i18n ? translator(lang).t(e.i18n.key, e.i18n.params) : e.message)}\n`);
      return e.exitCode;
    }
    io.err(`bosswatch ${TOOL_VERSION}: internal error — please report it with the lines below\n${escapeLines((e as Error)?.stack ?? String(e))}\n`);
    return EXIT.usage;
  }
}
