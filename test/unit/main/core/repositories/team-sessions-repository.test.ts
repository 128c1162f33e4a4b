// The team console's sessions (migration 026) on both databases of the data layer: insert, read, touch only forward,
// remove one or a user's, sweep by absolute and idle expiry, count — and two servers touching one session at once keep
// the later time. The rules on top (hash only, expiry, throttles): team-sessions-service.test.ts.
import { describe, expect, it } from 'vitest';
import { statement, type Database } from '../../../../../src-main/core/db/data';
import { createTeamSessionsRepository } from '../../../../../src-main/core/repositories/team-sessions-repository';
import { dataTargets, useData } from '../../../../helpers/databases';

const addCompany = statement('test.company', ({ sql }) => sql`INSERT INTO companies (id, name, country, created_at, updated_at) VALUES (1, 'Team', 'DE', 0, 0)`);
const user = statement('test.user', ({ sql }, id: number, email: string) =>
  sql`INSERT INTO users (id, company_id, email, name, password_hash, created_at, updated_at) VALUES (${id}, 1, ${email}, 'U', 'x', 0, 0)`,
);
const addUser = (data: Database, id: number) => data.run(user, id, `u${id}@x.example`);
const session = (tokenHash: string, userId: number, lastSeenAt: number, expiresAt: number) => ({ tokenHash, userId, createdAt: 0, lastSeenAt, expiresAt, clientAddress: '10.0.0.1' });

describe.each(await dataTargets())('team sessions on $name', (target) => {
  const db = useData(target, ['team_sessions', 'users', 'companies']);

  it('inserts, reads, touches only forward, removes one or a user’s, sweeps expired and idle ones, counts', async () => {
    const repo = createTeamSessionsRepository(db.data);
    await db.data.run(addCompany);
    for (const id of [1, 2]) await addUser(db.data, id);
    await repo.insert(session('a', 1, 100, 10_000));
    await repo.insert(session('b', 1, 100, 10_000));
    await repo.insert(session('c', 2, 100, 500));
    await repo.insert(session('d', 2, 10, 10_000));
    expect(await repo.get('a')).toEqual(session('a', 1, 100, 10_000));
    expect(await repo.get('nope')).toBeUndefined();
    await repo.touch('a', 300);
    await repo.touch('a', 200);
    expect((await repo.get('a'))!.lastSeenAt).toBe(300);
    expect(await repo.count()).toBe(4);
    // At 1,000 with idle before 50: c's absolute expiry is past, d is idle.
    expect(await repo.sweep(1_000, 50)).toBe(2);
    expect(await repo.remove('b')).toBe(true);
    expect(await repo.remove('b')).toBe(false);
    await repo.insert(session('e', 1, 100, 10_000));
    expect(await repo.removeOfUser(1)).toBe(2);
    expect(await repo.count()).toBe(0);
  });

  it('keeps the later time when two servers touch one session at once', async () => {
    const a = createTeamSessionsRepository(db.data);
    const b = createTeamSessionsRepository(db.another());
    await db.data.run(addCompany);
    await addUser(db.data, 1);
    await a.insert(session('s', 1, 0, 10_000));
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).touch('s', 1000 - i * 100)));
    expect((await b.get('s'))!.lastSeenAt).toBe(1000);
  });
});
