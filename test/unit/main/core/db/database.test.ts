import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../../../src-main/core/db/database';
import { MIGRATIONS } from '../../../../../src-main/areas';
import { createClock } from '../../../../../src-main/core/clock';
import { createClockStore } from '../../../../../src-main/core/repositories/settings-repository';
import { tempDir } from '../../../../helpers/platform';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('database', () => {
  it('opens one SQLite file in WAL mode with foreign keys and applies each migration once', () => {
    const dir = tempDir();
    dirs.push(dir);
    const path = join(dir.path, 'nested', 'p.sqlite');
    const db = openDatabase(path, { migrations: MIGRATIONS });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id FROM schema_migrations').pluck().all()).toEqual(MIGRATIONS.map((m) => m.id));
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
    db.close();
  });

  it('rolls a failing migration back completely', () => {
    const db = openDatabase(':memory:', { migrations: MIGRATIONS });
    const broken = { id: 99, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;', postgres: '' };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(/no_such_table/);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM schema_migrations WHERE id = 99').pluck().get()).toBe(0);
  });

  it('refuses a company that would manage itself or a via-partner route without a partner', () => {
    const db = openDatabase(':memory:', { migrations: MIGRATIONS });
    const insert = db.prepare(
      "INSERT INTO companies (id, name, country, payment_route, partner_id, created_at, updated_at) VALUES (?, 'x', 'DE', ?, ?, 0, 0)",
    );
    expect(() => insert.run(1, 'direct', 1)).toThrow(/CHECK|FOREIGN KEY/);
    expect(() => insert.run(2, 'via_partner', null)).toThrow(/CHECK/);
  });
});

describe('clock', () => {
  it('moves only forward, tells listeners, and keeps its offset across a reopen', () => {
    const db = openDatabase(':memory:', { migrations: MIGRATIONS });
    let real = 1_000_000;
    const clock = createClock(createClockStore(db), () => real);
    const heard: number[] = [];
    clock.onAdvance((now) => heard.push(now));
    expect(clock.now()).toBe(1_000_000);
    clock.advance(60_000);
    real += 5;
    expect(clock.now()).toBe(1_060_005);
    expect(heard).toEqual([1_060_000]);
    expect(() => clock.advance(-1)).toThrow(/forward/);
    const reopened = createClock(createClockStore(db), () => real);
    expect(reopened.offsetMs()).toBe(60_000);
  });
});
