// The main process start-up, run against the electron fake with the real platform and console on a
// temporary data folder: sandbox and scheme before ready, security on the session, the demo data, the
// keychain secret store, a console call over the IPC bridge, the menu's UI commands, and a clean quit.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type CallReply } from '../../../../src-shared/api/contract';
import type { AppInfo, SessionInfo } from '../../../../src-shared/api/types';
import { secureWebPreferences } from '../../../../src-main/electron/window-security';
import { UI_COMMAND_CHANNEL } from '../../../../src-main/electron/ui-commands';
import { FakeBrowserWindow, FakeDownloadItem, FakeEvent, FakeWebFrameMain, Menu, app, crashReporter, defaultSession, fakeInvokeEvent, ipcMain, nativeTheme, protocol, session, shell } from '../../../fakes/electron-fake';
import { startMainProcess } from '../../../helpers/electron-main';

vi.mock('electron', async () => {
  const fake = await import('../../../fakes/electron-fake');
  return { ...fake, default: fake };
});
vi.mock('electron-updater', async () => ({ autoUpdater: (await import('../../../fakes/electron-fake')).fakeAutoUpdater }));

let window: FakeBrowserWindow;

const call = async (method: string, input: unknown, event = fakeInvokeEvent(window)) =>
  (await ipcMain.invoke(IPC_INVOKE_CHANNEL, event, method, input)) as CallReply;

const started = startMainProcess('pd-main-', { until: () => expect(FakeBrowserWindow.instances).toHaveLength(1), timeout: 10_000, setupTimeout: 30_000 });
beforeAll(() => {
  window = FakeBrowserWindow.instances[0];
});

