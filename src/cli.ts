import type { ChalkInstance } from 'chalk';
import { Command, CommanderError, Help, Option, type Argument } from 'commander';
import { EXIT, isKnownError, messageText } from './errors.js';
import type { Io } from './commands/io.js';
import { LANGS, isLang, langFromEnv, translator, type Lang, type MessageKey, type Translator } from './i18n/index.js';
import { TOOL_VERSION } from './version.js';
import { escapeTerminal } from './report/escape.js';
import { writeErrorMessage } from './commands/io.js';

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

/** A Command whose usage errors come from the catalogue (commander words them in English; we keep its codes). */
class LocalCommand extends Command {
  constructor(name: string | undefined, private readonly tr: Translator) {
    super(name);
  }
  override createCommand(name?: string): Command {
    return new LocalCommand(name, this.tr);
  }
  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    return super.error(localError(this.tr, message, errorOptions?.code), errorOptions);
  }
}

/** Commander's English usage error in the user's language, from its code and the names it quotes. */
export function localError(tr: Translator, message: string, code: string | undefined): string {
  const [first, ...rest] = message.split('\n');
  const did = rest.join('\n').match(/^\(Did you mean (.+)\?\)$/);
  const suggestion = did ? `\n${tr.t('cli.error.did-you-mean', { suggestion: did[1] })}` : '';
  let m: RegExpMatchArray | null;
  switch (code) {
    case 'commander.unknownOption':
      if ((m = first.match(/^error: unknown option '(.*)'$/))) return tr.t('cli.error.unknown-option', { flag: m[1] }) + suggestion;
      break;
    case 'commander.unknownCommand':
      if ((m = first.match(/^error: unknown command '(.*)'$/))) return tr.t('cli.error.unknown-command', { name: m[1] }) + suggestion;
      break;
    case 'commander.missingArgument':
      if ((m = first.match(/^error: missing required argument '(.*)'$/))) return tr.t('cli.error.missing-argument', { name: m[1] });
      break;
    case 'commander.optionMissingArgument':
      if ((m = first.match(/^error: option '(.*)' argument missing$/))) return tr.t('cli.error.option-missing-argument', { flag: m[1] });
      break;
    case 'commander.missingMandatoryOptionValue':
      if ((m = first.match(/^error: required option '(.*)' not specified$/))) return tr.t('cli.error.missing-mandatory-option', { flag: m[1] });
      break;
    case 'commander.excessArguments':
      if ((m = first.match(/^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/))) {
        const command = m[1] ? tr.t('cli.error.too-many-arguments.for', { name: m[1] }) : '';
        return tr.n('cli.error.too-many-arguments', Number(m[2]), { command, got: m[3] });
      }
      break;
    case 'commander.invalidArgument':
      if ((m = first.match(/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/)))
        return tr.t('cli.error.invalid-choice', { flag: m[1], value: m[2], choices: m[3] });
      break;
  }
  return message;
}

/** Help headings, "(choices: …, default: …)" and the usage line in the user's language. */
function localHelp(tr: Translator): Partial<Help> {
  const titles: Record<string, MessageKey> = {
    'Usage:': 'help.title.usage',
    'Options:': 'help.title.options',
    'Global Options:': 'help.title.global-options',
    'Commands:': 'help.title.commands',
    'Arguments:': 'help.title.arguments',
  };
  const usage = (line: string) => line.replace(/\[options\]/g, tr.t('help.usage.options')).replace(/\[command\]/g, tr.t('help.usage.command'));
  const extra = (description: string, choices: readonly string[] | undefined, shownDefault: string | undefined) => {
    const info = [
      ...(choices ? [tr.t('help.choices', { choices: choices.map((c) => JSON.stringify(c)).join(', ') })] : []),
      ...(shownDefault !== undefined ? [tr.t('help.default', { value: shownDefault })] : []),
    ];
    return info.length ? `${description} (${info.join(', ')})`.trim() : description;
  };
  return {
    styleTitle: (title: string) => (Object.hasOwn(titles, title) ? tr.t(titles[title]) : title),
    commandUsage(this: Help, cmd: Command) {
      return usage(Help.prototype.commandUsage.call(this, cmd));
    },
    subcommandTerm(this: Help, cmd: Command) {
      return usage(Help.prototype.subcommandTerm.call(this, cmd));
    },
    optionDescription: (o: Option) =>
      extra(o.description, o.argChoices, o.defaultValue !== undefined && (o.required || o.optional) ? o.defaultValueDescription ?? JSON.stringify(o.defaultValue) : undefined),
    argumentDescription: (a: Argument) =>
      extra(a.description, a.argChoices, a.defaultValue !== undefined ? a.defaultValueDescription ?? JSON.stringify(a.defaultValue) : undefined),
  };
}

