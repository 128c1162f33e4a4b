// The month close on the asynchronous data layer (issue 21, docs/architecture.md "Two databases"), old against
// new in ONE process: the close as it was before the billing area moved to core/db/data.ts (the synchronous
// billing repository and services, bundled from the git commit PROFILE_CLOSE_BASE, default the session's start)
// against the working tree's (the same SQL on SQLite behind promises, the close one `ctx.transaction`).
// Each round closes one month of a seeded folder (made once with `partnerdeck seed`, cached) on a fresh copy, old
// and new alternated ABBA, and measures the close's CPU time (process.cpuUsage) and wall time in this process.
//
//   node bench/profile-close.mjs [--companies=N] [--orders=M] [--rounds=R]
//
// Prints one JSON line: median and best CPU seconds old and new, new/old of the medians, documents issued, load.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { arg, bin, root } from './bench-kit.mjs';

const COMPANIES = arg('companies', 'PROFILE_CLOSE_COMPANIES', 2000);
const ORDERS = arg('orders', 'PROFILE_CLOSE_ORDERS', 200_000);
const ROUNDS = arg('rounds', 'PROFILE_CLOSE_ROUNDS', 8);
const BASE = process.env.PROFILE_CLOSE_BASE ?? '6c93d90';
const MONTH = '2026-10';
const log = (line) => process.stderr.write(`profile close: ${line}\n`);

// ---- The data: one seeded month, cached per parameters --------------------------------------------
const cached = join(process.env.PROFILE_CLOSE_DIR ?? join(tmpdir(), 'partnerdeck-profile-close'), `c${COMPANIES}-o${ORDERS}-${MONTH}`);
if (!existsSync(join(cached, 'ready'))) {
  rmSync(cached, { recursive: true, force: true });
  mkdirSync(cached, { recursive: true });
  log(`seeding ${COMPANIES} companies / ${ORDERS} orders in ${cached}`);
  const seeded = spawnSync(process.execPath, [bin, 'seed', '--companies', String(COMPANIES - 8), '--orders', String(ORDERS), '--months', '1', '--end', `${MONTH}-31`, '--seed', '1', '--data-dir', cached, '--json'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (seeded.status !== 0) throw new Error('seed failed');
  mkdirSync(join(cached, 'ready'));
}

// ---- Old and new, each bundled from its own sources ------------------------------------------------
const entry = `
import { openPlatform } from './src-main/areas';
import { OPERATOR } from './src-main/core/access';
import { createKeyFileSecretStore } from './src-main/core/secrets/key-file-secret-store';
export async function closeOnce(dataDir, month) {
  const platform = openPlatform({ dataDir, secretStore: createKeyFileSecretStore(dataDir + '/secret.key') });
  try {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const result = await platform.billing.closing.close(OPERATOR, null, month);
    const used = process.cpuUsage(cpu);
    return { cpu: (used.user + used.system) / 1e6, wall: (performance.now() - wall) / 1000, issued: result.issued.length };
  } finally {
    platform.close();
  }
}
`;
const old = mkdtempSync(join(tmpdir(), 'pd-profile-close-old-'));
async function bundle(dir, name) {
  const out = join(root, 'node_modules', '.cache', `pd-profile-close-${name}.cjs`);
  await build({
    stdin: { contents: entry, resolveDir: dir, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    nodePaths: [join(root, 'node_modules')],
    external: ['better-sqlite3', 'pg-native', 'electron'],
    loader: { '.wasm': 'binary' },
    logLevel: 'error',
  });
  return createRequire(join(root, 'package.json'))(out).closeOnce;
}
try {
  execFileSync('sh', ['-c', `git -C "${root}" archive ${BASE} src-main src-shared package.json | tar -x -C "${old}"`]);
  const closeOld = await bundle(old, 'old');
  const closeNew = await bundle(root, 'new');

  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-profile-close-'));
    for (const name of ['partnerdeck.sqlite', 'secret.key']) if (existsSync(join(cached, name))) copyFileSync(join(cached, name), join(dir, name));
    return dir;
  };
  const runs = { old: [], new: [] };
  let issued = null;
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ['old', 'new'] : ['new', 'old'];
    for (const side of order) {
      const dir = fresh();
      try {
        const result = await (side === 'old' ? closeOld : closeNew)(dir, MONTH);
        if (issued !== null && result.issued !== issued) throw new Error(`${side} issued ${result.issued} documents, the other ${issued}`);
        issued = result.issued;
        runs[side].push(result);
        log(`round ${round + 1} ${side}: cpu ${result.cpu.toFixed(3)} s, wall ${result.wall.toFixed(3)} s`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const cpuOld = median(runs.old.map((r) => r.cpu));
  const cpuNew = median(runs.new.map((r) => r.cpu));
  console.log(
    JSON.stringify({
      profile: 'close.month',
      companies: COMPANIES,
      orders: ORDERS,
      documents: issued,
      rounds: ROUNDS,
      cpu_old_median_s: cpuOld,
      cpu_new_median_s: cpuNew,
      cpu_old_best_s: Math.min(...runs.old.map((r) => r.cpu)),
      cpu_new_best_s: Math.min(...runs.new.map((r) => r.cpu)),
      wall_old_median_s: median(runs.old.map((r) => r.wall)),
      wall_new_median_s: median(runs.new.map((r) => r.wall)),
      ratio: Number((cpuNew / cpuOld).toFixed(3)),
      cores: cpus().length,
      load1: Number(loadavg()[0].toFixed(2)),
    }),
  );
} finally {
  rmSync(old, { recursive: true, force: true });
}
