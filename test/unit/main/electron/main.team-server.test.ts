// A profile connected to a team server (prefs.json `teamServerUrl`), started against the electron fake: the one
// window shows the server with no preload and its own partition, the title names it, this computer's platform is
// not opened, and File → "Use This Computer's PartnerDeck" forgets the server and restarts (the embedded core
// starts again). (main.ts runs once per test file, hence a file of its own.)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../../../../src-shared/api/contract';
import { LOCKED_DOWN_WEB_PREFERENCES } from '../../../../src-main/electron/window-security';
import { FakeBrowserWindow, FakeEvent, Menu, app, dialog, fakeInvokeEvent, ipcMain } from '../../../fakes/electron-fake';
import { startMainProcess } from '../../../helpers/electron-main';

vi.mock('electron', async () => {
  const fake = await import('../../../fakes/electron-fake');
  return { ...fake, default: fake };
});
vi.mock('electron-updater', async () => ({ autoUpdater: (await import('../../../fakes/electron-fake')).fakeAutoUpdater }));

const started = startMainProcess('pd-main-team-', {
  prepare(dataDir) {
    writeFileSync(join(dataDir, 'prefs.json'), JSON.stringify({ teamServerUrl: 'https://deck.example.com', theme: 'dark' }), { mode: 0o600 });
  },
  until: () => expect(FakeBrowserWindow.instances).toHaveLength(1),
  timeout: 10_000,
  setupTimeout: 30_000,
});

const fileMenu = () => (Menu.applicationMenu?.template.find((m) => m.label === 'File') as { submenu: Array<{ id?: string; label?: string; enabled?: boolean; click?: () => void }> }).submenu;

describe('a profile connected to a team server', () => {
  it('opens one window on the server: no preload, the locked-down preferences, its own partition, the title naming it', () => {
    const [window] = FakeBrowserWindow.instances;
    expect(window.loadedUrl).toBe('https://deck.example.com/');
    expect(window.options.webPreferences).toEqual({ ...LOCKED_DOWN_WEB_PREFERENCES, partition: 'persist:team-deck.example.com' });
    expect(window.title).toBe('Team server deck.example.com — PartnerDeck');
  });

  it("leaves this computer's platform closed: no database opened, no console bridge", async () => {
    expect(existsSync(join(started.dataDir, 'partnerdeck.sqlite'))).toBe(false);
    const [window] = FakeBrowserWindow.instances;
    await expect(ipcMain.invoke(IPC_INVOKE_CHANNEL, fakeInvokeEvent(window), 'session.get', {})).rejects.toThrow(/No handler registered/);
  });

  it('says in the File menu which server is used, without the console-only items', () => {
    const items = fileMenu();
    expect(items.find((item) => item.id === 'team-server-connected')).toMatchObject({ label: 'Connected to deck.example.com', enabled: false });
    expect(items.find((item) => item.id === 'switch-company')).toBeUndefined();
    expect(items.find((item) => item.id === 'connect-team-server')).toBeUndefined();
  });

  it('asks what to do when the server does not answer: Try Again loads it again', async () => {
    const [window] = FakeBrowserWindow.instances;
    const loads = vi.spyOn(window, 'loadURL');
    dialog.messageBoxResponse = 0;
    window.webContents.emit('did-fail-load', new FakeEvent(), -102, 'ERR_CONNECTION_REFUSED', 'https://deck.example.com/', true);
    await vi.waitFor(() => expect(dialog.messageBoxes).toHaveLength(1));
    expect(dialog.messageBoxes[0].options).toMatchObject({ message: 'The team server deck.example.com did not answer.', buttons: ['Try Again', "Use This Computer's PartnerDeck", 'Close'] });
    expect(String(dialog.messageBoxes[0].options.detail)).toContain('Nothing answers at deck.example.com');
    await vi.waitFor(() => expect(loads).toHaveBeenCalledWith('https://deck.example.com/'));
  });

  it("File → Use This Computer's PartnerDeck forgets the server and restarts on the embedded core", () => {
    expect(app.relaunchCalls).toBe(0);
    fileMenu().find((item) => item.id === 'use-this-computer')!.click!();
    expect(app.relaunchCalls).toBe(1);
    expect(app.quitCalls).toBe(1);
    const prefs = JSON.parse(readFileSync(join(started.dataDir, 'prefs.json'), 'utf8')) as Record<string, unknown>;
    expect(prefs.teamServerUrl).toBeNull();
    expect(prefs.theme).toBe('dark');
  });
});
