// The one-time token rows (migration 023) on both databases of the data layer: issued, redeemed exactly once
// (also when two callers race for one), never across kinds, revoked by value, swept by expiry, counted. The
// store's rules on top (hashing, JSON, expiry by the platform clock): test/unit/main/core/server/one-time-tokens.test.ts.
import { describe, expect, it } from 'vitest';
import { createOneTimeTokenRepository } from '../../../../../src-main/core/repositories/one-time-token-repository';
import { dataTargets, useData } from '../../../../helpers/databases';

describe.each(await dataTargets())('one-time token rows on $name', (target) => {
  const db = useData(target, ['one_time_tokens']);
  const row = (tokenHash: string, expiresAt = 1_000, kind = 'oauth.consent') => ({ tokenHash, kind, value: JSON.stringify({ of: tokenHash }), expiresAt });

  it('redeems a row once, only for its kind', async () => {
    const repo = createOneTimeTokenRepository(db.data);
    await repo.insert(row('h1', 5_000));
    expect(await repo.redeem('h1', 'other')).toBeUndefined();
    expect(await repo.redeem('h1', 'oauth.consent')).toEqual({ value: '{"of":"h1"}', expiresAt: 5_000 });
    expect(await repo.redeem('h1', 'oauth.consent')).toBeUndefined();
    expect(await repo.count('oauth.consent')).toBe(0);
  });

  it('gives a row to exactly one of many callers racing for it', async () => {
    const repo = createOneTimeTokenRepository(db.data);
    await repo.insert(row('raced'));
    const answers = await Promise.all(Array.from({ length: 8 }, () => repo.redeem('raced', 'oauth.consent')));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('revokes the rows whose value matches, sweeps expired ones, counts per kind', async () => {
    const repo = createOneTimeTokenRepository(db.data);
    await repo.insert(row('a', 100));
    await repo.insert(row('b', 200));
    await repo.insert(row('c', 300));
    await repo.insert(row('d', 100, 'other'));
    expect(await repo.revokeWhere('oauth.consent', (value) => value.includes('"b"'))).toBe(1);
    expect(await repo.count('oauth.consent')).toBe(2);
    expect(await repo.sweep(100)).toBe(2); // a and d: expiry 100 <= now
    expect(await repo.count('oauth.consent')).toBe(1);
    expect(await repo.count('other')).toBe(0);
    expect(await repo.redeem('c', 'oauth.consent')).toEqual({ value: '{"of":"c"}', expiresAt: 300 });
  });

  it('refuses a second row with the same hash', async () => {
    const repo = createOneTimeTokenRepository(db.data);
    await repo.insert(row('same'));
    await expect(repo.insert(row('same'))).rejects.toThrow(/UNIQUE|duplicate key/);
  });
});
