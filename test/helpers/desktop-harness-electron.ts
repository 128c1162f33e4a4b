// The `electron` module as the desktop harness gives it to the main-side code it runs (vi.mock('electron') in
// test/e2e/desktop-harness.test.ts): an `ipcMain` with Electron's handle/removeHandler rules, and `protocol`
// (registration only: the harness calls the handler itself, through Playwright's routing). Nothing else of
// Electron's main process is needed by ipc-main-bridge.ts and app-protocol.ts; anything else fails loudly.

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

export class HarnessIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  private readonly listeners = new Map<string, Array<(...args: unknown[]) => void>>();

  handle(channel: string, handler: InvokeHandler): void {
    // Electron: "Attempted to register a second handler for '<channel>'".
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  on(channel: string, listener: (...args: unknown[]) => void): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }

  eventNames(): string[] {
    return [...this.listeners.keys()];
  }

  removeAllListeners(channel?: string): this {
    if (channel === undefined) this.listeners.clear();
    else this.listeners.delete(channel);
    return this;
  }
}

export const harnessIpcMain = new HarnessIpcMain();

export const harnessElectron = {
  ipcMain: harnessIpcMain,
  protocol: {
    registerSchemesAsPrivileged(): void {},
    handle(): void {},
  },
};
