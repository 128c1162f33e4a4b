// The renderer's files as the browser host serves them (issue 18 item 7, cold start): scripts and styles go out
// compressed when the browser accepts it, from the copies the build wrote beside them (`app.js.br`,
// `app.js.gz`: scripts/build.mjs, brotli at quality 11 and gzip at level 9, so serving costs no CPU), with
// `Content-Encoding` and `Vary: Accept-Encoding`. Every script's and style's name carries its content's hash
// (scripts/build.mjs: app-<hash>.js, app-<hash>.css, boot-<hash>.js, chunks/*-<hash>.js), so they are cached for
// good (`isContentHashed`); everything else is revalidated, and the page itself is never stored. The desktop app reads the files from disk and does not use
// this (its app:// handler serves the plain files).
import { createReadStream, readFileSync, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The encodings the build writes, best first, with the suffix of their copies. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * A renderer path whose name carries its content's hash (esbuild's `[name]-[hash]`: 8 characters of base32): its
 * content never changes, so the browser may keep it for good. A new build writes new names.
 */
export function isContentHashed(requestPath: string): boolean {
  return /^\/(chunks\/)?[a-z][\w-]*-[A-Z2-7]{8}\.(js|css)$/.test(requestPath);
}

/** Files the build writes compressed copies of (and so the only ones whose answer varies by encoding). */
export const COMPRESSED_EXTENSIONS: readonly string[] = ['.js', '.css'];

/**
 * The encodings an `Accept-Encoding` header accepts (RFC 9110 §12.5.3): named with q > 0, or covered by `*`
 * with q > 0 and not named with q = 0. Identity is always acceptable here (a file is served plain otherwise).
 */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const named = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(param);
      if (match) q = Number(match[1]);
    }
    named.set(token, Number.isFinite(q) ? q : 0);
  }
  const star = named.get('*') ?? 0;
  const accepted = new Set<string>();
  for (const { name } of ENCODINGS) {
    const q = named.has(name) ? named.get(name)! : star;
    if (q > 0) accepted.add(name);
  }
  return accepted;
}

/** The file to send and its encoding: the best compressed copy the browser accepts, else the file itself. */
export function pickEncodedFile(file: string, acceptEncoding: string | undefined): { path: string; encoding: string | null; size: number } {
  if (COMPRESSED_EXTENSIONS.includes(extname(file))) {
    const accepted = acceptedEncodings(acceptEncoding);
    for (const { name, suffix } of ENCODINGS) {
      if (!accepted.has(name)) continue;
      const copy = statOrNull(file + suffix);
      if (copy?.isFile()) return { path: file + suffix, encoding: name, size: copy.size };
    }
  }
  return { path: file, encoding: null, size: statSync(file).size };
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

export interface StaticFileOptions {
  /** Headers of this answer besides type, length, encoding and caching (e.g. the page's CSP). */
  headers?: Record<string, string>;
  /** `no-store` (the page itself), `immutable` (names that carry their content's hash) or `revalidate`. */
  caching: 'no-store' | 'immutable' | 'revalidate';
}

const CACHE_CONTROL = { 'no-store': 'no-store', immutable: 'public, max-age=31536000, immutable', revalidate: 'no-cache' } as const;

/** Sends a file of the renderer (which must exist), compressed when it can be; HEAD gets the headers only. */
export function sendStaticFile(req: IncomingMessage, res: ServerResponse, file: string, options: StaticFileOptions): void {
  const chosen = pickEncodedFile(file, req.headers['accept-encoding']);
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(chosen.size),
    'Cache-Control': CACHE_CONTROL[options.caching],
    ...(COMPRESSED_EXTENSIONS.includes(extname(file)) ? { Vary: 'Accept-Encoding' } : {}),
    ...(chosen.encoding ? { 'Content-Encoding': chosen.encoding } : {}),
    ...options.headers,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(chosen.path).pipe(res);
}

/** Sends a small text file of the renderer changed by `transform` (the page with the saved theme on it), never compressed. */
export function sendTransformedFile(req: IncomingMessage, res: ServerResponse, file: string, transform: (text: string) => string, options: StaticFileOptions): void {
  const body = Buffer.from(transform(readFileSync(file, 'utf8')), 'utf8');
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(body.length),
    'Cache-Control': CACHE_CONTROL[options.caching],
    ...options.headers,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
