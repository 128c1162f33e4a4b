// What every CLI command is made of, declared as plain data (name, summary, description, arguments, flags,
// examples) plus its `run`: cli.ts turns these into commander commands (help, parsing, "did you mean"), and
// the same declarations feed shell completion and the help snapshots. Area files export `Command[]` (and the
// `CommandGroup`s whose first word they introduce); the helpers below read flags and print tables.
import { ApiError } from '../../src-shared/api/errors';
import type { Assembly } from '../areas';
import type { Platform, SeedChoice } from '../core/platform';
import type { ConsoleStack, ConsoleStackOptions } from './stack';
import type { ConsoleService, ConsoleServiceOptions } from '../console/console-service';
import { UsageError, type CliIo } from './cli-io';

export interface GlobalOptions {
  dataDir: string;
}

/** A flag of a command, keyed by its long name without dashes (`'redirect-uri'`). */
export interface CommandOption {
  /** Placeholder of the flag's value (`'ID'`, `'demo|none'`); without it the flag is a switch. */
  value?: string;
  description: string;
  /** A one-letter alias (`'j'` for `-j`). */
  short?: string;
  /** May be given several times; the values arrive as an array. */
  multiple?: boolean;
  /** The only values allowed (checked before `run`, offered by shell completion). */
  choices?: readonly string[];
  /** Checked before `run`: "--name is required". */
  required?: boolean;
  /** The input field this flag sets when it is not the flag's camelCase name (`'redirectUris'` for
   * `--redirect-uri`): validation errors about that field then name the flag. */
  field?: string | readonly string[];
  /** What shell completion offers for the value: files or folders (default: nothing). */
  complete?: 'file' | 'dir';
}

export interface CommandArgument {
  name: string;
  description: string;
  required?: boolean;
  /** The only values allowed (checked before `run`, offered by shell completion). */
  choices?: readonly string[];
  /** Values shell completion offers without restricting the argument to them. */
  suggest?: readonly string[];
}

export interface Command {
  /** The words that run it: `'serve'`, `'app create'`. A two-word name belongs to the group of its first word. */
  name: string;
  /** One line, shown in lists of commands. */
  summary: string;
  /** More about it, shown in its own help under the summary (plain text; lines are kept). */
  description?: string;
  arguments?: readonly CommandArgument[];
  options: Record<string, CommandOption>;
  /** Whole command lines without `partnerdeck` (`'app list --company 5 --json'`), shown under Examples. */
  examples?: readonly string[];
  run(ctx: CommandContext): Promise<number>;
}

/** The first word of two-word commands (`app` of `app create`): its help lists its subcommands. */
export interface CommandGroup {
  name: string;
  summary: string;
  description?: string;
}

export interface CommandContext {
  /** Flag values by long name (the command's flags and the global ones): strings, booleans, arrays for
   * repeatable flags; undefined when not given. */
  values: Record<string, string | boolean | string[] | undefined>;
  /** The arguments, in order (only those given). */
  positionals: string[];
  global: GlobalOptions;
  io: CliIo;
  /** The schema version this build writes (a data folder above it is from a newer PartnerDeck). */
  knownSchemaVersion: number;
  /** Every migration this build knows, in both forms (SQLite and PostgreSQL). */
  migrations: Assembly['migrations'];
  /** Opens the data folder's platform (a folder from a newer PartnerDeck is refused); an empty folder gets the demo
   * with `'demo'`. The command closes it. `dataDir`: another folder than --data-dir's (`migrate --from`). */
  openPlatform(seed: SeedChoice, dataDir?: string): Platform;
  /** Browser mode on the data folder: platform, dispatcher, platform server, console service and browser host. */
  startConsoleStack(options: ConsoleStackOptions): Promise<ConsoleStack>;
  /** A console service on an open platform (`serve --console`: one per signed-in person). */
  createConsoleService(options: ConsoleServiceOptions): ConsoleService;
}

export const str = (values: CommandContext['values'], key: string): string | undefined => values[key] as string | undefined;

export function required(values: CommandContext['values'], key: string): string {
  const value = str(values, key);
  if (value === undefined || value === '') throw new UsageError(`--${key} is required`);
  return value;
}

export function positiveInt(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`--${flag} must be a positive whole number (got "${raw}")`);
  return Number(raw);
}

/** What a service call answers, or undefined when it answers not_found (a flag naming something that is not there). */
export function ifFound<T>(lookup: () => T): T | undefined {
  try {
    return lookup();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') return undefined;
    throw error;
  }
}

export function seedChoice(raw: string | undefined, fallback: SeedChoice): SeedChoice {
  if (raw === undefined) return fallback;
  if (raw !== 'demo' && raw !== 'none') throw new UsageError(`--seed must be demo or none (got "${raw}")`);
  return raw;
}

/** The `--seed demo|none` flag of the commands that may create a data folder. */
export const SEED_OPTION: CommandOption = { value: 'demo|none', description: 'what an empty data folder starts with (default: demo)', choices: ['demo', 'none'] };

/** The `--json` switch, with what it prints. */
export function jsonOption(prints: string): CommandOption {
  return { description: `print JSON instead of text: ${prints}` };
}

/** `--json` output of a console object: the fields named, in that order, under their snake_case names (companyId -> company_id). */
export function snakeFields<T extends object>(source: T, keys: readonly (keyof T & string)[]): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const key of keys) json[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = source[key];
  return json;
}

export function printTable(io: CliIo, rows: Record<string, string | number>[]): void {
  if (rows.length === 0) {
    io.out('(none)');
    return;
  }
  const keys = Object.keys(rows[0]);
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  io.out(keys.map((k, i) => k.toUpperCase().padEnd(widths[i])).join('  '));
  for (const row of rows) io.out(keys.map((k, i) => String(row[k]).padEnd(widths[i])).join('  '));
}
