// The embed checker's request: one GET of a signed (or deliberately mis-signed) embed URL from the main process,
// as a plain client would make it — no cookies, no redirects followed, a short time limit — returning the status,
// the redirect target if any, and a short text snippet of the body for the developer to read.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface EmbedProbeResult {
  /** HTTP status, or null when no answer came (refused, reset, timed out). */
  status: number | null;
  /** The Location header of a 3xx answer. */
  location: string | null;
  /** The first characters of the body as text (tags removed, whitespace collapsed). */
  snippet: string;
  /** Why there was no answer. */
  error: string | null;
  elapsedMs: number;
}

export interface EmbedProbeOptions {
  timeoutMs?: number;
  /** Bytes of the body read for the snippet; the rest is not downloaded. */
  maxBytes?: number;
  now?: () => number;
}

export const EMBED_PROBE_TIMEOUT_MS = 5000;
const SNIPPET_CHARS = 240;

/** Text of an HTML (or any) body, for a one-line snippet. */
export function bodySnippet(body: string, limit = SNIPPET_CHARS): string {
  const text = body
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

export function probeEmbedUrl(url: string, options: EmbedProbeOptions = {}): Promise<EmbedProbeResult> {
  const timeoutMs = options.timeoutMs ?? EMBED_PROBE_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? 16 * 1024;
  const now = options.now ?? (() => performance.now());
  const started = now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<EmbedProbeResult, 'elapsedMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, elapsedMs: Math.round(now() - started) });
    };
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      finish({ status: null, location: null, snippet: '', error: 'the URL is not valid' });
      return;
    }
    const send = parsed.protocol === 'https:' ? httpsRequest : parsed.protocol === 'http:' ? httpRequest : null;
    if (!send) {
      finish({ status: null, location: null, snippet: '', error: 'only http and https URLs can be checked' });
      return;
    }
    const req = send(parsed, {
      method: 'GET',
      headers: { Accept: 'text/html,*/*;q=0.8', 'User-Agent': 'PartnerDeck-EmbedChecker/1.0', Connection: 'close' },
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ status: null, location: null, snippet: '', error: `no answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      finish({ status: null, location: null, snippet: '', error: error.code === 'ECONNREFUSED' ? 'connection refused (is the app running?)' : error.message });
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const location = res.statusCode !== undefined && res.statusCode >= 300 && res.statusCode < 400 ? (res.headers.location ?? null) : null;
        finish({ status: res.statusCode ?? null, location, snippet: bodySnippet(Buffer.concat(chunks).toString('utf8')), error: null });
        res.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        if (size >= maxBytes) return;
        chunks.push(chunk.subarray(0, maxBytes - size));
        size += chunk.length;
        if (size >= maxBytes) done();
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.end();
  });
}
