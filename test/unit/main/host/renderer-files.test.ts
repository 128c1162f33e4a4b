// The browser host's page and files (src-main/host/renderer-files.ts): a request path never leads out of the
// renderer's folder; a missing file is a 404 and malformed percent-encoding a 400.
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeJoin, serveRendererFile } from '../../../../src-main/host/renderer-files';

function response() {
  const sent: { status?: number; body?: string } = {};
  const res = { writeHead: (status: number) => ((sent.status = status), { end: (body: string) => (sent.body = body) }) };
  return { res: res as unknown as ServerResponse, sent };
}

describe('renderer files', () => {
  it('joins a request path inside the folder only', () => {
    expect(safeJoin('/r', '/app.js')).toBe('/r/app.js');
    expect(safeJoin('/r/', '/chunks/a.js')).toBe('/r/chunks/a.js');
    expect(safeJoin('/r', '/../etc/passwd')).toBeNull();
    expect(safeJoin('/r', '/../r2/x')).toBeNull();
  });

  it('answers 404 for a missing file or a folder, 400 for malformed percent-encoding', () => {
    const dir = mkdtempSync(join(tmpdir(), 'renderer-files-'));
    writeFileSync(join(dir, 'index.html'), '<html></html>');
    const req = { method: 'GET', headers: {} } as IncomingMessage;
    for (const [path, status] of [['/nothing.js', 404], ['/%E0%A4%A', 400], ['/..%2f..%2fetc%2fpasswd', 404]] as const) {
      const { res, sent } = response();
      void serveRendererFile(req, res, new URL(`http://127.0.0.1${path}`), { rendererDir: dir });
      expect(sent.status, path).toBe(status);
    }
  });
});
