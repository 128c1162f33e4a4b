// Two platform processes on one data folder (the desktop app and `partnerdeck serve`, say): a refresh token
// sent to both at the same moment is exchanged exactly once. The claim is one conditional UPDATE inside an
// IMMEDIATE transaction, so SQLite's file lock decides between the processes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { assertBuilt, startCli, stop } from '../../helpers/cli';
import { refresh, startOAuthFixture, tokensFor, type OAuthFixture } from '../../helpers/oauth';

let fixture: OAuthFixture;
let child: ChildProcessWithoutNullStreams;
let otherUrl: string;

beforeAll(async () => {
  assertBuilt();
  fixture = await startOAuthFixture();
  const started = await startCli(['serve', '--data-dir', fixture.platform.dataDir, '--port', '0']);
  child = started.child;
  otherUrl = started.first.url;
});

afterAll(async () => {
  if (child) await stop(child);
  await fixture?.close();
});

describe('two processes, one refresh token', () => {
  it('exactly one of two simultaneous refreshes (one per process) succeeds, every time', async () => {
    const other = { ...fixture, url: otherUrl };
    for (let i = 0; i < 8; i++) {
      const { refresh: token } = await tokensFor(fixture);
      const replies = await Promise.all([refresh(fixture, token), refresh(other, token)]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 400]);
      expect(replies.find((r) => r.status === 400)!.body.error).toBe('invalid_grant');
    }
  });
});
