// How a PartnerDeck server that may be reached beyond loopback reads a request (issue 21 item 2): the platform's own
// server (`partnerdeck serve --host/--tls-cert/--trust-proxy`) and a team server's console (host/team-access.ts)
// share these rules, so both answer the same request the same way.
// - Secure: the server speaks TLS itself, or a trusted reverse proxy says so (the last X-Forwarded-Proto).
// - The client's address: the connection's, or with a trusted proxy the last X-Forwarded-For hop (the one the proxy
//   added; anything before it was sent by the client and proves nothing).
// - The Host header: on loopback without a proxy it must name 127.0.0.1, localhost or [::1] with the port (DNS
//   rebinding); elsewhere any well-formed host is accepted, and forms are checked against Origin instead.
// - The request's own origin (scheme and Host as the client used them): what an Origin header must equal, and the
//   base of the URLs an answer carries (a REST page's Link header).
// Forwarded headers are believed only with trustProxy: without it anybody could claim any address or scheme.
import type { IncomingMessage } from 'node:http';

/** How a server is reached: its own TLS, a reverse proxy whose forwarded headers are believed, loopback only. */
export interface ServerNetwork {
  /** The server speaks TLS itself (--tls-cert/--tls-key). */
  tls: boolean;
  /** X-Forwarded-Proto/-For come from a reverse proxy in front and are believed (--trust-proxy). */
  trustProxy: boolean;
  /** It listens on a loopback address only (then the Host header must name 127.0.0.1, localhost or [::1]). */
  loopback: boolean;
}

/** 127.0.0.1 only, no TLS, no proxy: the desktop app, `console` and `serve` without network flags. */
export const LOOPBACK_NETWORK: ServerNetwork = { tls: false, trustProxy: false, loopback: true };

export interface RequestNetwork {
  /** Whether the request came over TLS (here or at the trusted proxy). */
  isSecure(req: IncomingMessage): boolean;
  /** The client's address (the proxy's X-Forwarded-For only when trusted). */
  clientAddress(req: IncomingMessage): string;
  /** A Host header that may reach this server. */
  isAllowedHost(host: string | undefined): boolean;
  /** `https://deck.example.com`: the scheme and Host header the request came with. */
  ownOrigin(req: IncomingMessage): string;
  /** An Origin header that names this server as the request reached it. */
  isAllowedOrigin(origin: string, req: IncomingMessage): boolean;
}

/** Whether an address is this machine's loopback only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The last value of a header that a proxy may have repeated or listed (`a, b`): what our own proxy added. */
export function lastForwarded(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(',') : value;
  const last = joined?.split(',').pop()?.trim();
  return last ? last : undefined;
}

const HOST_SHAPE = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The rules for one server; `port` is read at each request (known once it listens). */
export function requestNetwork(network: ServerNetwork, port: () => number): RequestNetwork {
  const isSecure = (req: IncomingMessage): boolean => network.tls || (network.trustProxy && lastForwarded(req.headers['x-forwarded-proto'])?.toLowerCase() === 'https');
  const ownOrigin = (req: IncomingMessage): string => `${isSecure(req) ? 'https' : 'http'}://${(req.headers.host ?? '').toLowerCase()}`;
  return {
    isSecure,
    clientAddress: (req) => (network.trustProxy ? lastForwarded(req.headers['x-forwarded-for']) : undefined) ?? req.socket.remoteAddress ?? 'unknown',
    isAllowedHost(host) {
      if (!host || !HOST_SHAPE.test(host)) return false;
      if (!network.loopback || network.trustProxy) return true;
      const lower = host.toLowerCase();
      const p = port();
      return lower === `127.0.0.1:${p}` || lower === `localhost:${p}` || lower === `[::1]:${p}`;
    },
    ownOrigin,
    isAllowedOrigin: (origin, req) => origin === ownOrigin(req),
  };
}
