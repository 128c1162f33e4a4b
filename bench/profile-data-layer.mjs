// The asynchronous data layer's cost on SQLite (issue 21, docs/architecture.md "Two databases"), old against new in
// ONE process: a converted repository (src-main/core/repositories/login-throttle-repository.ts,
// one-time-token-repository.ts: Kysely-compiled statements, prepared once, behind promises and the transaction line
// of core/db/sqlite-data.ts) against the synchronous form it replaced (the same SQL, prepared better-sqlite3
// statements called directly: what those files were before the conversion, kept here verbatim). Both on one
// data folder's file (WAL, the product's pragmas), alternated ABBA over the rounds, CPU time per operation.
//
// Operations: a throttle record read (`get`, every sign-in asks it), a failure counted (one write transaction:
// read, count, upsert — what `fail` runs), a consent ticket issued and redeemed (insert + DELETE … RETURNING).
// Prints one JSON line per operation: median and best round (ns/op) old and new, the ratio new/old of the medians,
// the load average. BENCH_OPS (per round, default 20,000), BENCH_ROUNDS (default 10).
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OPS = Number(process.env.BENCH_OPS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);

const entry = `
import { MIGRATIONS } from './src-main/areas';
import { openDatabase } from './src-main/core/db/database';
import { createSqliteDatabase } from './src-main/core/db/sqlite-data';
import { createLoginThrottleRepository } from './src-main/core/repositories/login-throttle-repository';
import { createOneTimeTokenRepository } from './src-main/core/repositories/one-time-token-repository';
export function open(path) {
  const db = openDatabase(path, { migrations: MIGRATIONS, backup: false });
  const data = createSqliteDatabase(db);
  return { db, throttles: createLoginThrottleRepository(data), tokens: createOneTimeTokenRepository(data) };
}
`;

const work = mkdtempSync(join(tmpdir(), 'pd-profile-data-'));
try {
  // Beside node_modules, so that the bundle finds better-sqlite3.
  const out = join(root, 'node_modules', '.cache', 'pd-profile-data-layer.cjs');
  await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', outfile: out, external: ['better-sqlite3', 'pg-native', 'electron'], loader: { '.wasm': 'binary' }, logLevel: 'error' });
  const require = createRequire(join(root, 'package.json'));
  const { open } = require(out);
  const { db, throttles, tokens } = open(join(work, 'partnerdeck.sqlite'));

  // The synchronous repositories as they were before the conversion (same SQL, same statements).
  const old = (() => {
    const get = db.prepare('SELECT failures, locked_until, last_failure_at FROM login_throttles WHERE email = ?');
    const put = db.prepare(
      `INSERT INTO login_throttles (email, failures, locked_until, last_failure_at) VALUES (@email, @failures, @lockedUntil, @lastFailureAt)
     ON CONFLICT(email) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`,
    );
    const count = db.prepare('SELECT count(*) FROM login_throttles').pluck();
    const insert = db.prepare('INSERT INTO one_time_tokens (token_hash, kind, value, expires_at) VALUES (@tokenHash, @kind, @value, @expiresAt)');
    const redeem = db.prepare('DELETE FROM one_time_tokens WHERE token_hash = ? AND kind = ? RETURNING value, expires_at');
    const repo = {
      get(email) {
        const row = get.get(email);
        return row && { failures: row.failures, lockedUntil: row.locked_until, lastFailureAt: row.last_failure_at };
      },
      put: (email, record) => void put.run({ email, ...record }),
      count: () => count.get(),
      atomically: (fn) => db.transaction(fn).immediate(),
      insert: (row) => void insert.run(row),
      redeem(tokenHash, kind) {
        const row = redeem.get(tokenHash, kind);
        return row && { value: row.value, expiresAt: row.expires_at };
      },
    };
    return repo;
  })();

  for (let i = 0; i < 1000; i++) old.put(`user${i}@x.example`, { failures: 1, lockedUntil: 0, lastFailureAt: i });

  const subjects = {
    'throttle record read': {
      old: async (i) => void old.get(`user${i % 1000}@x.example`),
      new: async (i) => void (await throttles.get(`user${i % 1000}@x.example`)),
    },
    'failure counted (one write transaction)': {
      old: async (i) =>
        old.atomically(() => {
          const email = `user${i % 1000}@x.example`;
          const found = old.get(email);
          old.count();
          old.put(email, { failures: (found?.failures ?? 0) + 1, lockedUntil: 0, lastFailureAt: i });
        }),
      new: async (i) =>
        throttles.atomically(async () => {
          const email = `user${i % 1000}@x.example`;
          const found = await throttles.get(email);
          await throttles.count();
          await throttles.put(email, { failures: (found?.failures ?? 0) + 1, lockedUntil: 0, lastFailureAt: i });
        }),
    },
    'consent ticket issued and redeemed': {
      old: async (i) => {
        old.insert({ tokenHash: `o${i}`, kind: 'k', value: '{}', expiresAt: 1 });
        old.redeem(`o${i}`, 'k');
      },
      new: async (i) => {
        await tokens.insert({ tokenHash: `n${i}`, kind: 'k', value: '{}', expiresAt: 1 });
        await tokens.redeem(`n${i}`, 'k');
      },
    },
  };

  const cpuNs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) * 1000;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const load = [];
  for (const [name, pair] of Object.entries(subjects)) {
    const perOp = { old: [], new: [] };
    for (const side of ['old', 'new']) for (let i = 0; i < 500; i++) await pair[side](i); // warm up
    for (let round = 0; round < ROUNDS; round++) {
      // ABBA: old new new old, then the other way round.
      const order = round % 2 === 0 ? ['old', 'new'] : ['new', 'old'];
      for (const side of order) {
        const start = cpuNs();
        for (let i = 0; i < OPS; i++) await pair[side](round * OPS + i);
        perOp[side].push((cpuNs() - start) / OPS);
      }
      load.push(loadavg()[0]);
    }
    const m = { old: median(perOp.old), new: median(perOp.new) };
    console.log(
      JSON.stringify({
        bench: 'data-layer-sqlite',
        operation: name,
        unit: 'ns/op (CPU)',
        old_median: Math.round(m.old),
        new_median: Math.round(m.new),
        old_best: Math.round(Math.min(...perOp.old)),
        new_best: Math.round(Math.min(...perOp.new)),
        ratio: Number((m.new / m.old).toFixed(3)),
        rounds: ROUNDS,
        ops_per_round: OPS,
        load: Number(median(load).toFixed(1)),
        cores: cpus().length,
      }),
    );
  }
  db.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
