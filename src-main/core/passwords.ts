// Password hashing with scrypt (Node's built-in), stored as `scrypt$N$r$p$salt$hash`, verified in constant time.
// Parameters: OWASP's scrypt recommendation, N = 2^17, r = 8, p = 1 (128 MiB and a few hundred milliseconds per
// hash). A hash made with older parameters still verifies (they are read from the hash) and is replaced at the
// next successful sign-in (`needsRehash`).
//
// Hashing and verifying are asynchronous: the work runs on libuv's thread pool, never on the main thread (of a
// server, the desktop app or the CLI), and at most two hashes run at once (each needs 128 MiB). Services take a
// hash made by their caller (users.create), so no service ever blocks on scrypt.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export const SCRYPT = { N: 2 ** 17, r: 8, p: 1, keyLength: 32, saltBytes: 16 } as const;
/** scrypt needs 128 * N * r bytes; the limit leaves room above that. */
const maxmemFor = (n: number, r: number) => 256 * n * r;
const MAX_PARALLEL = 2;

interface Parsed {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  expected: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  // Refuse what no hash of ours looks like (and what would cost unbounded memory).
  if (!Number.isInteger(Math.log2(n)) || n < 2 ** 10 || n > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  return { n, r, p, salt: Buffer.from(parts[4], 'base64'), expected: Buffer.from(parts[5], 'base64') };
}

function format(n: number, r: number, p: number, salt: Buffer, hash: Buffer): string {
  return `scrypt$${n}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

let running = 0;
const waiting: (() => void)[] = [];

/** scrypt on the thread pool, at most MAX_PARALLEL at once. */
async function scryptAsync(password: string, salt: Buffer, length: number, n: number, r: number, p: number): Promise<Buffer> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await new Promise<Buffer>((resolve, reject) =>
      scrypt(password, salt, length, { N: n, r, p, maxmem: maxmemFor(n, r) }, (error, key) => (error ? reject(error) : resolve(key))),
    );
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltBytes);
  const hash = await scryptAsync(password, salt, SCRYPT.keyLength, SCRYPT.N, SCRYPT.r, SCRYPT.p);
  return format(SCRYPT.N, SCRYPT.r, SCRYPT.p, salt, hash);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await scryptAsync(password, parsed.salt, parsed.expected.length, parsed.n, parsed.r, parsed.p);
  return actual.length === parsed.expected.length && timingSafeEqual(actual, parsed.expected);
}

/** True when a (verified) hash was made with other parameters than today's: hash the password again. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return parsed === null || parsed.n !== SCRYPT.N || parsed.r !== SCRYPT.r || parsed.p !== SCRYPT.p || parsed.expected.length !== SCRYPT.keyLength;
}
