// WAL checkpoints off the request path (src-main/core/db/wal-checkpointer.ts): the built worker takes over from
// SQLite's automatic checkpoints, copies the WAL back into the database file on its own connection, hands the
// job back when it stops, and anything that keeps it from running leaves automatic checkpoints on.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src-main/core/db/database';
import { DEFAULT_WAL_AUTOCHECKPOINT, defaultCheckpointWorkerPath, startWalCheckpointer, type WalCheckpointer } from '../../src-main/core/db/wal-checkpointer';
import { assertBuilt, ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/platform';

const workerPath = defaultCheckpointWorkerPath(join(ROOT, 'dist', 'cli'));
const dir = tempDir('pd-wal-');
let db: Db | null = null;
let checkpointer: WalCheckpointer | null = null;

beforeAll(() => assertBuilt());
afterAll(() => dir.remove());
afterEach(async () => {
  await checkpointer?.stop();
  db?.close();
  checkpointer = null;
  db = null;
});

function open(name: string): Db {
  db = openDatabase(join(dir.path, name), { migrations: [] });
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  return db;
}

function writePages(target: Db, rows: number): void {
  const insert = target.prepare('INSERT INTO t (body) VALUES (?)');
  target.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run('x'.repeat(2000));
  })();
}

const autocheckpoint = (target: Db) => target.pragma('wal_autocheckpoint', { simple: true });

describe('the WAL checkpointer', () => {
  it('turns automatic checkpoints off while its worker copies the WAL into the database file, and back on when it stops', async () => {
    const main = open('a.sqlite');
    checkpointer = startWalCheckpointer(main, { workerPath, intervalMs: 60_000 });
    expect(await checkpointer.ready).toBe(true);
    expect(checkpointer.mode()).toBe('worker');
    expect(autocheckpoint(main)).toBe(0);

    // 3,000 rows of 2 kB: far more than the 1,000 pages at which SQLite would have checkpointed by itself.
    writePages(main, 3000);
    const [before] = main.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
    expect(before!.log).toBeGreaterThan(DEFAULT_WAL_AUTOCHECKPOINT);
    expect(before!.checkpointed).toBe(0);

    const done = await checkpointer.checkpointNow();
    expect(done.walPages).toBe(before!.log);
    expect(done.copiedPages).toBe(before!.log);

    await checkpointer.stop();
    expect(checkpointer.mode()).toBe('automatic');
    expect(autocheckpoint(main)).toBe(DEFAULT_WAL_AUTOCHECKPOINT);
    expect(main.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(3000);
  });

  it('leaves automatic checkpoints on, and says why, when the worker bundle is missing or the worker dies', async () => {
    const main = open('b.sqlite');
    const logged: string[] = [];
    checkpointer = startWalCheckpointer(main, { workerPath: join(dir.path, 'missing.cjs'), log: (m) => logged.push(m) });
    expect(await checkpointer.ready).toBe(false);
    expect(checkpointer.mode()).toBe('automatic');
    expect(autocheckpoint(main)).toBe(DEFAULT_WAL_AUTOCHECKPOINT);
    expect(logged).toEqual([expect.stringContaining('worker bundle is missing')]);

    const broken = join(dir.path, 'broken-worker.cjs');
    writeFileSync(broken, "throw new Error('cannot open the database');\n");
    checkpointer = startWalCheckpointer(main, { workerPath: broken, log: (m) => logged.push(m) });
    expect(await checkpointer.ready).toBe(false);
    expect(checkpointer.mode()).toBe('automatic');
    expect(autocheckpoint(main)).toBe(DEFAULT_WAL_AUTOCHECKPOINT);
    expect(logged.slice(1)).toEqual([expect.stringContaining('automatic again')]);
  });

  it('stops cleanly right after it started (a host shutting down at once), leaving automatic checkpoints on', async () => {
    const main = open('c.sqlite');
    checkpointer = startWalCheckpointer(main, { workerPath });
    await checkpointer.stop();
    expect(checkpointer.mode()).toBe('automatic');
    expect(autocheckpoint(main)).toBe(DEFAULT_WAL_AUTOCHECKPOINT);
  });

  it('does nothing for an in-memory database', async () => {
    db = openDatabase(':memory:', { migrations: [] });
    checkpointer = startWalCheckpointer(db, { workerPath });
    expect(await checkpointer.ready).toBe(false);
    expect(checkpointer.mode()).toBe('automatic');
  });
});
