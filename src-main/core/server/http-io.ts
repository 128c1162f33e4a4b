// Reading requests and writing responses on the platform server: bodies with size limits, forms, JSON,
// cookies, and JSON/HTML/text/redirect answers with the security headers every response carries.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error';

export const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Headers on every answer: no sniffing, no referrer (authorization URLs carry codes and state), no framing. */
export function baseHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string, csp: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': csp,
    ...headers,
  });
  res.end(html);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache' });
  res.end(text);
}

/** 303 See Other: after a form POST the browser follows with GET. */
export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}, status = 303): void {
  res.writeHead(status, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0, ...headers });
  res.end();
}

/**
 * Reads a request body of at most `limitBytes`. A body whose declared Content-Length is over the limit is refused
 * before a byte of it is read; one that turns out longer while streaming is refused at the limit. Either way the
 * answer closes the connection (the rest of the body is never read).
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes) return Promise.reject(tooLarge(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        req.off('data', onData);
        req.pause();
        reject(tooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    // A client that went away (or was closed by the request timeout) mid-body is no failure of ours: nothing to
    // log as unexpected, nothing to answer (the socket is gone).
    req.on('error', (error: Error & { code?: string }) =>
      reject(error.code === 'ECONNRESET' || error.message === 'aborted' ? new HttpError(400, 'request_aborted', 'The request ended before its body was complete.') : error),
    );
  });
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** A body as text: it must be valid UTF-8 (a 400 otherwise: bytes are never guessed at or replaced). */
export function decodeUtf8(body: Buffer): string {
  try {
    return STRICT_UTF8.decode(body);
  } catch {
    throw new HttpError(400, 'invalid_encoding', 'The request body is not valid UTF-8.');
  }
}

/** readBody + decodeUtf8. */
export async function readText(req: IncomingMessage, limitBytes: number): Promise<string> {
  return decodeUtf8(await readBody(req, limitBytes));
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'payload_too_large', `The request body is larger than ${limit} bytes.`, true, undefined, { Connection: 'close' });
}

/**
 * The media type of the request body, lower-case and without parameters (`application/json`), compared exactly
 * by the callers. A charset other than UTF-8 makes it '' (not what any route accepts): bodies are read as UTF-8.
 */
export function mediaType(req: IncomingMessage): string {
  return mediaTypeOf(req.headers['content-type']);
}

export function mediaTypeOf(header: string | undefined): string {
  const [essence, ...params] = (header ?? '').split(';');
  for (const param of params) {
    const [name, value = ''] = param.split('=');
    if (name.trim().toLowerCase() === 'charset' && !/^"?utf-?8"?$/i.test(value.trim())) return '';
  }
  return essence.trim().toLowerCase();
}

/** The cookies of a request by name (the first of a name wins, as browsers send the most specific first). */
export function cookiesOf(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
