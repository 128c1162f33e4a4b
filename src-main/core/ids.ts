// The one source of random identifiers and secrets in the core, so tests and demos can swap it for a
// repeatable sequence.
import { createHash, randomBytes, randomFillSync } from 'node:crypto';

export interface Ids {
  /** A random secret of `bytes` bytes as lowercase hex (16 bytes = 128 bits). */
  hex(bytes: number): string;
  /** A URL-safe random secret of `bytes` bytes. */
  token(bytes: number): string;
}

/** Bytes fetched from the CSPRNG at a time: a small randomBytes() costs ~5 µs, most of it the call itself (a token
 * refresh draws three times). */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = POOL_BYTES;

/**
 * `bytes` bytes from the operating system's CSPRNG, as `encoding`, taken from a pool refilled 4 KB at a time (as
 * Node's own crypto.randomUUID caches its entropy). Every byte is handed out once and zeroed as it is taken, so the
 * pool holds only bytes nobody has seen. Large requests go to randomBytes directly.
 */
export function secureRandomString(bytes: number, encoding: 'hex' | 'base64url'): string {
  if (bytes > POOL_BYTES / 8) return randomBytes(bytes).toString(encoding);
  if (poolOffset + bytes > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    poolOffset = 0;
  }
  const end = poolOffset + bytes;
  const value = pool.toString(encoding, poolOffset, end);
  pool.fill(0, poolOffset, end);
  poolOffset = end;
  return value;
}

/** Like secureRandomString, as a new Buffer (an IV, a nonce). */
export function secureRandomBytes(bytes: number): Buffer {
  return Buffer.from(secureRandomString(bytes, 'hex'), 'hex');
}

export const cryptoIds: Ids = {
  hex: (bytes) => secureRandomString(bytes, 'hex'),
  token: (bytes) => secureRandomString(bytes, 'base64url'),
};

/** Deterministic ids for tests and repeatable demo data: a SHA-256 counter stream from a seed. */
export function createSeededIds(seed: string): Ids {
  let counter = 0;
  const next = (bytes: number): Buffer => {
    const out: Buffer[] = [];
    let length = 0;
    while (length < bytes) {
      const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
      out.push(block);
      length += block.length;
    }
    return Buffer.concat(out).subarray(0, bytes);
  };
  return {
    hex: (bytes) => next(bytes).toString('hex'),
    token: (bytes) => next(bytes).toString('base64url'),
  };
}
