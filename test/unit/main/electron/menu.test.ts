// The application menu: the five menus, the switcher and Back-to-Self accelerators and the UI commands
// they send, and developer tools only in unpackaged builds.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, installApplicationMenu, type MenuOptions } from '../../../../src-main/electron/menu';
import { sendUiCommand, UI_COMMAND_CHANNEL } from '../../../../src-main/electron/ui-commands';
import { FakeBrowserWindow, Menu, resetElectronFake } from '../../../fakes/electron-fake';

vi.mock('electron', () => import('../../../fakes/electron-fake'));

beforeEach(() => resetElectronFake());

function options(overrides: Partial<MenuOptions> = {}): MenuOptions & { commands: string[]; opened: number } {
  const state = { commands: [] as string[], opened: 0 };
  return Object.assign(state, {
    appName: 'PartnerDeck',
    platform: 'linux' as NodeJS.Platform,
    isPackaged: true,
    sendUiCommand: (command: string) => state.commands.push(command),
    openDataFolder: () => state.opened++,
    ...overrides,
  });
}

function allItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])]);
}
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as unknown as () => void)();

describe('application menu', () => {
  it('has File, Edit, View, Window and Help (and the app menu on macOS)', () => {
    expect(buildMenuTemplate(options()).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(buildMenuTemplate(options({ platform: 'darwin' })).map((m) => m.label)).toEqual(['PartnerDeck', 'File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('opens the switcher with CmdOrCtrl+K and goes back to Self with CmdOrCtrl+Shift+S', () => {
    const opts = options();
    const items = allItems(buildMenuTemplate(opts));
    const switcher = items.find((item) => item.accelerator === 'CmdOrCtrl+K');
    const self = items.find((item) => item.accelerator === 'CmdOrCtrl+Shift+S');
    expect(switcher?.label).toBe('Switch company…');
    expect(self?.label).toBe('Back to Self');
    click(switcher);
    click(self);
    expect(opts.commands).toEqual(['open-switcher', 'switch-to-self']);
    click(items.find((item) => item.id === 'open-data-folder'));
    expect(opts.opened).toBe(1);
  });

  it('offers developer tools only in unpackaged builds', () => {
    const has = (isPackaged: boolean) => allItems(buildMenuTemplate(options({ isPackaged }))).some((item) => item.role === 'toggleDevTools');
    expect(has(true)).toBe(false);
    expect(has(false)).toBe(true);
  });

  it('is installed as the application menu', () => {
    installApplicationMenu(options());
    expect(Menu.applicationMenu?.template.map((m) => m.label)).toContain('Help');
  });

  it('delivers UI commands to the window page, and not to a closed window', () => {
    const window = new FakeBrowserWindow();
    type Window = Parameters<typeof sendUiCommand>[0];
    sendUiCommand(window as unknown as Window, 'open-switcher');
    expect(window.webContents.sent).toEqual([{ channel: UI_COMMAND_CHANNEL, args: [{ command: 'open-switcher' }] }]);
    expect(UI_COMMAND_CHANNEL).toBe('partnerdeck:ui');
    window.destroy();
    sendUiCommand(window as unknown as Window, 'switch-to-self');
    expect(window.webContents.sent).toHaveLength(1);
  });
});
