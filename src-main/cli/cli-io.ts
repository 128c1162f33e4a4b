import { createInterface } from 'node:readline';

// What a CLI command may touch of the outside world, so commands run in tests without a process.
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). Long-running commands call it first thing
   * (that installs the handlers) and await it once they serve. */
  untilStopped(): Promise<string>;
  /** Lines typed in the terminal (only when stdin is a terminal; absent otherwise). Returns a stop function. */
  onInputLine?(listener: (line: string) => void): () => void;
}

/** A usage error: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {}

export function nodeIo(): CliIo {
  // Created on the first call and kept: long-running commands call it before they print anything, so a
  // signal that arrives right after their JSON line still stops them cleanly. Short commands never call
  // it and keep the default Ctrl+C behaviour.
  let stopped: Promise<string> | undefined;
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    env: process.env,
    untilStopped: () =>
      (stopped ??= new Promise<string>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
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
