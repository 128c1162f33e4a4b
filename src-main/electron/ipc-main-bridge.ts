// The only module that touches ipcMain. It answers console calls from the renderer after checking the
// channel prefix and that the sender is the main frame of a console window on the app origin (models:
// GitHub Desktop's trusted-ipc-sender.ts, VS Code's ValidatedIpcMain), and forwards pushed events to every
// console window. Each call carries its window's acting company (the third argument, a CallEnvelope), so two
// windows act as two clients at once. Every reply is a CallReply: nothing is thrown across IPC, since
// Electron would keep only an error's message.
import { AsyncLocalStorage } from 'node:async_hooks';
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  IPC_PREFIX,
  parseCallEnvelope,
  type CallReply,
  type ConsoleTransportTarget,
} from '../../src-shared/api/contract';
import { toApiError } from '../core/errors';
import { APP_ORIGIN, isAppUrl } from './app-origin';

export interface IpcMainBridgeOptions {
  target: ConsoleTransportTarget;
  /** The console windows of the moment (one, or more with "Open in new window"; reopened on macOS). */
  getWindows: () => readonly BrowserWindow[];
  /** Where refused calls and unexpected errors are reported. */
  log?: (message: string, error?: unknown) => void;
}

/** The window whose console call is under way (through every await of that call); set by the bridge only. */
const callerWindowStore = new AsyncLocalStorage<BrowserWindow>();

/**
 * The console window that made the call under way, or null outside a call. It comes from the IPC sender, never
 * from what the renderer sends, so a window can only place embedded-app views over itself.
 */
export function callerWindow(): BrowserWindow | null {
  return callerWindowStore.getStore() ?? null;
}

/** Why `event` does not come from a console window's main frame on the app origin, or null if it does. */
export function untrustedSenderReason(event: IpcMainInvokeEvent, windows: readonly BrowserWindow[]): string | null {
  const live = windows.filter((w) => !w.isDestroyed());
  if (live.length === 0) return 'there is no console window';
  const window = live.find((w) => event.sender === w.webContents);
  if (!window) return 'the sender is not a console window';
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
  envelope?: unknown,
): Promise<CallReply> {
  const reason = channel.startsWith(IPC_PREFIX)
    ? untrustedSenderReason(event, options.getWindows())
    : `the channel "${channel}" lacks the ${IPC_PREFIX} prefix`;
  if (reason) {
    options.log?.(`refused IPC call: ${reason}`);
    return { ok: false, error: { code: 'forbidden', message: `Call refused: ${reason}` } };
  }
  if (typeof method !== 'string') {
    return { ok: false, error: { code: 'unknown_method', message: 'The method name must be a string' } };
  }
  const call = parseCallEnvelope(envelope);
  if (typeof call === 'string') return { ok: false, error: { code: 'validation_failed', message: call, details: { fields: { acting: [call] } } } };
  try {
    const sender = options.getWindows().find((w) => !w.isDestroyed() && w.webContents === event.sender)!;
    return { ok: true, result: await callerWindowStore.run(sender, () => options.target.invoke(method, input, call)) };
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
  ipcMain.handle(channel, (event, method: unknown, input: unknown, envelope: unknown) => handleInvoke(channel, event, method, input, options, envelope));
  // Every window gets every event; each keeps what concerns its own acting company (the renderer's slices).
  const unsubscribe = options.target.onEvent((event) => {
    for (const window of options.getWindows()) {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event);
    }
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
