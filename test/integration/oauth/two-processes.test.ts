// Two platform processes on one data folder (the desktop app and `partnerdeck serve`, say): a refresh token
// sent to both at the same moment is exchanged exactly once — one conditional UPDATE inside an IMMEDIATE
// transaction, so SQLite's file lock decides — and the other process answers with the very same new pair (the
// grace window, I5), read from the sealed copy the winner left in the database.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { assertBuilt, startCli, stop } from '../../helpers/cli';
import { refresh, startOAuthFixture, tokensFor, type OAuthFixture } from '../../helpers/oauth';

let fixture: OAuthFixture;
let child: ChildProcessWithoutNullStreams;
let otherUrl: string;

beforeAll(async () => {
  assertBuilt();
  fixture = await startOAuthFixture({ realClock: true });
  const started = await startCli(['serve', '--data-dir', fixture.platform.dataDir, '--port', '0']);
  child = started.child;
  otherUrl = started.first.url;
});

afterAll(async () => {
  if (child) await stop(child);
  await fixture?.close();
});

describe('two processes, one refresh token', () => {
  it('two simultaneous refreshes (one per process) exchange the token once and both get the same new pair, every time', async () => {
    const other = { ...fixture, url: otherUrl };
    for (let i = 0; i < 6; i++) {
      const { refresh: token } = await tokensFor(fixture);
      const replies = await Promise.all([refresh(fixture, token), refresh(other, token)]);
      expect(replies.map((r) => r.status)).toEqual([200, 200]);
      expect(replies[1].body.refresh_token).toBe(replies[0].body.refresh_token);
      expect(replies[1].body.access_token).toBe(replies[0].body.access_token);
      // One exchange: the spent token has exactly one successor, and the grant lives on.
      const hash = createHash('sha256').update(token).digest('hex');
      const successors = fixture.platform.db.prepare('SELECT count(*) FROM oauth_tokens WHERE parent_id = (SELECT id FROM oauth_tokens WHERE refresh_hash = ?)').pluck().get(hash);
      expect(successors).toBe(1);
      expect((await refresh(other, replies[0].body.refresh_token as string)).status).toBe(200);
    }
  });
});
