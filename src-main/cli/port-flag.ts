// The --port flag of the commands that listen (serve, console, example-app).
import { UsageError } from './cli-io';
import type { CommandOption } from './command-kit';

/** The --port flag of a command that listens, as a number (undefined when not given). */
export function portFlag(raw: string | boolean | string[] | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (got "${String(raw)}")`);
  return Number(raw);
}

export const PORT_OPTION = (what: string): CommandOption => ({
  value: 'N',
  description: `the ${what}'s port (0 = any free port; default: the port it had last time for this data folder, or any free one when another program holds it)`,
});

