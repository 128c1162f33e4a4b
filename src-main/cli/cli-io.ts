// What a CLI command may touch of the outside world, so commands run in tests without a process.
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running commands await it. */
  untilStopped(): Promise<string>;
}

/** A usage error: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {}

export function nodeIo(): CliIo {
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    env: process.env,
    untilStopped: () =>
      new Promise((resolve) => {
        const stop = (signal: string) => resolve(signal);
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      }),
  };
}
