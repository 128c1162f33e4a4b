// The app:// protocol: serves only files under the renderer folder, with the CSP on every response, and
// registers a secure standard scheme that does not bypass the CSP.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler, installAppProtocol, registerAppScheme, resolveAppFile } from '../../../../src-main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../../src-main/electron/window-security';
import { protocol, resetElectronFake } from '../../../fakes/electron-fake';

vi.mock('electron', () => import('../../../fakes/electron-fake'));

let root: string;
let rendererDir: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pd-protocol-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  mkdirSync(join(rendererDir, 'folder.d'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>PartnerDeck</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'not for the page');
  writeFileSync(join(root, 'renderer-evil.txt'), 'a sibling folder with the same prefix');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => resetElectronFake());

const get = (url: string, method = 'GET') => createAppProtocolHandler(rendererDir)(new Request(url, { method }));

describe('app protocol', () => {
  it('serves the renderer with the CSP, a content type and nosniff', async () => {
    const response = await get('app://partnerdeck/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>PartnerDeck</title>');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await get('app://partnerdeck/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('answers client-side routes with index.html', async () => {
    expect(await (await get('app://partnerdeck/companies/12')).text()).toContain('<title>');
    expect(await (await get('app://partnerdeck/')).text()).toContain('<title>');
  });

  it('refuses paths out of the folder, other hosts, missing files and writes', async () => {
    for (const url of [
      'app://partnerdeck/..%2fsecret.txt',
      'app://partnerdeck/%2e%2e/secret.txt',
      'app://partnerdeck/..%2frenderer-evil.txt',
      'app://partnerdeck/..%5csecret.txt',
      'app://other-host/index.html',
      'app://partnerdeck/assets/missing.js',
      'app://partnerdeck/folder.d',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('not for the page');
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await get('app://partnerdeck/index.html', 'POST')).status).toBe(405);
  });

  it('maps URLs to files inside the folder only', () => {
    expect(resolveAppFile(rendererDir, 'app://partnerdeck/assets/app.js')).toBe(join(rendererDir, 'assets', 'app.js'));
    expect(resolveAppFile(rendererDir, 'app://partnerdeck/..%2f..%2fetc%2fpasswd.txt')).toBeNull();
    expect(resolveAppFile(rendererDir, 'app://partnerdeck@evil/index.html')).toBeNull();
    expect(resolveAppFile(rendererDir, 'app://partnerdeck/%E0%A4%A.js')).toBeNull();
  });

  it('registers a secure standard scheme without CSP bypass, and installs the handler', async () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(protocol.privileged[0].privileges).not.toHaveProperty('bypassCSP');
    installAppProtocol(rendererDir);
    const handler = protocol.handlers.get('app');
    expect((await handler!(new Request('app://partnerdeck/index.html'))).status).toBe(200);
  });

  it('writes the saved theme into the page (and only into the page), as the prefs say at each request', async () => {
    const dir = join(root, 'themed');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><head></head></html>');
    writeFileSync(join(dir, 'app.js'), '"<html lang=x>"');
    let theme: 'system' | 'light' | 'dark' = 'dark';
    const handler = createAppProtocolHandler(dir, { themeChoice: () => theme });
    expect(await (await handler(new Request('app://partnerdeck/index.html'))).text()).toBe('<!doctype html><html data-theme-choice="dark" lang="en"><head></head></html>');
    theme = 'light';
    expect(await (await handler(new Request('app://partnerdeck/settings'))).text()).toContain('<html data-theme-choice="light" lang="en">');
    expect(await (await handler(new Request('app://partnerdeck/app.js'))).text()).toBe('"<html lang=x>"');
  });
});
