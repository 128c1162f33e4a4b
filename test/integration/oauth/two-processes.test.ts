// Two platform processes on one data folder (the desktop app and `partnerdeck serve`, say): a refresh token
// sent to both at the same moment is exchanged exactly once — one conditional UPDATE inside an IMMEDIATE
// transaction, so SQLite's file lock decides — and the other process answers with the very same new pair (the
// grace window, I5), read from the sealed copy the winner left in the database. And the authorization flow's
// sign-in (the consent ticket, issue 21 item 3): signed in on one process, decided on the other; sent to both at
// once, exactly one decides. A sign-in lock set on one process holds on the other (the throttle in the database).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { assertBuilt, startCli, stop } from '../../helpers/cli';
import { ANNA, authorizePath, exchangeCode, FormClient, formFields, refresh, signIn, startOAuthFixture, tokensFor, type OAuthFixture } from '../../helpers/oauth';

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

describe('two processes, one sign-in (the consent ticket in the database)', () => {
  const DECISION = '/oauth2/authorize/decision';
  async function consentPage(): Promise<Record<string, string>> {
    const page = await signIn(new FormClient(fixture.url), authorizePath(fixture), ANNA);
    expect(page.status).toBe(200);
    return { ...formFields(page.html, DECISION), company_id: String(fixture.companyOf(ANNA)), decision: 'approve' };
  }

  it('a consent signed in on one process is decided on the other, and its code works there and here', async () => {
    const fields = await consentPage();
    const decided = await new FormClient(otherUrl).post(DECISION, fields);
    expect(decided.status).toBe(303);
    const code = new URL(decided.location!).searchParams.get('code')!;
    expect((await exchangeCode(fixture, code)).status).toBe(200);
    // Spent: neither process takes the same ticket again.
    for (const base of [fixture.url, otherUrl]) {
      const again = await new FormClient(base).post(DECISION, fields);
      expect(again.status).toBe(400);
      expect(again.html).toMatch(/expired or was already answered/);
    }
  });

  it('the same consent sent to both processes at once is decided exactly once, every time', async () => {
    for (let i = 0; i < 8; i++) {
      const fields = await consentPage();
      const replies = await Promise.all([new FormClient(fixture.url).post(DECISION, fields), new FormClient(otherUrl).post(DECISION, fields)]);
      expect(replies.map((r) => r.status).sort()).toEqual([303, 400]);
    }
    expect(fixture.platform.db.prepare("SELECT count(*) FROM one_time_tokens WHERE kind = 'oauth.consent'").pluck().get()).toBe(0);
  });
});

describe('two processes, one sign-in throttle', () => {
  it('an email locked by failures on one process is locked on the other too', async () => {
    const email = 'lukas@alpenglueck.example';
    for (let i = 0; i < 5; i++) {
      const failed = await signIn(new FormClient(fixture.url), authorizePath(fixture), email, 'not the password');
      expect(failed.status).toBe(401);
    }
    const elsewhere = await signIn(new FormClient(otherUrl), authorizePath(fixture), email);
    expect(elsewhere.status).toBe(429);
    expect(elsewhere.html).toMatch(/Too many failed sign-ins for this email/);
  });
});
