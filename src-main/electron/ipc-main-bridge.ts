// The only module that touches ipcMain. It answers console calls from the renderer after checking the
// channel prefix and that the sender is the main frame of the console window on the app origin (models:
// GitHub Desktop's trusted-ipc-sender.ts, VS Code's ValidatedIpcMain), and forwards pushed events. Every
// reply is a CallReply: nothing is thrown across IPC, since Electron would keep only an error's message.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  IPC_PREFIX,
  type CallReply,
  type ConsoleTransportTarget,
} from '../../src-shared/api/contract';
import { toApiError } from '../core/errors';
import { APP_ORIGIN, isAppUrl } from './app-origin';

export interface IpcMainBridgeOptions {
  target: ConsoleTransportTarget;
  /** The console window of the moment (it can be closed and reopened on macOS). */
  getWindow: () => BrowserWindow | null;
  /** Where refused calls and unexpected errors are reported. */
  log?: (message: string, error?: unknown) => void;
}

/** Why `event` does not come from the console window's main frame on the app origin, or null if it does. */
export function untrustedSenderReason(event: IpcMainInvokeEvent, window: BrowserWindow | null): string | null {
  if (!window || window.isDestroyed()) return 'there is no console window';
  if (event.sender !== window.webContents) return 'the sender is not the console window';
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  const main = window.webContents.mainFrame;
  if (frame.parent !== null || frame.routingId !== main.routingId || frame.processId !== main.processId) {
    return 'the sender is not the main frame';
  }
  if (!isAppUrl(frame.url) || frame.origin !== APP_ORIGIN) return `the sender is not on ${APP_ORIGIN}`;
  return null;
}


/** One console call, start to reply. Exported so tests can drive it with any channel. */
export async function handleInvoke(
  channel: string,
  event: IpcMainInvokeEvent,
  method: unknown,
  input: unknown,
  options: IpcMainBridgeOptions,
): Promise<CallReply> {
  const reason = channel.startsWith(IPC_PREFIX)
    ? untrustedSenderReason(event, options.getWindow())
    : `the channel "${channel}" lacks the ${IPC_PREFIX} prefix`;
  if (reason) {
    options.log?.(`refused IPC call: ${reason}`);
    return { ok: false, error: { code: 'forbidden', message: `Call refused: ${reason}` } };
  }
  if (typeof method !== 'string') {
    return { ok: false, error: { code: 'unknown_method', message: 'The method name must be a string' } };
  }
  try {
    return { ok: true, result: await options.target.invoke(method, input) };
  } catch (error) {
    return { ok: false, error: toApiError(error, { what: method, log: options.log }).toPayload() };
  }
}

/**
 * Registers the invoke handler and the event forwarding; returns a function that undoes both. Throws when
 * asked to handle a channel without the prefix, so a wrong channel fails at start, not in use.
 */
export function registerIpcMainBridge(options: IpcMainBridgeOptions): () => void {
  const channel = IPC_INVOKE_CHANNEL;
  if (!channel.startsWith(IPC_PREFIX)) throw new Error(`IPC channel ${channel} lacks the ${IPC_PREFIX} prefix`);
  ipcMain.handle(channel, (event, method: unknown, input: unknown) => handleInvoke(channel, event, method, input, options));
  const unsubscribe = options.target.onEvent((event) => {
    const window = options.getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(channel);
  };
}

/**
 * Removes listeners that libraries put on ipcMain for channels without our prefix (electron-store adds
 * `electron-store-get-data`, which hands out the data folder path to any renderer). Returns their names.
 */
export function closeForeignIpcChannels(): string[] {
  const foreign = ipcMain.eventNames().filter((name): name is string => typeof name === 'string' && !name.startsWith(IPC_PREFIX));
  for (const name of foreign) ipcMain.removeAllListeners(name);
  return foreign;
}
