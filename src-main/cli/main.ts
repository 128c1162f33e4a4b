// Entry of the `partnerdeck` binary (bundled to dist/cli/partnerdeck.cjs).
import { runCli } from './cli';
import { nodeIo } from './cli-io';

runCli(process.argv.slice(2), nodeIo()).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`partnerdeck: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
