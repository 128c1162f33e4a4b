// The one source of random identifiers and secrets in the core, so tests and demos can swap it for a
// repeatable sequence.
import { createHash, randomBytes } from 'node:crypto';

export interface Ids {
  /** A random secret of `bytes` bytes as lowercase hex (16 bytes = 128 bits). */
  hex(bytes: number): string;
  /** A URL-safe random secret of `bytes` bytes. */
  token(bytes: number): string;
}

export const cryptoIds: Ids = {
  hex: (bytes) => randomBytes(bytes).toString('hex'),
  token: (bytes) => randomBytes(bytes).toString('base64url'),
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
