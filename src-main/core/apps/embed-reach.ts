// Whether an embedded app's server can be reached at all, before the console shows it: one TCP connection to
// the Start URL's host and port (no HTTP request, so the app sees nothing), with a short time limit. An app
// that cannot be reached gets the console's own "app unreachable" frame (what was tried, how to start the
// example app) instead of the browser's error page.
import { connect } from 'node:net';

export type EmbedReach =
  | { ok: true }
  | {
      ok: false;
      /** What was tried, in words: "Connecting to 127.0.0.1:3100". */
      tried: string;
      /** What happened, in words: "nothing is listening there (connection refused)". */
      reason: string;
      /** The system's error code (ECONNREFUSED, ENOTFOUND, ETIMEDOUT, …). */
      code: string;
    };

export const EMBED_REACH_TIMEOUT_MS = 2000;

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening there (connection refused)',
  ENOTFOUND: 'the host name does not resolve (no such host, or no network)',
  EAI_AGAIN: 'the host name could not be looked up (no network or name server)',
  EHOSTUNREACH: 'the host cannot be reached from this machine',
  ENETUNREACH: 'the network is unreachable (offline?)',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'no answer in time',
};

/** The port a URL connects to (its own, or the scheme's default). */
function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

export function checkEmbedReach(startUrl: string, timeoutMs = EMBED_REACH_TIMEOUT_MS): Promise<EmbedReach> {
  let url: URL;
  try {
    url = new URL(startUrl);
  } catch {
    return Promise.resolve({ ok: false, tried: `Reading the Start URL ${startUrl}`, reason: 'it is not a valid URL', code: 'EINVAL' });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = portOf(url);
  const tried = `Connecting to ${url.host.includes(':') ? url.host : `${url.host}:${port}`}`;
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: EmbedReach) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ ok: false, tried, reason: `no answer within ${timeoutMs / 1000} s`, code: 'ETIMEDOUT' }), timeoutMs);
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'ERROR';
      done({ ok: false, tried, reason: REASONS[code] ?? error.message, code });
    });
  });
}
