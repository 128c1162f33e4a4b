// The console window's security settings: web preferences, CSP on responses, no new windows, no
// navigation off the app origin, permissions denied, no <webview>, and the window built with all of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryPrefs } from '../../../../src-main/console/prefs';
import { APP_START_URL, isAppUrl } from '../../../../src-main/electron/app-origin';
import { createMainWindow } from '../../../../src-main/electron/main-window';
import { CONTENT_SECURITY_POLICY, denyAllPermissions, guardNavigation, guardWindowOpen, createExternalLinks, hardenAllWebContents, installContentSecurityPolicy, isSafeExternalUrl, secureWebPreferences, withContentSecurityPolicy } from '../../../../src-main/electron/window-security';
import * as electron from '../../../fakes/electron-fake';
import { HARDENED_WEB_PREFERENCES } from '../../../helpers/web-preferences';

vi.mock('electron', () => import('../../../fakes/electron-fake'));

const { FakeBrowserWindow, FakeWebContents, app, defaultSession, dialog, resetElectronFake, shell } = electron;
const settle = () => new Promise((resolve) => setImmediate(resolve));
// The functions under test take Electron types; the fakes stand in for them.
type AsElectron = never;

beforeEach(() => resetElectronFake());

describe('web preferences', () => {
  it('isolate, sandbox and deny Node to the renderer', () => {
    const prefs = secureWebPreferences('/app/dist/main/preload.cjs');
    expect(prefs).toMatchObject({ preload: '/app/dist/main/preload.cjs', ...HARDENED_WEB_PREFERENCES });
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
    const html = readFileSync(join(__dirname, '../../../../src-renderer/index.html'), 'utf8');
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
  it('is denied, and only http(s) links go to the system browser, after the user agreed to the address (I6)', async () => {
    const window = new FakeBrowserWindow();
    const contents = window.webContents;
    guardWindowOpen(contents as AsElectron);
    expect(contents.windowOpenHandler?.({ url: 'https://docs.example.com/help' })).toEqual({ action: 'deny' });
    await settle();
    for (const url of ['file:///etc/passwd', 'app://partnerdeck/index.html', 'javascript:alert(1)', 'https://docs.example.com@evil.example/']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    await settle();
    // One question, modal to the console window, naming the address and the host it goes to.
    expect(dialog.messageBoxes).toHaveLength(1);
    expect(dialog.messageBoxes[0].window).toBe(window);
    expect(dialog.messageBoxes[0].options).toMatchObject({ type: 'question', buttons: ['Open in browser', 'Cancel'], defaultId: 1, cancelId: 1, message: 'Open docs.example.com in your web browser?' });
    expect(String(dialog.messageBoxes[0].options.detail)).toMatch(/^https:\/\/docs\.example\.com\/help\n\nIt goes to docs\.example\.com /);
    expect(shell.openedExternally).toEqual(['https://docs.example.com/help']);
  });

  it('opens nothing when the user cancels; a look-alike host is named in its xn-- form (I6)', async () => {
    const contents = new FakeBrowserWindow().webContents;
    guardWindowOpen(contents as AsElectron);
    dialog.messageBoxResponse = 1; // Cancel
    contents.windowOpenHandler?.({ url: 'https://pаypal.example/login' }); // a Cyrillic "а"
    await settle();
    expect(dialog.messageBoxes[0].options.message).toBe('Open xn--pypal-4ve.example in your web browser?');
    expect(shell.openedExternally).toEqual([]);
  });

  it('shows a long address cut short in the question, and opens it whole (I6)', async () => {
    const contents = new FakeBrowserWindow().webContents;
    guardWindowOpen(contents as AsElectron);
    const url = `https://docs.example.com/search?q=${'x'.repeat(5_000)}`;
    contents.windowOpenHandler?.({ url });
    await settle();
    const detail = String(dialog.messageBoxes[0].options.detail);
    expect(detail.length).toBeLessThan(400);
    expect(detail.startsWith(url.slice(0, 150))).toBe(true);
    expect(detail).toMatch(/… \(5,0\d\d characters\)\n\nIt goes to docs\.example\.com /);
    expect(dialog.messageBoxes[0].options.message).toBe('Open docs.example.com in your web browser?');
    expect(shell.openedExternally).toEqual([url]);
  });

  it('asks one question at a time per window: links clicked while it is open are dropped (I6)', async () => {
    let answer: (agreed: boolean) => void = () => undefined;
    const confirm = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const open = createExternalLinks({ confirm });
    const contents = new FakeWebContents();
    guardWindowOpen(contents as AsElectron, open);
    contents.windowOpenHandler?.({ url: 'https://a.example/' });
    contents.windowOpenHandler?.({ url: 'https://b.example/' });
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(confirm).toHaveBeenCalledWith(null, 'https://a.example/', null);
    answer(true);
    await settle();
    expect(shell.openedExternally).toEqual(['https://a.example/']);
    contents.windowOpenHandler?.({ url: 'https://c.example/' });
    expect(confirm).toHaveBeenCalledTimes(2);
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
  it('stays on the app origin', async () => {
    const contents = new FakeWebContents();
    guardNavigation(contents as AsElectron);
    expect(contents.attempt('will-navigate', { url: 'app://partnerdeck/index.html#/companies' })).toBe(false);
    expect(contents.attempt('will-navigate', { url: 'https://evil.example/phish' })).toBe(true);
    expect(contents.attempt('will-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(contents.attempt('will-navigate', { url: 'app://partnerdeck.evil.example/' })).toBe(true);
    expect(contents.attempt('will-redirect', { url: 'app://partnerdeck/other.html' })).toBe(false);
    expect(contents.attempt('will-redirect', { url: 'http://127.0.0.1:9/' })).toBe(true);
    // A followed web link opens in the browser once the user agreed to its address (I6); the file URL does not.
    await settle();
    expect(dialog.messageBoxes.map((box) => box.options.message)).toEqual(['Open evil.example in your web browser?']);
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
