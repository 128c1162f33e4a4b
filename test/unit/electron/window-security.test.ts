// The console window's security settings: web preferences, CSP on responses, no new windows, no
// navigation off the app origin, permissions denied, no <webview>, and the window built with all of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryPrefs } from '../../../src-main/console/prefs';
import { APP_START_URL, isAppUrl } from '../../../src-main/electron/app-origin';
import { createMainWindow } from '../../../src-main/electron/main-window';
import {
  CONTENT_SECURITY_POLICY,
  denyAllPermissions,
  guardNavigation,
  guardWindowOpen,
  hardenAllWebContents,
  installContentSecurityPolicy,
  isSafeExternalUrl,
  secureWebPreferences,
  withContentSecurityPolicy,
} from '../../../src-main/electron/window-security';
import * as electron from '../../fakes/electron-fake';

vi.mock('electron', () => import('../../fakes/electron-fake'));

const { FakeWebContents, app, defaultSession, resetElectronFake, shell } = electron;
// The functions under test take Electron types; the fakes stand in for them.
type AsElectron = never;

beforeEach(() => resetElectronFake());

describe('web preferences', () => {
  it('isolate, sandbox and deny Node to the renderer', () => {
    const prefs = secureWebPreferences('/app/dist/main/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('are what the console window is created with, and the window loads the app origin', () => {
    const window = createMainWindow({
      preloadPath: '/app/dist/main/preload.cjs',
      prefs: createMemoryPrefs(),
      workAreas: [{ x: 0, y: 0, width: 1920, height: 1080 }],
      backgroundColor: '#ffffff',
    }) as unknown as electron.FakeBrowserWindow;
    expect(window.options.webPreferences).toEqual(secureWebPreferences('/app/dist/main/preload.cjs'));
    expect(window.options.show).toBe(false);
    expect(window.loadedUrl).toBe(APP_START_URL);
    // and the window itself refuses to navigate away
    expect(window.webContents.attempt('will-navigate', { url: 'https://evil.example/' })).toBe(true);
  });
});

describe('content security policy', () => {
  it('is strict', () => {
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
      "connect-src 'self'",
    ]) {
      expect(CONTENT_SECURITY_POLICY.split('; ')).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });

  it("frames only the console's own pages (browser mode's embedded-app wrapper) and is never framed itself", () => {
    const directives = CONTENT_SECURITY_POLICY.split('; ');
    expect(directives.filter((d) => d.startsWith('frame-src'))).toEqual(["frame-src 'self'"]);
    expect(directives).toContain("frame-ancestors 'none'");
  });

  it('is the policy of the meta tag in index.html too (minus frame-ancestors, which a meta tag cannot set)', () => {
    const html = readFileSync(join(__dirname, '../../../src-renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; '));
  });

  it('replaces whatever CSP a response brought, in any letter case', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('is put on every response of the session', () => {
    installContentSecurityPolicy(defaultSession as AsElectron);
    const headers = defaultSession.receive('app://partnerdeck/index.html', { 'Content-Type': ['text/html'] });
    expect(headers?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});

describe('window.open', () => {
  it('is denied, and only http(s) links go to the system browser', () => {
    const contents = new FakeWebContents();
    guardWindowOpen(contents as AsElectron);
    expect(contents.windowOpenHandler?.({ url: 'https://docs.example.com/help' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://partnerdeck/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(shell.openedExternally).toEqual(['https://docs.example.com/help']);
  });

  it('only lets web URLs out', () => {
    expect(isSafeExternalUrl('https://example.com/x')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(true);
    for (const url of ['file:///C:/Windows/system32/calc.exe', 'smb://host/share', 'ms-msdt:/id', 'not a url', 'https://', 'app://partnerdeck/']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('navigation', () => {
  it('stays on the app origin', () => {
    const contents = new FakeWebContents();
    guardNavigation(contents as AsElectron);
    expect(contents.attempt('will-navigate', { url: 'app://partnerdeck/index.html#/companies' })).toBe(false);
    expect(contents.attempt('will-navigate', { url: 'https://evil.example/phish' })).toBe(true);
    expect(contents.attempt('will-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(contents.attempt('will-navigate', { url: 'app://partnerdeck.evil.example/' })).toBe(true);
    expect(contents.attempt('will-redirect', { url: 'app://partnerdeck/other.html' })).toBe(false);
    expect(contents.attempt('will-redirect', { url: 'http://127.0.0.1:9/' })).toBe(true);
    // A followed web link opens in the browser; the file URL does not.
    expect(shell.openedExternally).toEqual(['https://evil.example/phish']);
  });

  it('knows the app origin exactly', () => {
    expect(isAppUrl('app://partnerdeck/')).toBe(true);
    expect(isAppUrl('app://partnerdeck/assets/app.js?x=1')).toBe(true);
    expect(isAppUrl('app://partnerdeck@evil.example/')).toBe(false);
    expect(isAppUrl('app://partnerdeck:8080/')).toBe(false);
    expect(isAppUrl('app://other/')).toBe(false);
    expect(isAppUrl('https://partnerdeck/')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('permissions', () => {
  it('are denied on request and on check', () => {
    denyAllPermissions(defaultSession as AsElectron);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const answers: boolean[] = [];
      defaultSession.permissionRequestHandler?.({}, permission, (granted) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
      expect(defaultSession.permissionCheckHandler?.({}, permission, 'app://partnerdeck', {}), permission).toBe(false);
    }
    expect(defaultSession.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });
});

describe('every web contents', () => {
  it('refuses <webview> and new windows', () => {
    hardenAllWebContents(app as AsElectron);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.attempt('will-attach-webview', {}, { preload: '/x.js' }, { src: 'https://evil.example/' })).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'app://partnerdeck/index.html' })).toEqual({ action: 'deny' });
  });
});
