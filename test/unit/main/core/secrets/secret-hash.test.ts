import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashSecret, matchesHash, matchesHashOf, presentedHash } from '../../../../../src-main/core/secrets/secret-hash';

describe('secret hashes', () => {
  it('is SHA-256 as lowercase hex', () => {
    for (const secret of ['', 'a', 'JCaTJWf3on0COMYtH_zmvV8FMsblJrmpbV7JV3-1cv0', 'Grüße ✓']) {
      expect(hashSecret(secret)).toBe(createHash('sha256').update(secret, 'utf8').digest('hex'));
    }
  });

  it('matches a presented secret against its stored hash, and nothing else', () => {
    const stored = hashSecret('s3cret');
    expect(matchesHash('s3cret', stored)).toBe(true);
    expect(matchesHash('s3cret', stored.toUpperCase())).toBe(true);
    expect(matchesHash('s3creT', stored)).toBe(false);
    expect(matchesHash('s3cret', '')).toBe(false);
    expect(matchesHash('s3cret', stored.slice(0, 62))).toBe(false);
    expect(matchesHash('s3cret', '0'.repeat(64))).toBe(false);
  });

  it('compares one presented hash with several stored ones', () => {
    const digest = presentedHash('old');
    expect(matchesHashOf(digest, hashSecret('new'))).toBe(false);
    expect(matchesHashOf(digest, hashSecret('old'))).toBe(true);
  });
});
