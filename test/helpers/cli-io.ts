// A CliIo that records what a command prints, for running the CLI in-process.
import type { CliIo } from '../../src-main/cli/cli-io';

export interface RecordingIo extends CliIo {
  stdout: string[];
  stderr: string[];
}

export function recordingIo(options: { env?: NodeJS.ProcessEnv; tty?: boolean; columns?: number } = {}): RecordingIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    columns: options.columns,
    untilStopped: () => new Promise(() => undefined),
  };
}
