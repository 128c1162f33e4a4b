// Entry of the `partnerdeck` binary (bundled to dist/cli/partnerdeck.cjs).
import { runCli } from './cli';
import { nodeIo } from './cli-io';

/** Exits once stdout and stderr are flushed: a pipe is written asynchronously, and exiting at once would cut a
 * long `--json` answer short. */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

runCli(process.argv.slice(2), nodeIo()).then(exitAfterFlush, (error) => {
  process.stderr.write(`partnerdeck: ${(error as Error).message}\n`);
  exitAfterFlush(1);
});
