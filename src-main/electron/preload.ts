// The sandboxed preload: exposes `window.partnerdeck` (PreloadBridge plus the menu's UI commands) through
// contextBridge and nothing else. The page never sees ipcRenderer or an IpcRendererEvent, and a call
// always resolves to a CallReply, even when IPC itself fails.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_GLOBAL,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  isPushedEventShape,
  type CallEnvelope,
  type CallReply,
  type PreloadBridge,
} from '../../src-shared/api/ipc';
import { isUiCommand, UI_COMMAND_CHANNEL } from './ui-commands';

/** What `window.partnerdeck` holds in the desktop app. */
export type DesktopBridge = PreloadBridge;

type IpcRendererPart = Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>;

function isCallReply(value: unknown): value is CallReply {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** Subscribes `listener` to `channel`, passing on only payloads that pass `accept`, never the IPC event. */
function subscribe<T>(renderer: IpcRendererPart, channel: string, accept: (value: unknown) => value is T, listener: (value: T) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, value: unknown) => {
    if (accept(value)) listener(value);
  };
  renderer.on(channel, wrapped);
  return () => {
    renderer.removeListener(channel, wrapped);
  };
}

export function createDesktopBridge(renderer: IpcRendererPart): DesktopBridge {
  return {
    async invoke(method: string, input: unknown, call?: CallEnvelope): Promise<CallReply> {
      try {
        // Only the acting company crosses, as a plain value (never an object the page could extend).
        const envelope: CallEnvelope = call && call.acting !== undefined ? { acting: call.acting } : {};
        const reply: unknown = await renderer.invoke(IPC_INVOKE_CHANNEL, method, input, envelope);
        if (isCallReply(reply)) return reply;
        return { ok: false, error: { code: 'internal', message: 'The main process sent a malformed reply' } };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'internal', message: `IPC failed: ${message}` } };
      }
    },
    onEvent: (listener) => subscribe(renderer, IPC_EVENT_CHANNEL, isPushedEventShape, listener),
    onUiCommand: (listener) => subscribe(renderer, UI_COMMAND_CHANNEL, isUiCommand, listener),
  };
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createDesktopBridge(ipcRenderer));
