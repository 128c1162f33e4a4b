// The application menu: File / Edit / View / Window / Help (plus the app menu on macOS). "Switch
// company…" (CmdOrCtrl+K) and "Back to Self" (CmdOrCtrl+Shift+S) send UI commands to the renderer.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { UiCommandName } from './ui-commands';

export const SWITCH_COMPANY_ACCELERATOR = 'CmdOrCtrl+K';
export const BACK_TO_SELF_ACCELERATOR = 'CmdOrCtrl+Shift+S';

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Developer tools only in unpackaged builds. */
  isPackaged: boolean;
  sendUiCommand: (command: UiCommandName) => void;
  openDataFolder: () => void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: options.appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  return [
    ...appMenu,
    {
      label: 'File',
      submenu: [
        { id: 'switch-company', label: 'Switch company…', accelerator: SWITCH_COMPANY_ACCELERATOR, click: () => options.sendUiCommand('open-switcher') },
        { id: 'back-to-self', label: 'Back to Self', accelerator: BACK_TO_SELF_ACCELERATOR, click: () => options.sendUiCommand('switch-to-self') },
        { type: 'separator' },
        { id: 'open-data-folder', label: 'Open data folder', click: () => options.openDataFolder() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(options.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Window', role: 'windowMenu' },
    {
      label: 'Help',
      role: 'help',
      submenu: [{ role: 'about', label: `About ${options.appName}` }],
    },
  ];
}

export function installApplicationMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