describe('main process start-up', () => {
  it('uses the overridden data folder as userData and sandboxes every renderer', () => {
    expect(app.getPath('userData')).toBe(started.dataDir);
    expect(app.sandboxEnabled).toBe(true);
  });

  it('serves the renderer on the privileged app scheme, with CSP and permissions on the session', () => {
    expect(protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
    expect(protocol.handlers.has('app')).toBe(true);
    expect(defaultSession.headersListener).not.toBeNull();
    const answers: boolean[] = [];
    defaultSession.permissionRequestHandler?.({}, 'media', (granted) => answers.push(granted), {});
    expect(answers).toEqual([false]);
  });

  it('opens one secure window on app://partnerdeck', () => {
    const preload = (window.options.webPreferences as { preload: string }).preload;
    expect(preload).toMatch(/preload\.cjs$/);
    expect(window.options.webPreferences).toEqual(secureWebPreferences(preload));
    expect(window.loadedUrl).toBe('app://partnerdeck/index.html');
  });

  it('seeds the demo into the new data folder and answers console calls over IPC', async () => {
    expect(existsSync(join(started.dataDir, 'partnerdeck.sqlite'))).toBe(true);
    const reply = await call('session.get', {});
    expect(reply.ok).toBe(true);
    const session = (reply as { result: SessionInfo }).result;
    expect(session.user).not.toBeNull();
    expect(session.isSelf).toBe(true);
  });

  it('keeps secrets in the OS keychain and reports the platform server', async () => {
    const reply = await call('app.info', {});
    const info = (reply as { result: AppInfo }).result;
    expect(info).toMatchObject({ host: 'electron', dataDir: started.dataDir, secretStore: { kind: 'os-keychain', warning: null } });
    expect(info.platformUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Remembered for the next launch of this folder (main.port-memory.test.ts: a launch reuses it).
    expect(JSON.parse(readFileSync(join(started.dataDir, 'ports.json'), 'utf8')).platform).toBe(Number(new URL(info.platformUrl!).port));
  });

  it("keeps the theme chosen in Settings in prefs.json and sets Electron's nativeTheme from it", async () => {
    expect(nativeTheme.themeSource).toBe('system');
    expect(await call('app.setTheme', { theme: 'dark' })).toEqual({ ok: true, result: { theme: 'dark' } });
    expect(nativeTheme.themeSource).toBe('dark');
    expect(JSON.parse(readFileSync(join(started.dataDir, 'prefs.json'), 'utf8')).theme).toBe('dark');
    // (The page written with it: app-protocol.test.ts; here the renderer folder is not built.)
    expect(await call('app.setTheme', { theme: 'blue' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await call('app.setTheme', { theme: 'system' })).toMatchObject({ ok: true });
    expect(nativeTheme.themeSource).toBe('system');
  });

  it("passes the console's errors across as {code, message, details}", async () => {
    expect(await call('no.such.method', {})).toMatchObject({ ok: false, error: { code: 'unknown_method', message: expect.any(String) } });
    const invalid = await call('companies.get', { companyId: 'seven' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'validation_failed', details: { fields: { companyId: expect.any(Array) } } } });
  });

  it('refuses a call from a foreign frame', async () => {
    const foreign = new FakeWebFrameMain('https://evil.example/', 'https://evil.example', null, window.webContents.mainFrame.processId, window.webContents.mainFrame.routingId);
    expect(await call('session.get', {}, fakeInvokeEvent(window, foreign))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('Save demo state / Reset demo: closes the platform, restores the snapshot, opens it again on the same port and restarts every window', async () => {
    const result = <T,>(reply: CallReply) => {
      if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
      return reply.result as T;
    };
    const before = result<AppInfo>(await call('app.info', {}));
    // The state the demo started with was saved at start-up.
    expect(result<{ startName: string | null; canReset: boolean }>(await call('demoState.list', {}))).toMatchObject({ startName: 'demo-start', canReset: true });
    expect(result<{ name: string }>(await call('demoState.save', { name: 'before-strict' })).name).toBe('before-strict');
    // A change after the save (a setting in the database).
    expect(result<{ strict: boolean }>(await call('compatibility.set', { strict: true })).strict).toBe(true);
    const sentBefore = window.webContents.sent.length;
    expect(result<{ name: string }>(await call('demoState.reset', { name: 'before-strict' })).name).toBe('before-strict');
    // The new console answers over the same bridge, with the state of the snapshot, on the same platform port.
    expect(result<{ strict: boolean }>(await call('compatibility.get', {})).strict).toBe(false);
    expect(result<AppInfo>(await call('app.info', {})).platformUrl).toBe(before.platformUrl);
    expect(await (await fetch(`${before.platformUrl}/health`)).json()).toMatchObject({ ok: true });
    // Every window is told to start again.
    expect(window.webContents.sent.slice(sentBefore)).toContainEqual({ channel: IPC_EVENT_CHANNEL, args: [{ name: 'demo_state.restored', payload: { name: 'before-strict' } }] });
    // A bad name is refused naming the field; an unknown snapshot changes nothing.
    expect(await call('demoState.save', { name: '../x' })).toMatchObject({ ok: false, error: { code: 'validation_failed', details: { fields: { name: expect.any(Array) } } } });
    expect(await call('demoState.reset', { name: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('before-strict') } });
    expect(result<{ strict: boolean }>(await call('compatibility.get', {})).strict).toBe(false);
  }, 30_000);

  it('connects this profile to a team server from Settings: refused in words, asked first, then kept and restarted on', async () => {
    const teamSession = session.fromPartition('persist:team-deck.example.com');
    // Plain http to another machine: refused before anything is asked or kept.
    expect(await call('app.connectTeamServer', { url: 'http://deck.example.com' })).toMatchObject({ ok: false, error: { code: 'validation_failed', details: { fields: { url: [expect.stringContaining('use https://deck.example.com')] } } } });
    expect(teamSession.fetched).toEqual([]);
    // Nothing answers / a web server that is not PartnerDeck: asked, explained, nothing kept.
    expect(await call('app.connectTeamServer', { url: 'https://deck.example.com' })).toMatchObject({ ok: false, error: { details: { fields: { url: ['Nothing answers at deck.example.com: the server is not running, or listens on another port.'] } } } });
    teamSession.fetchImpl = async () => ({ status: 200, headers: { get: () => null }, text: async () => '<title>Welcome to nginx!</title>' });
    expect(await call('app.connectTeamServer', { url: 'deck.example.com' })).toMatchObject({ ok: false, error: { details: { fields: { url: [expect.stringContaining('it is not a PartnerDeck team server')] } } } });
    expect(teamSession.fetched).toEqual(['https://deck.example.com/sign-in', 'https://deck.example.com/sign-in']);
    const prefsFile = join(started.dataDir, 'prefs.json');
    expect(JSON.parse(readFileSync(prefsFile, 'utf8')).teamServerUrl ?? null).toBeNull();
    expect(app.relaunchCalls).toBe(0);
    // A team server: kept in prefs.json, then the app restarts on it.
    teamSession.fetchImpl = async () => ({ status: 200, headers: { get: (name: string) => (name === 'X-PartnerDeck-Team-Server' ? '1' : null) }, text: async () => '' });
    expect(await call('app.connectTeamServer', { url: 'https://deck.example.com/sign-in' })).toEqual({ ok: true, result: { origin: 'https://deck.example.com', restarting: true } });
    await vi.waitFor(() => expect(app.relaunchCalls).toBe(1));
    expect(app.quitCalls).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(prefsFile, 'utf8')).teamServerUrl).toBe('https://deck.example.com');
    // (The fake does not quit: the tests below go on with this process; the connected start is main.team-server.test.ts.)
    app.quitCalls = 0;
    app.relaunchCalls = 0;
  });

  it('wires the menu to the window', () => {
    const connect = (Menu.applicationMenu?.template.find((m) => m.label === 'File') as { submenu: Array<{ id?: string; click?: () => void }> }).submenu.find((item) => item.id === 'connect-team-server');
    connect?.click?.();
    expect(window.webContents.sent).toContainEqual({ channel: UI_COMMAND_CHANNEL, args: [{ command: 'open-team-server' }] });
    const file = Menu.applicationMenu?.template.find((m) => m.label === 'File') as { submenu: Array<{ accelerator?: string; click?: () => void }> };
    file.submenu.find((item) => item.accelerator === 'CmdOrCtrl+K')?.click?.();
    expect(window.webContents.sent).toContainEqual({ channel: UI_COMMAND_CHANNEL, args: [{ command: 'open-switcher' }] });
  });

  it('starts local crash reports (no upload) and writes its log to the OS log folder', () => {
    expect(crashReporter.started).toMatchObject({ uploadToServer: false, submitURL: '', productName: 'PartnerDeck' });
    const logFile = join(app.getPath('logs'), 'partnerdeck.log');
    expect(readFileSync(logFile, 'utf8')).toMatch(/\[info\] +\(app\) PartnerDeck .* starting/);
    expect(readFileSync(logFile, 'utf8')).toContain(`data folder ${started.dataDir} open (demo data seeded)`);
  });

  it('has Help → Show Logs, Open Crash Reports and the update items (off without a feed)', () => {
    const help = (Menu.applicationMenu?.template.find((m) => m.label === 'Help') as { submenu: Array<{ id?: string; label?: string; enabled?: boolean; click?: () => void; submenu?: unknown[] }> }).submenu;
    help.find((item) => item.id === 'show-logs')?.click?.();
    expect(shell.shownItems).toEqual([join(app.getPath('logs'), 'partnerdeck.log')]);
    help.find((item) => item.id === 'open-crash-reports')?.click?.();
    expect(shell.openedPaths).toContain(app.getPath('crashDumps'));
    // No feed in prefs.json or PARTNERDECK_UPDATE_FEED: the item says so and cannot be used.
    expect(help.find((item) => item.id === 'updates')).toMatchObject({ label: 'Updates: not configured', enabled: false });
  });

  it('titles each window with the signed-in company and the company its address acts as, whatever the page title says', async () => {
    await vi.waitFor(() => expect(window.getTitle()).toMatch(/ — PartnerDeck$/));
    const session = (await call('session.get', {})) as { result: SessionInfo };
    expect(window.getTitle()).toBe(`${session.result.home!.name} — PartnerDeck`);
    const switcher = (await call('session.switcher', {})) as { result: Array<{ id: number; name: string; isSelf: boolean }> };
    const client = switcher.result.find((entry) => !entry.isSelf)!;
    // The page moves to the client's address (`#/c/<id>/…`): the title follows it.
    window.webContents.url = `app://partnerdeck/index.html#/c/${client.id}/store/products`;
    window.webContents.emit('did-navigate-in-page');
    await vi.waitFor(() => expect(window.getTitle()).toBe(`${session.result.home!.name} — Acting as ${client.name} — PartnerDeck`));
    window.pageTitleUpdated('Something else — PartnerDeck');
    expect(window.getTitle()).toBe(`${session.result.home!.name} — Acting as ${client.name} — PartnerDeck`);
    window.webContents.url = 'app://partnerdeck/index.html#/';
    window.webContents.emit('did-navigate-in-page');
    await vi.waitFor(() => expect(window.getTitle()).toBe(`${session.result.home!.name} — PartnerDeck`));
  });

  it('opens a client in a new window ("Open in new window"): its own address, calls and title; the first window keeps Self', async () => {
    const switcher = (await call('session.switcher', {})) as { result: Array<{ id: number; name: string; isSelf: boolean }> };
    const [a, b] = switcher.result.filter((entry) => !entry.isSelf);
    expect(await call('app.openWindow', { companyId: a.id, path: '/store/orders' })).toEqual({ ok: true, result: { opened: true } });
    expect(await call('app.openWindow', { companyId: b.id })).toEqual({ ok: true, result: { opened: true } });
    const [first, second] = FakeBrowserWindow.instances.slice(-2);
    expect(first.loadedUrl).toBe(`app://partnerdeck/index.html#/c/${a.id}/store/orders`);
    expect(second.loadedUrl).toBe(`app://partnerdeck/index.html#/c/${b.id}/`);
    expect(first.options.webPreferences).toEqual(window.options.webPreferences);
    // Each window's calls carry its own acting company, interleaved; the first window stays Self.
    const replies = (await Promise.all([
      call('session.get', {}, fakeInvokeEvent(first)).then((r) => r),
      ipcMain.invoke(IPC_INVOKE_CHANNEL, fakeInvokeEvent(second), 'session.get', {}, { acting: b.id }),
      ipcMain.invoke(IPC_INVOKE_CHANNEL, fakeInvokeEvent(first), 'session.get', {}, { acting: a.id }),
      ipcMain.invoke(IPC_INVOKE_CHANNEL, fakeInvokeEvent(window), 'session.get', {}, { acting: null }),
    ])) as Array<{ result: SessionInfo }>;
    expect(replies.slice(1).map((r) => r.result.acting?.id)).toEqual([b.id, a.id, replies[0].result.home!.id]);
    await vi.waitFor(() => expect(second.getTitle()).toContain(`Acting as ${b.name}`));
    expect(window.getTitle()).not.toContain('Acting as');
    // A company the user cannot see is refused; nothing opens.
    const count = FakeBrowserWindow.instances.length;
    expect(await call('app.openWindow', { companyId: 999_999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(FakeBrowserWindow.instances).toHaveLength(count);
    first.close();
    second.close();
    expect(FakeBrowserWindow.getAllWindows()).toEqual([window]);
  });

  it('offers Cut, Copy, Paste and Select All on a right-click in a text field, and nothing on plain page', () => {
    const flags = { canUndo: false, canRedo: false, canCut: true, canCopy: true, canPaste: true, canSelectAll: true, canDelete: true, canEditRichly: false };
    window.webContents.emit('context-menu', new FakeEvent(), { isEditable: true, selectionText: 'Contoso', editFlags: flags });
    expect(Menu.popups.at(-1)?.template.map((item) => item.role ?? item.type)).toEqual(['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'separator', 'selectAll']);
    const count = Menu.popups.length;
    window.webContents.emit('context-menu', new FakeEvent(), { isEditable: false, selectionText: '', editFlags: flags });
    expect(Menu.popups).toHaveLength(count);
  });

  it("saves the console's CSV and PDF exports through the save dialog, and cancels foreign downloads", () => {
    const csv = new FakeDownloadItem('blob:app://partnerdeck/5b1c0b0e-0000-4000-8000-000000000000', 'orders-2026-12-06.csv');
    expect(defaultSession.download(csv)).toBe(false);
    expect(csv.saveDialogOptions).toMatchObject({
      defaultPath: join(app.getPath('downloads'), 'orders-2026-12-06.csv'),
      filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }, { name: 'All files', extensions: ['*'] }],
    });
    const pdf = new FakeDownloadItem('blob:app://partnerdeck/5b1c0b0e-0000-4000-8000-000000000001', 'INV-2026-0001.pdf');
    defaultSession.download(pdf);
    expect((pdf.saveDialogOptions?.filters as Array<{ extensions: string[] }>)[0].extensions).toEqual(['pdf']);
    expect(defaultSession.download(new FakeDownloadItem('https://evil.example/setup.exe', 'setup.exe'))).toBe(true);
  });

  it('saves the window bounds in prefs.json, quits with the last window and cleans up on quit', async () => {
    window.setBounds({ x: 33, y: 44, width: 1111, height: 777 });
    window.close();
    expect(JSON.parse(readFileSync(join(started.dataDir, 'prefs.json'), 'utf8')).windowBounds).toEqual({ x: 33, y: 44, width: 1111, height: 777, maximized: false });
    expect(app.quitCalls).toBe(0);
    app.emit('window-all-closed');
    expect(app.quitCalls).toBe(process.platform === 'darwin' ? 0 : 1);
    // A second launch (or macOS's dock click) while no window is open brings one back.
    app.emit('second-instance', {}, [], '/');
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1);
    expect(FakeBrowserWindow.getAllWindows()[0]).not.toBe(window);
    app.emit('will-quit');
    expect(ipcMain.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
  });
});
