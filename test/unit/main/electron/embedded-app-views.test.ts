// Embedded apps in the desktop app, against the electron fake: each app in a WebContentsView over the console
// window, in its own persistent partition, sandboxed, no preload, permissions denied on its session, popups
// denied, its main frame kept to its origin (other links go through a native confirm and then the system
// browser), no devtools without the flag, views placed with the console's zoom and removed on leave, reload
// and close — and the console's IPC bridge refuses an app's web contents.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmbedTarget } from '../../../../src-shared/api/embedded-app-types';
import { appDevToolsRequested, appPartition, createEmbeddedAppViews, embeddedAppWebPreferences, isOnOrigin, scaleBounds, type ConfirmExternal } from '../../../../src-main/electron/embedded-app-views';
import { untrustedSenderReason } from '../../../../src-main/electron/ipc-main-bridge';
import { hardenAllWebContents } from '../../../../src-main/electron/window-security';
import * as electron from '../../../fakes/electron-fake';
import { HARDENED_WEB_PREFERENCES } from '../../../helpers/web-preferences';

vi.mock('electron', () => import('../../../fakes/electron-fake'));

const { FakeBrowserWindow, FakeEvent, FakeWebContentsView, app, defaultSession, dialog, fakeInvokeEvent, resetElectronFake, session, shell } = electron;
type AsElectron = never;

const target = (overrides: Partial<EmbedTarget> = {}): EmbedTarget => ({
  appId: 7,
  appName: 'Order Sync',
  companyId: 3,
  userId: 12,
  variant: 'valid',
  url: 'http://127.0.0.1:3000/?UserID=12&CompanyID=3&hmac=abc',
  origin: 'http://127.0.0.1:3000',
  ...overrides,
});
const BOUNDS = { x: 240, y: 120, width: 800, height: 500 };

let window: electron.FakeBrowserWindow;
beforeEach(() => {
  resetElectronFake();
  window = new FakeBrowserWindow();
});

function setup(options: { devTools?: boolean; confirmExternal?: ConfirmExternal } = {}) {
  const log = vi.fn();
  const views = createEmbeddedAppViews({ getWindow: () => window as AsElectron, devTools: options.devTools ?? false, confirmExternal: options.confirmExternal, log });
  return { views, log };
}

function show(views: ReturnType<typeof setup>['views'], slot = 'main', t = target(), bounds: typeof BOUNDS | null = BOUNDS) {
  views.show(slot, t, bounds);
  return FakeWebContentsView.instances[FakeWebContentsView.instances.length - 1];
}

