import { hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { graceKey, openSuccessor, sealSuccessor } from '../../../../../src-main/core/services/oauth-service';

describe('the grace window seal of a successor pair', () => {
  it('derives its key with HKDF-SHA256 exactly as crypto.hkdfSync does (so pairs sealed before stay readable)', () => {
    for (let i = 0; i < 200; i++) {
      const refreshToken = randomBytes(16).toString('hex');
      const tokenId = i * 7919 + (i % 3 === 0 ? 2 ** 40 : 1);
      const expected = Buffer.from(hkdfSync('sha256', Buffer.from(refreshToken, 'utf8'), Buffer.from('partnerdeck refresh grace'), Buffer.from(String(tokenId)), 32));
      expect(graceKey(refreshToken, tokenId).equals(expected)).toBe(true);
    }
  });

  it('opens only with the refresh token and pair id it was sealed for, and uses a new IV each time', () => {
    const token = randomBytes(16).toString('hex');
    const pair = { accessToken: `1a.${randomBytes(32).toString('base64url')}`, refreshToken: randomBytes(16).toString('hex'), id: 42 };
    const sealed = sealSuccessor(token, 41, pair);
    expect(openSuccessor(token, 41, sealed)).toEqual(pair);
    expect(openSuccessor(randomBytes(16).toString('hex'), 41, sealed)).toBeNull();
    expect(openSuccessor(token, 40, sealed)).toBeNull();
    const again = sealSuccessor(token, 41, pair);
    expect(again).not.toBe(sealed);
    expect(Buffer.from(again, 'base64').subarray(0, 12).equals(Buffer.from(sealed, 'base64').subarray(0, 12))).toBe(false);
  });

  it('opens a pair sealed the way earlier versions did (hkdfSync key, randomBytes IV)', async () => {
    const { createCipheriv } = await import('node:crypto');
    const token = randomBytes(16).toString('hex');
    const pair = { accessToken: 'b.x', refreshToken: randomBytes(16).toString('hex'), id: 9 };
    const key = Buffer.from(hkdfSync('sha256', Buffer.from(token, 'utf8'), Buffer.from('partnerdeck refresh grace'), Buffer.from('8'), 32));
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(pair), 'utf8'), cipher.final()]);
    expect(openSuccessor(token, 8, Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'))).toEqual(pair);
  });
});
