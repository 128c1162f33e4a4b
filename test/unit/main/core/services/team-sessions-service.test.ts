// A team server's console sessions (migration 026, services/team-sessions-service.ts): sign-in with the platform's
// users and the throttle of migration 024, only the token's hash stored, idle and absolute expiry by the clock
// service, sign-out, a deleted user's sessions gone.
import { describe, expect, it } from 'vitest';
import { DEMO_PARTNER_EMAIL, DEMO_PASSWORD } from '../../../../../src-main/core/seed/demo-seed';
import { TEAM_SESSION } from '../../../../../src-main/core/services/team-sessions-service';
import { hashSecret } from '../../../../../src-main/core/secrets/secret-hash';
import { openPlatformForTest, SCRYPT_TEST_TIMEOUT } from '../../../../helpers/platform';

async function signedIn(platform: ReturnType<typeof openPlatformForTest>) {
  const outcome = await platform.teamSessions.signIn(DEMO_PARTNER_EMAIL, DEMO_PASSWORD, '10.0.0.7');
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome;
}

// Each sign-in runs scrypt at the product's cost (a few seconds each under load): three times the usual allowance.
describe('team sessions', { timeout: 3 * SCRYPT_TEST_TIMEOUT }, () => {
  it('signs a user in with email and password and stores only the hash of the token', async () => {
    const platform = openPlatformForTest();
    const outcome = await signedIn(platform);
    expect(outcome.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(outcome.user.email).toBe(DEMO_PARTNER_EMAIL);
    const rows = platform.db.prepare('SELECT * FROM team_sessions').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(hashSecret(outcome.token));
    expect(JSON.stringify(rows)).not.toContain(outcome.token);
    expect(rows[0].client_address).toBe('10.0.0.7');
    expect(platform.teamSessions.resolve(outcome.token)?.user.email).toBe(DEMO_PARTNER_EMAIL);
  });

  it('refuses a wrong password, an unknown email and a malformed or unknown token, in the same words', async () => {
    const platform = openPlatformForTest();
    const wrong = await platform.teamSessions.signIn(DEMO_PARTNER_EMAIL, 'not the password', '10.0.0.7');
    const unknown = await platform.teamSessions.signIn('nobody@example.com', DEMO_PASSWORD, '10.0.0.7');
    expect(wrong).toEqual({ ok: false, reason: 'wrong', message: 'The email or password is not right.' });
    expect(unknown).toEqual(wrong);
    expect(platform.teamSessions.resolve('short')).toBeUndefined();
    expect(platform.teamSessions.resolve('A'.repeat(43))).toBeUndefined();
    expect(platform.teamSessions.count()).toBe(0);
  });

  it('locks an email after five wrong passwords (the sign-in throttle of the OAuth page, in the database)', async () => {
    const platform = openPlatformForTest();
    for (let i = 0; i < 5; i++) expect((await platform.teamSessions.signIn(DEMO_PARTNER_EMAIL, `wrong ${i}`, '10.0.0.7')).ok).toBe(false);
    const locked = await platform.teamSessions.signIn(DEMO_PARTNER_EMAIL, DEMO_PASSWORD, '10.0.0.7');
    expect(locked).toMatchObject({ ok: false, reason: 'throttled', waitMs: 30_000, message: 'Too many failed sign-ins for this email or from this address. Try again in 30 seconds.' });
    platform.clock.advance(30_000);
    expect((await platform.teamSessions.signIn(DEMO_PARTNER_EMAIL, DEMO_PASSWORD, '10.0.0.7')).ok).toBe(true);
  });

  it('locks a client address that guesses many emails, until a right password from it', async () => {
    const platform = openPlatformForTest();
    for (let i = 0; i < 5; i++) expect((await platform.teamSessions.signIn(`guess${i}@example.com`, 'x', '10.0.0.66')).ok).toBe(false);
    expect(await platform.teamSessions.signIn(DEMO_PARTNER_EMAIL, DEMO_PASSWORD, '10.0.0.66')).toMatchObject({ ok: false, reason: 'throttled' });
    // Another address is not locked.
    expect((await platform.teamSessions.signIn(DEMO_PARTNER_EMAIL, DEMO_PASSWORD, '10.0.0.7')).ok).toBe(true);
    platform.clock.advance(30_000);
    expect((await platform.teamSessions.signIn(DEMO_PARTNER_EMAIL, DEMO_PASSWORD, '10.0.0.66')).ok).toBe(true);
    expect((await platform.teamSessions.signIn('guess9@example.com', 'x', '10.0.0.66')).ok).toBe(false);
    expect((await platform.teamSessions.signIn(DEMO_PARTNER_EMAIL, DEMO_PASSWORD, '10.0.0.66')).ok).toBe(true);
  });

  it('ends a session after the idle time without requests, and keeps one that is used', async () => {
    const platform = openPlatformForTest();
    const used = await signedIn(platform);
    const idle = await signedIn(platform);
    for (let hour = 0; hour < 10; hour++) {
      platform.clock.advance(60 * 60_000);
      expect(platform.teamSessions.resolve(used.token), `hour ${hour + 1}`).toBeDefined();
    }
    expect(platform.teamSessions.resolve(idle.token)).toBeUndefined();
    // Gone from the table, not only refused.
    expect(platform.db.prepare('SELECT count(*) FROM team_sessions WHERE token_hash = ?').pluck().get(hashSecret(idle.token))).toBe(0);
  });

  it('ends every session at its absolute expiry, however busy', async () => {
    const platform = openPlatformForTest();
    const session = await signedIn(platform);
    const steps = TEAM_SESSION.absoluteMs / (60 * 60_000);
    for (let hour = 1; hour < steps; hour++) {
      platform.clock.advance(60 * 60_000);
      expect(platform.teamSessions.resolve(session.token)).toBeDefined();
    }
    platform.clock.advance(60 * 60_000);
    expect(platform.teamSessions.resolve(session.token)).toBeUndefined();
  });

  it('signs out one session; deleting the user ends all of theirs', async () => {
    const platform = openPlatformForTest();
    const first = await signedIn(platform);
    const second = await signedIn(platform);
    expect(platform.teamSessions.signOut(first.token)).toBe(true);
    expect(platform.teamSessions.signOut(first.token)).toBe(false);
    expect(platform.teamSessions.resolve(first.token)).toBeUndefined();
    expect(platform.teamSessions.resolve(second.token)).toBeDefined();
    platform.db.prepare('DELETE FROM users WHERE id = ?').run(second.user.userId);
    expect(platform.teamSessions.resolve(second.token)).toBeUndefined();
    expect(platform.teamSessions.count()).toBe(0);
  });
});
