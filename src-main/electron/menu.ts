// The application menu: File / Edit / View / Window / Help (plus the app menu on macOS). "Switch
// company…" (CmdOrCtrl+K) and "Back to Self" (CmdOrCtrl+Shift+S) send UI commands to the renderer. Help
// shows the logs and the crash reports, and the updates: the state as the item's label (Check for Updates…,
// Checking…, Downloading 45%…, Restart to Update to 1.2.0) and the Stable / Beta channel.
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
  /** Help → Show Logs: the log file in the file manager. */
  showLogs?: () => void;
  /** Help → Open Crash Reports: the local minidump folder. */
  openCrashReports?: () => void;
  updates?: MenuUpdates;
  /** File → Connect to Team Server… / Use This Computer's PartnerDeck (team-server.ts). */
  teamServer?: MenuTeamServer;
}

export interface MenuTeamServer {
  /** The team server this profile uses (its origin), or null: this computer's embedded PartnerDeck. */
  connectedTo: string | null;
  /** Opens Settings → Team server in the console window (where the address is typed and checked). */
  connect: () => void;
  /** Forgets the team server and restarts on this computer's PartnerDeck. */
  useThisComputer: () => void;
}

/** The File menu's team server items: where this window's data comes from, and the way to the other. */
function teamServerItems(team: MenuTeamServer | undefined): MenuItemConstructorOptions[] {
  if (!team) return [];
  if (team.connectedTo === null) return [{ type: 'separator' }, { id: 'connect-team-server', label: 'Connect to Team Server…', click: () => team.connect() }];
  return [
    { id: 'team-server-connected', label: `Connected to ${new URL(team.connectedTo).host}`, enabled: false },
    { id: 'use-this-computer', label: "Use This Computer's PartnerDeck", click: () => team.useThisComputer() },
  ];
}

export interface MenuUpdates {
  /** The item's label, from the update state (updates.ts updateMenuLabel). */
  label: string;
  /** False while checking or downloading, and when no feed is configured. */
  enabled: boolean;
  channel: 'stable' | 'beta';
  /** Checks, or restarts into a downloaded update. */
  run: () => void;
  setChannel: (channel: 'stable' | 'beta') => void;
}

function helpItems(options: MenuOptions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (options.showLogs) items.push({ id: 'show-logs', label: 'Show Logs', click: () => options.showLogs?.() });
  if (options.openCrashReports) items.push({ id: 'open-crash-reports', label: 'Open Crash Reports', click: () => options.openCrashReports?.() });
  const updates = options.updates;
  if (updates) {
    items.push(
      { type: 'separator' },
      { id: 'updates', label: updates.label, enabled: updates.enabled, click: () => updates.run() },
      {
        id: 'update-channel',
        label: 'Update Channel',
        submenu: [
          { id: 'update-channel-stable', label: 'Stable', type: 'radio', checked: updates.channel === 'stable', click: () => updates.setChannel('stable') },
          { id: 'update-channel-beta', label: 'Beta', type: 'radio', checked: updates.channel === 'beta', click: () => updates.setChannel('beta') },
        ],
      },
    );
  }
  if (items.length > 0) items.push({ type: 'separator' });
  items.push({ role: 'about', label: `About ${options.appName}` });
  return items;
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
        // A team server's page has no bridge to hear the menu: its own shortcuts work there (Ctrl/Cmd+K).
        ...(options.teamServer?.connectedTo
          ? []
          : ([
              { id: 'switch-company', label: 'Switch company…', accelerator: SWITCH_COMPANY_ACCELERATOR, click: () => options.sendUiCommand('open-switcher') },
              { id: 'back-to-self', label: 'Back to Self', accelerator: BACK_TO_SELF_ACCELERATOR, click: () => options.sendUiCommand('switch-to-self') },
            ] satisfies MenuItemConstructorOptions[])),
        ...teamServerItems(options.teamServer),
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
      submenu: helpItems(options),
    },
  ];
}

export function installApplicationMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
