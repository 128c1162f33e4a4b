// Helpers shared by the servers PartnerDeck runs: listen on the loopback interface only, and check the
// Host header against the addresses we really listen on (DNS-rebinding defence).
import type { Server } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';

export const LOOPBACK_HOST = '127.0.0.1';

/** Listens on `host`: 127.0.0.1 unless `partnerdeck serve --host` says otherwise (which it refuses without TLS or a
 * trusted proxy in front; the desktop app and `console` always listen on loopback). */
export function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Limits every PartnerDeck server applies (L10): a client must send its headers within 10 s and its whole
 * request within 30 s (slow-loris connections are closed), and at most 256 connections are open at once. */
export const SERVER_LIMITS = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxConnections: 256 } as const;

/** Options for http.createServer: the timeouts above are checked every second (Node's default is 30 s). */
export const SERVER_OPTIONS = { connectionsCheckingInterval: 1000 } as const;

export function hardenServer(server: Server, limits: { headersTimeoutMs?: number; requestTimeoutMs?: number; maxConnections?: number } = {}): void {
  const requestTimeoutMs = limits.requestTimeoutMs ?? SERVER_LIMITS.requestTimeoutMs;
  // Node requires headersTimeout <= requestTimeout.
  server.headersTimeout = Math.min(limits.headersTimeoutMs ?? SERVER_LIMITS.headersTimeoutMs, requestTimeoutMs);
  server.requestTimeout = requestTimeoutMs;
  server.maxConnections = limits.maxConnections ?? SERVER_LIMITS.maxConnections;
}

/** Host header values that name this server: 127.0.0.1:PORT and localhost:PORT. */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function isAllowedOrigin(origin: string, port: number): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Compares two secrets in constant time (hashing first so lengths never leak). */
export function secretsEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}
