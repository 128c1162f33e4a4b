// The `partnerdeck` command line: global flags, command dispatch, --help for every command, and one clear
// line on stderr with a non-zero exit for any bad argument or failed command.
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { knownFailure } from '../core/errors';
import { defaultDataDir } from '../core/paths';
import { UsageError, type CliIo } from './cli-io';
import type { Command, GlobalOptions } from './command-kit';
import { COMMANDS } from './commands';

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const GLOBAL_HELP = `Global flags:
  --data-dir DIR   where the platform keeps its data (env PARTNERDECK_DATA_DIR; default: the per-OS app data folder)
  --port N         port for the server (0 = any free port; default 0)
  -h, --help       show help`;

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'partnerdeck: the PartnerDeck console and its local platform',
    '',
    'Usage: partnerdeck <command> [flags]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    GLOBAL_HELP,
    '',
    'Run `partnerdeck <command> --help` for the flags of a command.',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  return [`Usage: partnerdeck ${command.usage}`, '', command.summary, '', command.help.trim(), '', GLOBAL_HELP].join('\n');
}

/** Runs the CLI; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    // Command words are the bare arguments, skipping the values of global flags given before the command
    // (`partnerdeck --data-dir DIR company list`).
    const words = argv.filter((a, i) => !a.startsWith('-') && !(i > 0 && (argv[i - 1] === '--data-dir' || argv[i - 1] === '--port')));
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      io.out(topHelp());
      return 0;
    }
    if (argv[0] === '--version' || argv[0] === 'version') {
      io.out((await import('../console/version')).APP_VERSION);
      return 0;
    }
    const command =
      COMMANDS.find((c) => c.name === `${words[0]} ${words[1]}`) ?? COMMANDS.find((c) => c.name === words[0]);
    if (!command) {
      const group = COMMANDS.filter((c) => c.name.startsWith(`${words[0]} `));
      if (group.length > 0) {
        throw new UsageError(`"${words[0]}" needs a subcommand: ${group.map((c) => c.name.split(' ')[1]).join(', ')} (see partnerdeck --help)`);
      }
      throw new UsageError(`unknown command "${words[0] ?? argv[0]}" (see partnerdeck --help)`);
    }
    const rest = [...argv];
    for (const word of command.name.split(' ')) rest.splice(firstWordIndex(rest, word), 1);
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: command.positionals ?? false, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message.split('\n')[0].replace(/^Unknown option/, 'unknown flag'));
    }
    const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
    if (values.help) {
      io.out(commandHelp(command));
      return 0;
    }
    const global: GlobalOptions = {
      dataDir: resolve((values['data-dir'] as string | undefined) ?? defaultDataDir(io.env)),
      port: parsePort(values.port as string | undefined),
    };
    return await command.run({ values, positionals: parsed.positionals, global, io });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`partnerdeck: ${error.message}`);
      return 2;
    }
    // The one classification (core/errors.ts): ApiErrors and known failures of the database file are answers.
    const known = knownFailure(error);
    if (known) {
      const fields = Object.entries(known.fields);
      io.err(`partnerdeck: ${fields.length > 0 ? fields.map(([f, p]) => `${f} ${p.join(', ')}`).join('; ') : known.message}`);
      return 1;
    }
    io.err(`partnerdeck: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (got "${raw}")`);
  return Number(raw);
}

/** Index of the command word `word` in `args`, skipping a flag value that happens to equal it. */
function firstWordIndex(args: string[], word: string): number {
  return args.findIndex((a, i) => a === word && !(i > 0 && (args[i - 1] === '--data-dir' || args[i - 1] === '--port')));
}
