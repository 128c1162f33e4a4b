import { describe, expect, it } from 'vitest';
import { cryptoIds, secureRandomBytes, secureRandomString } from '../../../../src-main/core/ids';

describe('random ids and secrets from the CSPRNG pool', () => {
  it('gives the asked number of bytes in the asked encoding', () => {
    expect(cryptoIds.hex(16)).toMatch(/^[0-9a-f]{32}$/);
    expect(cryptoIds.token(32)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secureRandomBytes(12)).toHaveLength(12);
    // Larger than the pool hands out: straight from randomBytes.
    expect(secureRandomString(4096, 'hex')).toMatch(/^[0-9a-f]{8192}$/);
  });

  it('never hands out the same bytes twice, across many pool refills', () => {
    const seen = new Set<string>();
    // 20,000 x 16 bytes: the 4 KB pool is refilled ~80 times, with requests straddling its end.
    for (let i = 0; i < 20_000; i++) seen.add(secureRandomString(i % 5 === 0 ? 13 : 16, 'hex'));
    expect(seen.size).toBe(20_000);
  });

  it('looks uniform (each hex digit about equally often)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4_000; i++) for (const ch of cryptoIds.hex(16)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(16);
    // 128,000 digits: 8,000 expected each; a broken pool (zeros, repeats) is far outside this.
    for (const n of counts.values()) expect(Math.abs(n - 8_000)).toBeLessThan(600);
  });
});