export function buildProgram(io: Omit<Io, 'color' | 'lang'> & { lang?: Lang }, setExit: (code: number) => void): Command {
  const withColor = async (opts: { color?: boolean; output?: string }): Promise<Io> => {
    const lang = (program.opts() as { lang?: Lang }).lang ?? io.lang ?? langFromEnv();
    return { ...io, lang, color: await makeColor(opts) };
  };
  const tr = translator(io.lang ?? langFromEnv());
  const t = tr.t;
  const program = new LocalCommand('bosswatch', tr)
    .description(t('help.program'))
    .addOption(new Option('--lang <lang>', t('help.opt.lang')).choices(LANGS))
    .version(TOOL_VERSION, '-V, --version', t('help.opt.version'))
    .helpOption('-h, --help', t('help.opt.help'))
    .helpCommand('help [command]', t('help.cmd.help'))
    .configureHelp(localHelp(tr))
    .showHelpAfterError(t('help.after-error'))
    .configureOutput({ writeOut: io.out, writeErr: (text) => io.err(escapeLines(text)) })
    .exitOverride();

  program
    .command('scan')
    .description(t('help.scan'))
    .addOption(new Option('--format <format>', t('help.opt.format.report')).choices(['terminal', 'json', 'html', 'markdown', 'sarif', 'csv']))
    .option('--output <file>', t('help.scan.output'))
    .option('--snapshot <file>', t('help.scan.snapshot'))
    .option('--rules <dir>', t('help.opt.rules'), collectList)
    .option('--verbose', t('help.scan.verbose'))
    .option('--include-identifiers', t('help.scan.include-identifiers'))
    .option('--redact-tenant', t('help.opt.redact-tenant'))
    .option('--evidence <dir>', t('help.scan.evidence'))
    .option('--no-color', t('help.opt.no-color'))
    .addHelpText('after', () => t('cli.scan-notice', { command: POWERSHELL_COMMAND }))
    .action(async (opts) => setExit(await (await import('./commands/scan.js')).scanCommand(opts, await withColor(opts))));

  program
    .command('collect')
    .description(t('help.collect'))
    .option('--output <file>', t('help.collect.output'))
    .option('--rules <dir>', t('help.collect.rules'), collectList)
    .option('--raw <dir>', t('help.collect.raw'))
    .option('--include-identifiers', t('help.collect.include-identifiers'))
    .option('--redact-tenant', t('help.opt.redact-tenant'))
    .action(async (opts) => setExit(await (await import('./commands/collect.js')).collectCommand(opts, await withColor(opts))));

  program
    .command('explain')
    .description(t('help.explain'))
    .argument('<product>', t('help.explain.product'))
    .addOption(new Option('--format <format>', t('help.opt.format')).choices(['terminal', 'json', 'markdown']).default('terminal'))
    .option('--rules <dir>', t('help.opt.rules'), collectList)
    .option('--no-color', t('help.opt.no-color'))
    .action(async (product, opts) => setExit(await (await import('./commands/explain.js')).explainCommand(product, opts, await withColor(opts))));

  program
    .command('letter')
    .description(t('help.letter'))
    .option('--report <file>', t('help.letter.report'))
    .addOption(new Option('--template <template>', t('help.letter.template')).choices(['generic', 'gdpr']).default('generic'))
    .option('--name <name>', t('help.letter.name'))
    .option('--employer <employer>', t('help.letter.employer'))
    .option('--output <file>', t('help.letter.output'))
    .option('--rules <dir>', t('help.opt.rules'), collectList)
    .action(async (opts) => setExit(await (await import('./commands/letter.js')).letterCommand(opts, await withColor(opts))));

  program
    .command('verify')
    .description(t('help.verify'))
    .argument('<report>', t('help.verify.report'))
    .option('--snapshot <file>', t('help.verify.snapshot'))
    .option('--no-color', t('help.opt.no-color'))
    .action(async (report, opts) => setExit(await (await import('./commands/verify.js')).verifyCommand(report, opts, await withColor(opts))));

  program
    .command('fleet')
    .description(t('help.fleet'))
    .argument('<inputs...>', t('help.fleet.inputs'))
    .addOption(new Option('--format <format>', t('help.opt.format')).choices(['terminal', 'markdown', 'html', 'csv', 'json']).default('terminal'))
    .option('--min-group <n>', t('help.fleet.min-group'), '5')
    .option('--output <file>', t('help.fleet.output'))
    .option('--no-color', t('help.opt.no-color'))
    .action(async (inputs, opts) => setExit(await (await import('./commands/fleet.js')).fleetCommand(inputs, opts, await withColor(opts))));

  program
    .command('diff')
    .description(t('help.diff'))
    .argument('<old>', t('help.diff.old'))
    .argument('<new>', t('help.diff.new'))
    .addOption(new Option('--format <format>', t('help.diff.format')).choices(['terminal', 'markdown', 'json']))
    .option('--output <file>', t('help.diff.output'))
    .option('--rules <dir>', t('help.opt.rules'), collectList)
    .option('--include-identifiers', t('help.diff.include-identifiers'))
    .option('--redact-tenant', t('help.opt.redact-tenant'))
    .option('--no-color', t('help.opt.no-color'))
    .action(async (oldFile, newFile, opts) => setExit(await (await import('./commands/diff.js')).diffCommand(oldFile, newFile, opts, await withColor(opts))));

  const rules = program.command('rules').description(t('help.rules'));
  rules
    .command('list')
    .description(t('help.rules.list'))
    .option('--category <category>', t('help.rules.list.category'))
    .option('--platform <platform>', t('help.rules.list.platform'))
    .addOption(new Option('--format <format>', t('help.opt.format')).choices(['terminal', 'json', 'markdown']).default('terminal'))
    .option('--rules <dir>', t('help.opt.rules'), collectList)
    .action(async (opts) => setExit(await (await import('./commands/rules.js')).rulesList(opts, await withColor(opts))));
  rules
    .command('show')
    .description(t('help.rules.show'))
    .argument('<id>', t('help.rules.show.id'))
    .addOption(new Option('--format <format>', t('help.opt.format')).choices(['terminal', 'json', 'markdown']).default('terminal'))
    .option('--rules <dir>', t('help.rules.show.rules'), collectList)
    .action(async (id, opts) => setExit(await (await import('./commands/rules.js')).rulesShow(id, opts, await withColor(opts))));
  rules
    .command('validate')
    .description(t('help.rules.validate'))
    .argument('[dir]', t('help.rules.validate.dir'))
    .action(async (dir) => setExit(await (await import('./commands/rules.js')).rulesValidate(dir, await withColor({}))));
  rules
    .command('build')
    .description(t('help.rules.build'))
    .argument('<dir...>', t('help.rules.build.dirs'))
    .requiredOption('--output <file>', t('help.rules.build.output'))
    .action(async (dirs, opts) => setExit(await (await import('./commands/rules.js')).rulesBuild(dirs, opts, await withColor({}))));
  rules
    .command('stats')
    .description(t('help.rules.stats'))
    .addOption(new Option('--format <format>', t('help.opt.format')).choices(['terminal', 'json']).default('terminal'))
    .option('--rules <dir>', t('help.opt.rules'), collectList)
    .option('--no-color', t('help.opt.no-color'))
    .action(async (opts) => setExit(await (await import('./commands/rules.js')).rulesStats(opts, await withColor(opts))));
  rules
    .command('export')
    .description(t('help.rules.export'))
    .addOption(new Option('--format <format>', t('help.rules.export.format')).choices(['osquery', 'fleet']).makeOptionMandatory())
    .option('--output <file>', t('help.rules.export.output'))
    .option('--rules <dir>', t('help.opt.rules'), collectList)
    .action(async (opts) => setExit(await (await import('./commands/rules.js')).rulesExport(opts, await withColor({}))));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // a reader that stops early (`| head`) is not an error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    // a full disk or a closed terminal: one line, no stack
    process.stderr.write(`bosswatch: ${messageText(translator(langOfArgv(argv.slice(2))), { key: 'err.stdout', parts: { why: writeErrorMessage(e) } })}\n`);
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
      io.err(`bosswatch: ${escapeTerminal(e.i18n ? messageText(translator(lang), e.i18n) : e.message)}\n`);
      return e.exitCode;
    }
    io.err(`bosswatch ${TOOL_VERSION}: ${translator(lang).t('err.internal')}\n${escapeLines((e as Error)?.stack ?? String(e))}\n`);
    return EXIT.usage;
  }
}
