// Commands the menu sends to the renderer (open the company switcher, go back to Self). They travel on
// their own pushed channel next to the console's events; the preload exposes them as `onUiCommand`.
// The names and the channel are part of the shared IPC contract (src-shared/api/ipc.ts).
import type { BrowserWindow } from 'electron';
import { UI_COMMAND_CHANNEL, type UiCommand, type UiCommandName } from '../../src-shared/api/ipc';

export { isUiCommand, UI_COMMAND_CHANNEL, UI_COMMANDS, type UiCommand, type UiCommandName } from '../../src-shared/api/ipc';

/** Sends a command to the window's page, if the window is still there. */
export function sendUiCommand(window: BrowserWindow | null | undefined, command: UiCommandName): void {
  if (!window || window.isDestroyed()) return;
  const payload: UiCommand = { command };
  window.webContents.send(UI_COMMAND_CHANNEL, payload);
}
