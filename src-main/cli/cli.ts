// The `partnerdeck` command line on commander: the declared commands (command-kit.ts) become commander
// commands, so every command and group has the same --help layout, `help <command>` works, unknown commands
// and flags get "did you mean", and -v/--version prints the version. Errors are one line on stderr naming the
// flag, with exit code 2 for bad input and 1 for a failed command; colours only on a terminal, never with
// NO_COLOR.
import { resolve } from 'node:path';
import { Command as Commander, CommanderError, Help, type HelpContext } from 'commander';
import { ApiError } from '../../src-shared/api/errors';
import { APP_VERSION } from '../console/version';
import { knownFailure } from '../core/errors';
import { defaultDataDir } from '../core/paths';
import { colorsOn, paint, UsageError, type CliIo } from './cli-io';
import type { Command, CommandContext, CommandGroup, CommandOption } from './command-kit';
import { ASSEMBLY, COMMAND_GROUPS, COMMANDS, type Assembly } from '../areas';
import { openCliPlatform, startConsoleStack } from './stack';
import { completionCommand } from './completion';

export interface CliRegistry {
  commands: readonly Command[];
  groups: readonly CommandGroup[];
  /** How the commands open the platform and start the console (every area's; tests may pass their own). */
  assembly: Assembly;
}

/** Flags every command takes. */
export const GLOBAL_OPTIONS: Record<string, CommandOption> = {
  'data-dir': {
    value: 'DIR',
    description: 'the data folder (env PARTNERDECK_DATA_DIR; default: the per-OS app data folder, e.g. ~/.config/PartnerDeck)',
    complete: 'dir',
  },
};

const DESCRIPTION = 'PartnerDeck: the partner console and a complete local copy of the platform (OAuth 2.0, the /admin REST API, webhooks).';
/** Help wraps to the terminal, at most this wide (and exactly this wide when not on a terminal). */
const HELP_WIDTH = 100;

/** The registry the binary runs: every area's commands (src-main/areas.ts), plus `help` and `completion`. */
export function defaultRegistry(): CliRegistry {
  return { commands: COMMANDS, groups: COMMAND_GROUPS, assembly: ASSEMBLY };
}

/** A commander command that prints a group's help (on stdout, exit 0) when called without a subcommand. */
class CliCommand extends Commander {
  override createCommand(name?: string): CliCommand {
    return new CliCommand(name);
  }

  override help(context?: HelpContext): never;
  override help(cb: (str: string) => string): never;
  override help(context?: HelpContext | ((str: string) => string)): never {
    if (typeof context === 'object' && context.error && this.commands.length > 0) {
      this.outputHelp();
      throw new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)');
    }
    return super.help(context as HelpContext);
  }
}

/** The commander option flags of a declared option: `-j, --json`, `--company <ID>`. */
export function optionFlags(name: string, option: CommandOption): string {
  return `${option.short ? `-${option.short}, ` : ''}--${name}${option.value ? ` <${option.value}>` : ''}`;
}

function optionDescription(option: CommandOption): string {
  const notes = [option.required ? 'required' : '', option.multiple ? 'repeatable' : ''].filter(Boolean);
  return notes.length > 0 ? `${option.description} (${notes.join(', ')})` : option.description;
}

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The value of a declared flag in commander's parsed options (`--no-open` is commander's `open: false`). */
function flagValue(opts: Record<string, unknown>, name: string): string | boolean | string[] | undefined {
  if (name.startsWith('no-')) return opts[camel(name.slice(3))] === false ? true : undefined;
  return opts[camel(name)] as string | boolean | string[] | undefined;
}

function addOptions(target: Commander, options: Record<string, CommandOption>): void {
  for (const [name, option] of Object.entries(options)) {
    if (option.multiple) target.option(optionFlags(name, option), optionDescription(option), (value: string, previous?: string[]) => [...(previous ?? []), value]);
    else target.option(optionFlags(name, option), optionDescription(option));
  }
}

function examplesText(examples: readonly string[] | undefined): string {
  return examples && examples.length > 0 ? `\nExamples:\n${examples.map((e) => `  partnerdeck ${e}`).join('\n')}\n` : '';
}

