// The SQLite form of the change feed (src-main/core/db/change-feed.ts): two connections to one data folder's file,
// as two processes have. A commit on one is heard on the other as null ("something changed: reload"), within the
// poll; a connection's own commits are not; publishing is nothing to do.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { MIGRATIONS } from '../../../../../src-main/areas';
import { createSqliteChangeFeed, type ChangeNotice } from '../../../../../src-main/core/db/change-feed';
import { openDatabase } from '../../../../../src-main/core/db/database';
import { tempDir } from '../../../../helpers/platform';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

describe('the change feed on SQLite', () => {
  it('hears another connection commit (null), not its own', async () => {
    const dir = tempDir();
    const file = join(dir.path, 'partnerdeck.db');
    const mine = openDatabase(file, { migrations: MIGRATIONS });
    const other = openDatabase(file, { migrations: MIGRATIONS });
    const feed = createSqliteChangeFeed(mine, { intervalMs: 20 });
    cleanups.push(() => dir.remove(), () => other.close(), () => mine.close(), () => void feed.close());
    const heard: ChangeNotice[] = [];
    feed.subscribe((notice) => heard.push(notice));
    await feed.publish({ name: 'product.created', payload: {} });
    mine.prepare("INSERT INTO settings (key, value) VALUES ('test.mine', '1')").run();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toEqual([]);
    other.prepare("INSERT INTO settings (key, value) VALUES ('test.other', '1')").run();
    await expect.poll(() => heard, { timeout: 2_000 }).toEqual([null]);
  });
});