/** Lets the confirm dialog's promise chain run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('an embedded app view', () => {
  it('runs sandboxed and isolated in its own persistent partition, with no preload and no Node', () => {
    const { views } = setup();
    const view = show(views);
    const prefs = view.options.webPreferences!;
    expect(prefs).toEqual(embeddedAppWebPreferences(7, { devTools: false }));
    expect(prefs).toMatchObject({ partition: 'persist:app-7', ...HARDENED_WEB_PREFERENCES, devTools: false });
    expect('preload' in prefs).toBe(false);
    expect(appPartition(8)).toBe('persist:app-8');
  });

  it('is laid over the console window where the placeholder is, at the console zoom, and loads the signed URL', () => {
    const { views } = setup();
    window.webContents.zoomFactor = 1.25;
    const view = show(views);
    expect(window.contentView.children).toEqual([view]);
    expect(view.webContents.loaded).toEqual([target().url]);
    expect(view.bounds).toEqual({ x: 300, y: 150, width: 1000, height: 625 });
    expect(view.visible).toBe(true);
    expect(view.backgroundColor).toBe('#ffffff');
    expect(scaleBounds({ x: 1.4, y: 2.6, width: 10, height: 10 }, 1)).toEqual({ x: 1, y: 3, width: 10, height: 10 });
  });

  it('denies every permission on the app session, which is not the console session', () => {
    const { views } = setup();
    show(views);
    const appSession = session.fromPartition('persist:app-7');
    expect(appSession).not.toBe(defaultSession);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const answers: boolean[] = [];
      appSession.permissionRequestHandler?.({}, permission, (granted) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
      expect(appSession.permissionCheckHandler?.({}, permission, 'http://127.0.0.1:3000', {}), permission).toBe(false);
    }
    expect(appSession.devicePermissionHandler?.({ deviceType: 'hid' })).toBe(false);
    // The console's CSP and handlers are not put on the app's session.
    expect(appSession.headersListener).toBeNull();
    expect(defaultSession.permissionRequestHandler).toBeNull();
  });

  it('denies popups; a web link asks the user first and opens in the system browser only when they agree', async () => {
    const { views } = setup();
    const view = show(views);
    expect(view.webContents.windowOpenHandler?.({ url: 'https://docs.example.com/help' })).toEqual({ action: 'deny' });
    await settle();
    expect(dialog.messageBoxes).toHaveLength(1);
    expect(dialog.messageBoxes[0].window).toBe(window);
    expect(dialog.messageBoxes[0].options).toMatchObject({ buttons: ['Open in browser', 'Cancel'], cancelId: 1, message: 'Order Sync wants to open docs.example.com in your web browser.' });
    expect(String(dialog.messageBoxes[0].options.detail)).toContain('https://docs.example.com/help');
    expect(shell.openedExternally).toEqual(['https://docs.example.com/help']);

    dialog.messageBoxResponse = 1; // Cancel
    expect(view.webContents.windowOpenHandler?.({ url: 'https://other.example/' })).toEqual({ action: 'deny' });
    await settle();
    expect(dialog.messageBoxes).toHaveLength(2);
    expect(shell.openedExternally).toEqual(['https://docs.example.com/help']);

    // Anything but a web URL is dropped without asking.
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'app://partnerdeck/index.html']) {
      expect(view.webContents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    await settle();
    expect(dialog.messageBoxes).toHaveLength(2);
  });

  it('replaces the handler every web contents gets at creation (which would open links without asking)', async () => {
    hardenAllWebContents(app as AsElectron);
    const { views } = setup();
    const view = show(views);
    view.webContents.windowOpenHandler?.({ url: 'https://elsewhere.example/' });
    await settle();
    expect(dialog.messageBoxes).toHaveLength(1);
  });

  it('keeps the main frame on the app origin; leaving goes through the confirm and the system browser', async () => {
    const { views } = setup();
    const view = show(views);
    const contents = view.webContents;
    expect(contents.attempt('will-navigate', { url: 'http://127.0.0.1:3000/settings?x=1' })).toBe(false);
    for (const url of ['http://127.0.0.1:3001/', 'https://127.0.0.1:3000/', 'http://localhost:3000/', 'http://127.0.0.1:3000@evil.example/', 'app://partnerdeck/index.html', 'file:///etc/passwd']) {
      expect(contents.attempt('will-navigate', { url }), url).toBe(true);
      await settle();
    }
    expect(contents.attempt('will-redirect', { url: 'http://127.0.0.1:3000/next', isMainFrame: true })).toBe(false);
    expect(contents.attempt('will-redirect', { url: 'http://127.0.0.1:8080/oauth2/authorize?client_id=x', isMainFrame: true })).toBe(true);
    // An iframe inside the app may go where the app sends it.
    expect(contents.attempt('will-redirect', { url: 'https://maps.example/', isMainFrame: false })).toBe(false);
    await settle();
    // Only plain web URLs were offered (not the one with user info), each one asked first.
    expect(dialog.messageBoxes.map((b) => String(b.options.detail).split('\n')[0])).toEqual([
      'http://127.0.0.1:3001/',
      'https://127.0.0.1:3000/',
      'http://localhost:3000/',
      'http://127.0.0.1:8080/oauth2/authorize?client_id=x',
    ]);
    expect(shell.openedExternally).toHaveLength(4);
    expect(isOnOrigin('http://127.0.0.1:3000', 'http://127.0.0.1:3000')).toBe(true);
    expect(isOnOrigin('http://user@127.0.0.1:3000/', 'http://127.0.0.1:3000')).toBe(false);
  });

  it('asks one question at a time: links clicked while the dialog is open are dropped', async () => {
    let answer: (agreed: boolean) => void = () => undefined;
    const confirmExternal = vi.fn<ConfirmExternal>(() => new Promise((resolve) => (answer = resolve)));
    const { views } = setup({ confirmExternal });
    const view = show(views);
    view.webContents.windowOpenHandler?.({ url: 'https://a.example/' });
    view.webContents.windowOpenHandler?.({ url: 'https://b.example/' });
    expect(confirmExternal).toHaveBeenCalledTimes(1);
    answer(true);
    await settle();
    expect(shell.openedExternally).toEqual(['https://a.example/']);
    view.webContents.windowOpenHandler?.({ url: 'https://c.example/' });
    expect(confirmExternal).toHaveBeenCalledTimes(2);
  });

  it('refuses <webview> and closes developer tools unless the flag asks for them', () => {
    const { views } = setup();
    const view = show(views);
    expect(view.webContents.attempt('will-attach-webview', {}, { preload: '/x.js' }, { src: 'https://evil.example/' })).toBe(true);
    view.webContents.emit('devtools-opened');
    expect(view.webContents.devToolsClosed).toBe(1);

    const withFlag = setup({ devTools: true });
    const open = show(withFlag.views, 'dev', target({ appId: 9 }));
    expect(open.options.webPreferences?.devTools).toBe(true);
    open.webContents.emit('devtools-opened');
    expect(open.webContents.devToolsClosed).toBe(0);
    expect(appDevToolsRequested(['electron', '.', '--app-devtools'], {})).toBe(true);
    expect(appDevToolsRequested(['electron', '.'], { PARTNERDECK_APP_DEVTOOLS: '1' })).toBe(true);
    expect(appDevToolsRequested(['electron', '.'], {})).toBe(false);
  });

  it('moves with the placeholder and hides when it has no size or leaves the screen', () => {
    const { views } = setup();
    const view = show(views);
    expect(views.setBounds('main', { x: 10, y: 20, width: 300, height: 200 })).toBe(true);
    expect(view.bounds).toEqual({ x: 10, y: 20, width: 300, height: 200 });
    expect(views.setBounds('main', null)).toBe(false);
    expect(view.visible).toBe(false);
    expect(views.setBounds('main', { x: 10, y: 20, width: 0, height: 200 })).toBe(false);
    expect(view.visible).toBe(false);
    expect(views.setBounds('main', BOUNDS)).toBe(true);
    expect(view.visible).toBe(true);
    expect(views.setBounds('nothing-here', BOUNDS)).toBe(false);
  });

  it('is removed (and its web contents closed) when the user leaves, one slot or all', () => {
    const { views } = setup();
    const main = show(views, 'main');
    const preview = show(views, 'check-valid', target({ variant: 'wrong-hmac', url: 'http://127.0.0.1:3000/?hmac=0' }));
    expect(views.slots()).toEqual(['main', 'check-valid']);
    expect(views.close('main')).toBe(1);
    expect(main.webContents.destroyed).toBe(true);
    expect(window.contentView.children).toEqual([preview]);
    expect(views.close(null)).toBe(1);
    expect(preview.webContents.destroyed).toBe(true);
    expect(window.contentView.children).toEqual([]);
    expect(views.close('main')).toBe(0);
  });

  it('reuses the view for the same app and replaces it for another app', () => {
    const { views } = setup();
    const first = show(views, 'main');
    views.show('main', target({ url: 'http://127.0.0.1:3000/?UserID=12&CompanyID=4&hmac=def', companyId: 4 }), BOUNDS);
    expect(FakeWebContentsView.instances).toHaveLength(1);
    expect(first.webContents.loaded).toHaveLength(2);
    const other = show(views, 'main', target({ appId: 8, origin: 'https://app.example', url: 'https://app.example/?UserID=12&CompanyID=4&hmac=1' }));
    expect(other).not.toBe(first);
    expect(first.webContents.destroyed).toBe(true);
    expect(other.options.webPreferences?.partition).toBe('persist:app-8');
    // The new app's origin is the one navigation is kept to.
    expect(other.webContents.attempt('will-navigate', { url: 'https://app.example/page' })).toBe(false);
    expect(other.webContents.attempt('will-navigate', { url: 'http://127.0.0.1:3000/' })).toBe(true);
  });

  it('disappears when the console page reloads or crashes or its window closes, not on a route change', () => {
    const { views } = setup();
    views.watchConsoleWindow(window as AsElectron);
    show(views);
    window.webContents.emit('did-start-navigation', new FakeEvent({ url: 'app://partnerdeck/index.html#/apps', isMainFrame: true, isSameDocument: true }));
    expect(views.slots()).toEqual(['main']);
    window.webContents.emit('did-start-navigation', new FakeEvent({ url: 'app://partnerdeck/index.html', isMainFrame: true, isSameDocument: false }));
    expect(views.slots()).toEqual([]);
    show(views);
    window.webContents.emit('render-process-gone', new FakeEvent(), { reason: 'crashed' });
    expect(views.slots()).toEqual([]);
    const last = show(views);
    window.destroy();
    expect(last.webContents.destroyed).toBe(true);
  });

  it('follows every console window: each window shows its own apps in its own slots, over itself', () => {
    const second = new FakeBrowserWindow();
    let calling: electron.FakeBrowserWindow = window;
    const views = createEmbeddedAppViews({ getWindow: () => calling as AsElectron, devTools: false });
    views.watchConsoleWindow(window as AsElectron);
    views.watchConsoleWindow(second as AsElectron);
    second.webContents.zoomFactor = 2;
    views.show('main', target(), BOUNDS);
    const first = FakeWebContentsView.instances.at(-1)!;
    calling = second;
    views.show('main', target({ appId: 8, origin: 'https://app.example', url: 'https://app.example/?hmac=1' }), BOUNDS);
    const other = FakeWebContentsView.instances.at(-1)!;
    // Same slot name, two windows: two views, each laid over the window that asked, at that window's zoom.
    expect(other).not.toBe(first);
    expect(window.contentView.children).toEqual([first]);
    expect(second.contentView.children).toEqual([other]);
    expect(other.bounds).toEqual({ x: 480, y: 240, width: 1600, height: 1000 });
    expect(views.slots(window as AsElectron)).toEqual(['main']);
    expect(views.slots(second as AsElectron)).toEqual(['main']);
    // The second window's calls move and close its own view only.
    expect(views.setBounds('main', null)).toBe(false);
    expect(other.visible).toBe(false);
    expect(first.visible).toBe(true);
    expect(views.close('main')).toBe(1);
    expect(other.webContents.destroyed).toBe(true);
    expect(first.webContents.destroyed).toBe(false);
    // A link in the second window's app asks over that window.
    views.show('main', target(), BOUNDS);
    const again = FakeWebContentsView.instances.at(-1)!;
    again.webContents.windowOpenHandler?.({ url: 'https://docs.example.com/help' });
    expect(dialog.messageBoxes.at(-1)?.window).toBe(second);
    // Reloading or closing one window removes its views and leaves the other's.
    second.webContents.emit('did-start-navigation', new FakeEvent({ url: 'app://partnerdeck/index.html', isMainFrame: true, isSameDocument: false }));
    expect(again.webContents.destroyed).toBe(true);
    expect(views.slots()).toEqual(['main']);
    calling = window;
    views.show('check', target({ variant: 'wrong-hmac' }), BOUNDS);
    window.destroy();
    expect(views.slots()).toEqual([]);
    expect(first.webContents.destroyed).toBe(true);
  });

  it('never reaches the console: the IPC bridge refuses calls from an app view', () => {
    const { views } = setup();
    const view = show(views);
    const frame = new electron.FakeWebFrameMain(target().url, 'http://127.0.0.1:3000');
    const reason = untrustedSenderReason(fakeInvokeEvent(window, frame, view.webContents) as never, [window as AsElectron]);
    expect(reason).toBe('the sender is not a console window');
  });
});
