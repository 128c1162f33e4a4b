import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../../../../src-main/core/passwords';
import { DEMO_PASSWORD, DEMO_PASSWORD_HASH } from '../../../../src-main/core/seed/demo-seed';
import { SCRYPT_TEST_TIMEOUT } from '../../../helpers/platform';

describe('passwords', { timeout: SCRYPT_TEST_TIMEOUT }, () => {
  it('hashes with scrypt N = 2^17, r = 8, p = 1 (OWASP) and a salt, and verifies only the right password (L3)', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(hash).not.toContain('correct horse');
    expect(await hashPassword('correct horse')).not.toBe(hash);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horsf', hash)).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('older hashes (N = 2^14) still verify and are marked for an upgrade; absurd parameters are refused', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const old = `scrypt$16384$8$1$${salt.toString('base64')}$${scryptSync('correct horse', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')}`;
    expect(await verifyPassword('correct horse', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(await verifyPassword('correct horse', `scrypt$${2 ** 30}$8$1$${salt.toString('base64')}$AAAA`)).toBe(false);
  });

  it('hashing runs on the thread pool: the call returns at once and the main thread stays free (L2)', async () => {
    const started = performance.now();
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    const pending = hashPassword('correct horse');
    const callMs = performance.now() - started;
    await pending;
    clearInterval(timer);
    const totalMs = performance.now() - started;
    expect(callMs).toBeLessThan(totalMs / 4);
    // The event loop kept turning while the hash was made.
    expect(ticks).toBeGreaterThan(3);
  });

  it("the demo users' shared hash is DEMO_PASSWORD with today's parameters", async () => {
    expect(await verifyPassword(DEMO_PASSWORD, DEMO_PASSWORD_HASH)).toBe(true);
    expect(needsRehash(DEMO_PASSWORD_HASH)).toBe(false);
  });
});
