// Hashes for secrets the platform only ever needs to recognise, never to read back (OAuth codes and tokens,
// apps' shared secrets): SHA-256 as lowercase hex. They are high-entropy random values, so a fast hash is
// right here (no salt or stretching needed: there is nothing to guess). Lookups go by the hash, so a
// timing difference in an index search reveals at most a prefix of a hash, never of the secret; where a
// presented secret is checked against a known row it is compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** True when `presented` hashes to `expectedHash`, compared in constant time. */
export function matchesHash(presented: string, expectedHash: string): boolean {
  const actual = createHash('sha256').update(presented, 'utf8').digest();
  const expected = Buffer.from(expectedHash, 'hex');
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}
