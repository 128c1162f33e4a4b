// The HTTP client webhook attempts go out with: keep-alive agents (one per protocol), one POST per attempt,
// the spec's acknowledgement rule (a status within the timeout; the body and headers of the answer are
// read and thrown away so the connection can be reused), no redirects followed (a 3xx is a failure), and
// no connection to an address the SSRF rules refuse (webhook-address-guard.ts): the URL's host is checked before
// connecting, and every address a host name resolves to when the socket connects.
// The dispatcher's worker uses it, and the benchmark's baseline uses the very same client.
import http from 'node:http';
import https from 'node:https';
import { DEFAULT_ADDRESS_POLICY, guardedLookupFor, refusedWebhookAddress, type AddressPolicy } from './webhook-address-guard';

export interface HttpAttemptOutcome {
  /** The HTTP status, or null when no answer came (timeout, refused, reset, bad address). */
  status: number | null;
  error: string | null;
  /** Milliseconds from sending to the status line (or to giving up). */
  durationMs: number;
  /** Wall time the request started, epoch milliseconds with sub-millisecond precision. */
  startedAt: number;
}

export interface WebhookHttpClient {
  post(address: string, body: string, headers: Record<string, string>): Promise<HttpAttemptOutcome>;
  /** Closes the idle kept-alive connections (the policy changed: the next request connects, and is checked, anew). */
  dropIdleConnections(): void;
  close(): void;
}

export interface WebhookHttpClientOptions {
  timeoutMs: number;
  /** Connections per origin kept open and used in parallel. */
  maxSockets: number;
  /** Where requests may go now (own ports, allowed private ranges); deny by default without it. */
  policy?: () => AddressPolicy;
}

export function createWebhookHttpClient(options: WebhookHttpClientOptions): WebhookHttpClient {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const timeoutSeconds = options.timeoutMs / 1000;

  return {
    post(address, body, headers) {
      const started = performance.now();
      const startedAt = performance.timeOrigin + started;
      const elapsed = () => Math.max(0, Math.round(performance.now() - started));
      let url: URL;
      try {
        url = new URL(address);
      } catch {
        return Promise.resolve({ status: null, error: `not a valid URL: ${address}`, durationMs: 0, startedAt });
      }
      const transport = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
      if (!transport) return Promise.resolve({ status: null, error: `unsupported protocol ${url.protocol}`, durationMs: 0, startedAt });
      const policy = options.policy?.() ?? DEFAULT_ADDRESS_POLICY;
      // An address written as an IP is connected to without a lookup: check the URL itself first.
      const refused = refusedWebhookAddress(address, policy);
      if (refused) return Promise.resolve({ status: null, error: `refused: the address ${refused}`, durationMs: 0, startedAt });
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));

      return new Promise((resolve) => {
        let settled = false;
        const finish = (status: number | null, error: string | null) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status, error, durationMs: elapsed(), startedAt });
        };
        const request = transport.request(
          url,
          {
            method: 'POST',
            agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
            // A name that resolves to a refused address (or to loopback on one of our own ports) fails here.
            lookup: guardedLookupFor(port, policy),
            headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
          },
          (response) => {
            finish(response.statusCode ?? null, null);
            // The answer's body is ignored; drain it (bounded in time) so the socket goes back to the pool.
            const drainTimer = setTimeout(() => response.destroy(), options.timeoutMs);
            response.on('end', () => clearTimeout(drainTimer));
            response.on('close', () => clearTimeout(drainTimer));
            response.on('error', () => clearTimeout(drainTimer));
            response.resume();
          },
        );
        const timer = setTimeout(() => {
          finish(null, `no answer within ${timeoutSeconds} s`);
          request.destroy();
        }, options.timeoutMs);
        request.on('error', (error: NodeJS.ErrnoException) => finish(null, error.message || error.code || 'request failed'));
        request.end(body);
      });
    },
    dropIdleConnections() {
      for (const agent of [httpAgent, httpsAgent]) {
        for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
      }
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
