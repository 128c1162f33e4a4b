// What every CLI command is made of (name, flags, help, run) and the small helpers they share to read
// flags, report usage errors and print tables.
import type { ParseArgsConfig } from 'node:util';
import type { SeedChoice } from '../core/platform';
import { UsageError, type CliIo } from './cli-io';

export interface GlobalOptions {
  dataDir: string;
  port: number;
}

export interface CommandContext {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  global: GlobalOptions;
  io: CliIo;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  help: string;
  options: ParseArgsConfig['options'];
  positionals?: boolean;
  run(ctx: CommandContext): Promise<number>;
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

export function seedChoice(raw: string | undefined, fallback: SeedChoice): SeedChoice {
  if (raw === undefined) return fallback;
  if (raw !== 'demo' && raw !== 'none') throw new UsageError(`--seed must be demo or none (got "${raw}")`);
  return raw;
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

