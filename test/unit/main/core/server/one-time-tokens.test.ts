// One-time tokens in the database (migration 023; issue 21 item 3): the same rules as the in-memory store (once,
// before expiry, only a hash kept), and shared by the processes of one data folder — two platforms on one folder
// are two connections, as two processes are. The race of two real processes: test/integration/oauth/two-processes.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { createSeededIds } from '../../../../../src-main/core/ids';
import { createStoredOneTimeTokens } from '../../../../../src-main/core/server/one-time-tokens';
import { hashSecret } from '../../../../../src-main/core/secrets/secret-hash';
import { openTestPlatform, tempDir } from '../../../../helpers/platform';

const opened: { dispose(): void; close(): void }[] = [];
afterEach(() => {
  for (const p of opened.splice(0).reverse()) p.close();
});

function twoOnOneFolder() {
  const dir = tempDir('pd-ott-');
  const a = openTestPlatform('none', dir);
  const b = openTestPlatform('none', { path: dir.path, remove: () => undefined });
  opened.push(b, { dispose: a.dispose, close: a.dispose });
  return [a, b] as const;
}

describe('one-time tokens in the database', () => {
  it('work once, before they expire, keep only a hash, and sweep expired rows at the next issue', async () => {
    const [a] = twoOnOneFolder();
    const tokens = createStoredOneTimeTokens<{ n: number }>(a.repos.oneTimeTokens, { kind: 'test', now: a.clock.now, ids: createSeededIds('ott') });
    const first = await tokens.issue({ n: 1 }, 1000);
    const second = await tokens.issue({ n: 2 }, 1000);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = a.db.prepare('SELECT token_hash, value FROM one_time_tokens ORDER BY value').all() as { token_hash: string; value: string }[];
    expect(stored.map((r) => r.token_hash)).toEqual([hashSecret(first), hashSecret(second)]);
    expect(JSON.stringify(stored)).not.toContain(first);
    expect(await tokens.take(`${first}x`)).toBeUndefined();
    expect(await tokens.take(first)).toEqual({ n: 1 });
    expect(await tokens.take(first)).toBeUndefined();
    a.clock.advance(1000);
    expect(await tokens.take(second)).toBeUndefined();
    expect(await tokens.take(null)).toBeUndefined();
    await tokens.issue({ n: 3 }, 1000);
    const third = await tokens.issue({ n: 4 }, 1);
    a.clock.advance(1);
    await tokens.issue({ n: 5 }, 1000);
    expect(await tokens.size()).toBe(2); // {3} and {5}: {4} expired and was swept
    expect(await tokens.take(third)).toBeUndefined();
  });

  it('a token issued by one process is redeemed by another, once; a kind never redeems another kind', async () => {
    const [a, b] = twoOnOneFolder();
    const inA = createStoredOneTimeTokens<{ userId: number }>(a.repos.oneTimeTokens, { kind: 'oauth.consent', now: a.clock.now });
    const inB = createStoredOneTimeTokens<{ userId: number }>(b.repos.oneTimeTokens, { kind: 'oauth.consent', now: b.clock.now });
    const otherKind = createStoredOneTimeTokens<{ userId: number }>(b.repos.oneTimeTokens, { kind: 'other', now: b.clock.now });
    const token = await inA.issue({ userId: 7 }, 60_000);
    expect(await otherKind.take(token)).toBeUndefined();
    expect(await inB.take(token)).toEqual({ userId: 7 });
    expect(await inA.take(token)).toBeUndefined();
    const revoked = await inA.issue({ userId: 8 }, 60_000);
    await inB.revokeWhere((v) => v.userId === 8);
    expect(await inA.take(revoked)).toBeUndefined();
  });
});
