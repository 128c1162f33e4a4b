// What the data benches (close, logistics, sales) and the paired profiles share: where the repository and its built CLI are, the
// repository's better-sqlite3, and a number given as --name=N, as an environment variable, or by default.
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bin = join(root, 'bin', 'partnerdeck.cjs');
/** The repository's better-sqlite3 (the baselines read the data folder with the engine the product uses). */
export const loadSqlite = () => createRequire(import.meta.url)(join(root, 'node_modules', 'better-sqlite3'));

/** `--name=N`, else the environment variable `env`, else `fallback`. */
export function arg(name, env, fallback) {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  return Number(flag ? flag.split('=')[1] : (process.env[env] ?? fallback));
}

/** The machine a paired profile ran on, at the moment it prints: cores, the load averages (1, 5, 15 min), Node. */
export const machineNow = () => ({ cores: cpus().length, load: loadavg().map((l) => Number(l.toFixed(2))), node: process.version });
