import { createInterface } from 'node:readline';

// What a CLI command may touch of the outside world, so commands run in tests without a process.
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Whether stdout / stderr are terminals: text for a person there, JSON lines and no colours elsewhere. */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The terminal's width (help text wraps to it), or undefined when not a terminal. */
  columns: number | undefined;
  /** Resolves when the process is asked to stop (the first SIGINT/SIGTERM). Long-running commands call it
   * first thing (that installs the handlers) and await it once they serve. A second Ctrl+C says the stop is
   * still under way; a third quits at once. */
  untilStopped(): Promise<string>;
  /** Lines typed in the terminal (only when stdin is a terminal; absent otherwise). Returns a stop function. */
  onInputLine?(listener: (line: string) => void): () => void;
}

/** A usage error: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {}

/** Colours only on a terminal, never with NO_COLOR (https://no-color.org) or TERM=dumb; FORCE_COLOR forces them. */
export function colorsOn(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return isTTY && env.TERM !== 'dumb';
}

export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

/** ANSI styles, or none: `paint(colorsOn(io.env, io.stdoutIsTTY))`. */
export function paint(on: boolean): Paint {
  const style = (open: number, close: number) => (text: string) => (on && text !== '' ? `\x1b[${open}m${text}\x1b[${close}m` : text);
  return { bold: style(1, 22), dim: style(2, 22), red: style(31, 39), green: style(32, 39), cyan: style(36, 39) };
}

export const STILL_STOPPING = 'partnerdeck: still stopping (finishing what is running, checkpointing the database); press Ctrl+C once more to quit at once';
export const QUIT_NOW = 'partnerdeck: quitting at once; the database keeps every finished write and tidies its journal on the next start';

export function nodeIo(): CliIo {
  // Created on the first call and kept: long-running commands call it before they print anything, so a
  // signal that arrives right after their first line still stops them cleanly. Short commands never call
  // it and keep the default Ctrl+C behaviour.
  let stopped: Promise<string> | undefined;
  const err = (line: string) => process.stderr.write(line + '\n');
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err,
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    untilStopped: () =>
      (stopped ??= new Promise<string>((resolve) => {
        let signals = 0;
        const onSignal = (signal: NodeJS.Signals) => {
          signals += 1;
          if (signals === 1) resolve(signal);
          else if (signals === 2) err(STILL_STOPPING);
          else {
            err(QUIT_NOW);
            process.exit(130);
          }
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      })),
    ...(process.stdin.isTTY
      ? {
          onInputLine(listener: (line: string) => void) {
            const lines = createInterface({ input: process.stdin });
            lines.on('line', listener);
            return () => lines.close();
          },
        }
      : {}),
  };
}