/** Commander's error text as one line in our words: "unknown flag '--bogus' (did you mean --name?)". */
export function oneLineError(message: string, commandPath: string, example?: string): string {
  let line = message
    .trim()
    .replace(/^error: /, '')
    .replace(/^missing required argument '(.*)'$/, `${commandPath} needs <$1>${example ? `, e.g. \`partnerdeck ${example}\`` : ''}`)
    .replace(/^unknown option/, 'unknown flag')
    .replace(/^option '([^' ]+)[^']*' argument missing/, '$1 needs a value')
    .replace(/\s*\n\(Did you mean (.*)\?\)$/s, ' (did you mean $1?)')
    .replace(/\n/g, ' ');
  if (!line.includes('did you mean') && !line.includes('e.g.')) line += ` (see \`partnerdeck ${commandPath ? `${commandPath} ` : ''}--help\`)`;
  return line;
}

/** A validation error of a service, with its input fields named as the flags that set them. */
export function flagError(error: ApiError, command: Command, values: CommandContext['values']): string {
  const lines = Object.entries(error.fields).map(([field, problems]) => {
    const [head, index] = field.split('.');
    const entry = Object.entries(command.options).find(([name, option]) =>
      option.field === undefined ? camel(name) === head : typeof option.field === 'string' ? option.field === head : option.field.includes(head),
    );
    if (!entry) return `${field} ${problems[0]}`;
    const [name] = entry;
    const value = values[name];
    const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((v) => v.trim()) : undefined;
    const item = index !== undefined && list ? ` ${list[Number(index)] ?? ''}`.trimEnd() : '';
    return `--${name}${item}: ${problems[0]}`;
  });
  return lines.length > 0 ? lines.join('; ') : error.message;
}

const alternatives = (choices: readonly string[]) => (choices.length === 2 ? `${choices[0]} or ${choices[1]}` : `one of ${choices.join(', ')}`);

function checkDeclared(command: Command, values: CommandContext['values'], positionals: string[]): void {
  for (const [name, option] of Object.entries(command.options)) {
    const value = values[name];
    if (option.required && (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))) {
      throw new UsageError(`--${name} is required${option.multiple ? ' (repeat it for several values)' : ''}`);
    }
    if (option.choices && value !== undefined) {
      for (const one of Array.isArray(value) ? value : [String(value)]) {
        if (!option.choices.includes(one)) throw new UsageError(`--${name} must be ${alternatives(option.choices)} (got "${one}")`);
      }
    }
  }
  (command.arguments ?? []).forEach((argument, i) => {
    const value = positionals[i];
    if (argument.required && value === undefined) {
      const example = command.examples?.[0];
      throw new UsageError(`${command.name} needs <${argument.name}>${example ? `, e.g. \`partnerdeck ${example}\`` : ''}`);
    }
    if (value !== undefined && argument.choices && !argument.choices.includes(value)) {
      throw new UsageError(`<${argument.name}> must be ${alternatives(argument.choices)} (got "${value}")`);
    }
  });
}

interface Outcome {
  code: number;
}

/** Builds the commander program of a registry; `outcome.code` is set by the command that runs. */
export function buildProgram(io: CliIo, registry: CliRegistry, outcome: Outcome = { code: 0 }): Commander {
  const outColors = colorsOn(io.env, io.stdoutIsTTY);
  const errColors = colorsOn(io.env, io.stderrIsTTY);
  const style = paint(true); // commander strips the styles where colours are off
  const width = Math.min(io.columns ?? HELP_WIDTH, HELP_WIDTH);
  const help = helpCommand(io, registry);
  const completion: Command = completionCommand(registry, GLOBAL_OPTIONS, () => [help, completion]);
  const all = [...registry.commands, help, completion];
  const program = new CliCommand('partnerdeck');
  const trailers = new WeakMap<Commander, string>();
  let running = '';
  program
    .description(DESCRIPTION)
    .usage('<command> [options]')
    .version(APP_VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({
      helpWidth: width,
      minWidthToWrap: 20,
      showGlobalOptions: true,
      // -v/--version belongs to the program's own page, not to every command's global options.
      // Examples (and the program's closing hint) are part of the page itself, so helpInformation() has them.
      formatHelp: (cmd, helper) => Help.prototype.formatHelp.call(helper, cmd, helper) + (trailers.get(cmd) ?? ''),
      visibleGlobalOptions: (cmd) => Object.assign(new Help(), { showGlobalOptions: true }).visibleGlobalOptions(cmd).filter((o) => o.long !== '--version'),
      styleTitle: (s) => style.bold(s),
      styleCommandText: (s) => style.cyan(s),
      styleSubcommandTerm: (s) => style.cyan(s),
      styleOptionTerm: (s) => style.cyan(s),
      styleArgumentTerm: (s) => style.cyan(s),
    })
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
      outputError: (message, write) => {
        const example = all.find((c) => c.name === running)?.examples?.[0];
        write(`${paint(errColors).red('partnerdeck:')} ${oneLineError(message, running, example)}\n`);
      },
      getOutHelpWidth: () => width,
      getErrHelpWidth: () => width,
      getOutHasColors: () => outColors,
      getErrHasColors: () => errColors,
    });
  addOptions(program, GLOBAL_OPTIONS);
  trailers.set(program, `\nRun \`partnerdeck help <command>\` (or \`partnerdeck <command> --help\`) for a command's options.\n`);
  program.hook('preSubcommand', (_parent, sub) => {
    running = commandPath(sub);
  });

  const groups = new Map<string, Commander>();
  const groupOf = (word: string): Commander => {
    const existing = groups.get(word);
    if (existing) return existing;
    const declared = registry.groups.find((g) => g.name === word);
    if (!declared) throw new Error(`CLI command group "${word}" is not declared (add a CommandGroup for it)`);
    const group = program.command(word).summary(declared.summary).description(declared.description ? `${declared.summary}\n\n${declared.description}` : declared.summary);
    group.usage('<command> [options]').helpCommand(false);
    group.hook('preSubcommand', (_parent, sub) => {
      running = commandPath(sub);
    });
    groups.set(word, group);
    return group;
  };

  for (const command of all) {
    const words = command.name.split(' ');
    const parent = words.length === 2 ? groupOf(words[0]) : program;
    const sub = parent.command(words[words.length - 1]);
    sub.summary(command.summary).description(command.description ? `${command.summary}\n\n${command.description}` : command.summary);
    for (const argument of command.arguments ?? []) sub.argument(argument.required ? `<${argument.name}>` : `[${argument.name}]`, argument.description);
    addOptions(sub, command.options);
    if (command.examples?.length) trailers.set(sub, examplesText(command.examples));
    sub.action(async (...args: unknown[]) => {
      const self = args[args.length - 1] as Commander;
      const opts = self.optsWithGlobals();
      const values: CommandContext['values'] = {};
      for (const name of [...Object.keys(GLOBAL_OPTIONS), ...Object.keys(command.options)]) values[name] = flagValue(opts, name);
      const positionals = self.args.filter((a) => a !== undefined);
      checkDeclared(command, values, positionals);
      const global = { dataDir: resolve((values['data-dir'] as string | undefined) ?? defaultDataDir(io.env)) };
      try {
        outcome.code = await command.run({
          values,
          positionals,
          global,
          io,
          knownSchemaVersion: registry.assembly.knownSchemaVersion,
          migrations: registry.assembly.migrations,
          openPlatform: (seed, dataDir = global.dataDir) => openCliPlatform(registry.assembly, dataDir, seed),
          startConsoleStack: (options) => startConsoleStack(registry.assembly, global.dataDir, options),
          createConsoleService: (options) => registry.assembly.createConsoleService(options),
        });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'validation_failed') throw new UsageError(flagError(error, command, values));
        throw error;
      }
    });
  }
  return program;
}

function commandPath(command: Commander): string {
  const words: string[] = [];
  for (let c: Commander | null = command; c?.parent; c = c.parent) words.unshift(c.name());
  return words.join(' ');
}

/** `partnerdeck help [command...]`: the same page as `<command> --help`. */
function helpCommand(io: CliIo, registry: CliRegistry): Command {
  return {
    name: 'help',
    summary: 'Show help for a command or group (`partnerdeck help app create`)',
    arguments: [{ name: 'command...', description: 'the command, e.g. `app create`' }],
    options: {},
    examples: ['help', 'help app', 'help app create'],
    async run({ positionals }) {
      const words = positionals.flatMap((p) => p.split(' ')).filter(Boolean);
      const known = new Set(['help', 'completion', ...registry.commands.map((c) => c.name), ...registry.groups.map((g) => g.name)]);
      for (let i = 0; i < words.length; i++) {
        const path = words.slice(0, i + 1).join(' ');
        if (known.has(path)) continue;
        // An unknown word: commander says so, with "did you mean" (only an unknown word is run, never a command).
        if (i === 0 || registry.groups.some((g) => g.name === words[0])) return runCli(words.slice(0, i + 1), io, registry);
        throw new UsageError(`"${words.slice(0, i).join(' ')}" has no subcommands (see \`partnerdeck help ${words.slice(0, i).join(' ')}\`)`);
      }
      return runCli([...words, '--help'], io, registry);
    },
  };
}

/** Every help page: the program's, each group's and each command's, by command path ('' for the program). */
export function helpPages(io: CliIo, registry: CliRegistry = defaultRegistry()): Map<string, string> {
  const pages = new Map<string, string>();
  const visit = (command: Commander) => {
    pages.set(commandPath(command), command.helpInformation());
    for (const sub of command.commands) visit(sub);
  };
  visit(buildProgram(io, registry));
  return pages;
}

/** Runs the CLI; returns the exit code. */
export async function runCli(argv: string[], io: CliIo, registry: CliRegistry = defaultRegistry()): Promise<number> {
  const outcome: Outcome = { code: 0 };
  const red = paint(colorsOn(io.env, io.stderrIsTTY)).red('partnerdeck:');
  try {
    await buildProgram(io, registry, outcome).parseAsync(argv, { from: 'user' });
    return outcome.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has printed the one-line error of anything else.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      io.err(`${red} ${error.message}`);
      return 2;
    }
    // The one classification (core/errors.ts): ApiErrors and known failures of the database file are answers.
    const known = knownFailure(error);
    if (known) {
      const fields = Object.entries(known.fields);
      io.err(`${red} ${fields.length > 0 ? fields.map(([f, p]) => `${f} ${p.join(', ')}`).join('; ') : known.message}`);
      return 1;
    }
    io.err(`${red} ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}

