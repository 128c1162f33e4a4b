// The IPC bridge: calls run only from the console window's main frame on app://partnerdeck and on a
// prefixed channel; refused and failed calls come back as {ok:false,error:{code,message,details}}, never
// as a throw; pushed events reach the window.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type ConsoleTransportTarget, type PushedEvent } from '../../../src-shared/api/contract';
import { ApiError } from '../../../src-shared/api/errors';
import { callerWindow, closeForeignIpcChannels, handleInvoke, registerIpcMainBridge, untrustedSenderReason } from '../../../src-main/electron/ipc-main-bridge';
import { FakeBrowserWindow, FakeWebContents, FakeWebFrameMain, fakeInvokeEvent, ipcMain, resetElectronFake } from '../../fakes/electron-fake';

vi.mock('electron', () => import('../../fakes/electron-fake'));

type Event = Parameters<typeof untrustedSenderReason>[0];
type Window = Parameters<typeof untrustedSenderReason>[1][number];

function fakeConsole(impl: (method: string, input: unknown, call?: unknown) => Promise<unknown> = async (method, input) => ({ method, input })) {
  const listeners = new Set<(event: PushedEvent) => void>();
  const invoke = vi.fn(impl);
  const target: ConsoleTransportTarget = {
    invoke,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { target, invoke, push: (event: PushedEvent) => listeners.forEach((l) => l(event)), listeners };
}

let window: FakeBrowserWindow;
beforeEach(() => {
  resetElectronFake();
  window = new FakeBrowserWindow();
});

function setup(impl?: Parameters<typeof fakeConsole>[0]) {
  const consoleFake = fakeConsole(impl);
  const log = vi.fn();
  const dispose = registerIpcMainBridge({ target: consoleFake.target, getWindows: () => [window as unknown as Window], log });
  const call = (event: ReturnType<typeof fakeInvokeEvent>, method: unknown, input: unknown) => ipcMain.invoke(IPC_INVOKE_CHANNEL, event, method, input);
  return { ...consoleFake, dispose, call, log };
}

describe('ipc main bridge', () => {
  it('runs a call from the console window and replies {ok:true,result}', async () => {
    const { call, invoke } = setup();
    const reply = await call(fakeInvokeEvent(window), 'session.get', {});
    expect(reply).toEqual({ ok: true, result: { method: 'session.get', input: {} } });
    expect(invoke).toHaveBeenCalledWith('session.get', {}, {});
  });

  it("passes each window's acting company to the console; two console windows, each with its own", async () => {
    const second = new FakeBrowserWindow();
    const consoleFake = fakeConsole();
    registerIpcMainBridge({ target: consoleFake.target, getWindows: () => [window, second] as unknown as Window[] });
    const call = (w: FakeBrowserWindow, envelope: unknown) => ipcMain.invoke(IPC_INVOKE_CHANNEL, fakeInvokeEvent(w), 'session.get', {}, envelope);
    expect(await call(window, { acting: 7 })).toMatchObject({ ok: true });
    expect(await call(second, { acting: null })).toMatchObject({ ok: true });
    expect(consoleFake.invoke.mock.calls.map((c) => c[2])).toEqual([{ acting: 7 }, { acting: null }]);
    // A malformed acting company is refused before the console is asked.
    for (const bad of [{ acting: 0 }, { acting: '7' }, { acting: 1.5 }, [7], 'self']) {
      expect(await call(second, bad)).toMatchObject({ ok: false, error: { code: 'validation_failed', details: { fields: { acting: [expect.any(String)] } } } });
    }
    expect(consoleFake.invoke).toHaveBeenCalledTimes(2);
    // Pushed events reach every console window (each keeps what concerns its own company).
    consoleFake.push({ name: 'outbox.added', payload: { messageId: 1 } });
    expect(window.webContents.sent).toHaveLength(1);
    expect(second.webContents.sent).toHaveLength(1);
  });

  it('knows which window made the call under way, through its awaits (from the sender, not from the envelope)', async () => {
    const second = new FakeBrowserWindow();
    const seen: unknown[] = [];
    const consoleFake = fakeConsole(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(callerWindow());
      return null;
    });
    registerIpcMainBridge({ target: consoleFake.target, getWindows: () => [window, second] as unknown as Window[] });
    await Promise.all([
      ipcMain.invoke(IPC_INVOKE_CHANNEL, fakeInvokeEvent(second), 'embeddedApps.open', {}, { acting: 3, window: 1 }),
      ipcMain.invoke(IPC_INVOKE_CHANNEL, fakeInvokeEvent(window), 'embeddedApps.open', {}, {}),
    ]);
    expect(seen).toEqual([second, window]);
    expect(callerWindow()).toBeNull();
  });

  it('refuses a channel without the prefix, and does not call the console', async () => {
    const { target, invoke } = fakeConsole();
    const reply = await handleInvoke('invoke', fakeInvokeEvent(window) as unknown as Event, 'session.get', {}, {
      target,
      getWindows: () => [window as unknown as Window],
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses a sub-frame, a foreign origin, another window, a vanished frame; the console is never called', async () => {
    const { call, invoke, log } = setup();
    const main = window.webContents.mainFrame;
    const other = new FakeBrowserWindow();
    const cases: Array<[string, ReturnType<typeof fakeInvokeEvent>]> = [
      ['sub-frame', fakeInvokeEvent(window, new FakeWebFrameMain('app://partnerdeck/frame.html', 'app://partnerdeck', main))],
      ['sub-frame claiming the main frame ids', fakeInvokeEvent(window, new FakeWebFrameMain(main.url, main.origin, main, main.processId, main.routingId))],
      ['frame of another process', fakeInvokeEvent(window, new FakeWebFrameMain(main.url, main.origin, null, 99, main.routingId))],
      ['foreign URL', fakeInvokeEvent(window, new FakeWebFrameMain('https://evil.example/', 'https://evil.example', null, main.processId, main.routingId))],
      ['foreign origin with app URL', fakeInvokeEvent(window, new FakeWebFrameMain(main.url, 'null', null, main.processId, main.routingId))],
      ['another window', fakeInvokeEvent(other)],
      ['a lookalike web contents', fakeInvokeEvent(window, main, new FakeWebContents())],
      ['frame gone', fakeInvokeEvent(window, null)],
    ];
    for (const [name, event] of cases) {
      const reply = await call(event, 'session.get', {});
      expect(reply, name).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Call refused') } });
    }
    expect(invoke).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(cases.length);
  });

  it('refuses calls once the window is gone', async () => {
    const { call, invoke } = setup();
    const event = fakeInvokeEvent(window);
    window.destroy();
    expect(await call(event, 'session.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('passes ApiErrors across as {code,message,details}', async () => {
    const { call } = setup(async () => {
      throw ApiError.validation({ email: ['is not a valid email address'] });
    });
    expect(await call(fakeInvokeEvent(window), 'users.create', { email: 'x' })).toEqual({
      ok: false,
      error: { code: 'validation_failed', message: 'Email is not a valid email address', details: { fields: { email: ['is not a valid email address'] } } },
    });
  });

  it('turns any other failure into an internal error without leaking its message', async () => {
    const { call, log } = setup(async () => {
      throw new Error('SQLITE_CORRUPT at /home/me/secret/path');
    });
    const reply = await call(fakeInvokeEvent(window), 'companies.list', {});
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'companies.list failed unexpectedly (an internal error; the details are in the log).' } });
    expect(JSON.stringify(reply)).not.toContain('secret');
    expect(log).toHaveBeenCalledWith('companies.list failed unexpectedly', expect.objectContaining({ message: 'SQLITE_CORRUPT at /home/me/secret/path' }));
  });

  it('refuses a method name that is not a string', async () => {
    const { call, invoke } = setup();
    expect(await call(fakeInvokeEvent(window), { toString: () => 'x' }, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('forwards pushed events to the window, and stops after dispose', () => {
    const { push, dispose, listeners } = setup();
    const event: PushedEvent = { name: 'company.created', payload: { companyId: 7 } };
    push(event);
    expect(window.webContents.sent).toEqual([{ channel: IPC_EVENT_CHANNEL, args: [event] }]);
    dispose();
    expect(listeners.size).toBe(0);
    expect(ipcMain.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
  });

  it('does not send to a destroyed window', () => {
    const { push } = setup();
    const contents = window.webContents;
    window.destroy();
    push({ name: 'outbox.added', payload: { messageId: 1 } });
    expect(contents.sent).toEqual([]);
  });

  it('explains why a sender is untrusted', () => {
    expect(untrustedSenderReason(fakeInvokeEvent(window) as unknown as Event, [window as unknown as Window])).toBeNull();
    expect(untrustedSenderReason(fakeInvokeEvent(window) as unknown as Event, [])).toBe('there is no console window');
    expect(untrustedSenderReason(fakeInvokeEvent(new FakeBrowserWindow()) as unknown as Event, [window as unknown as Window])).toBe('the sender is not a console window');
  });

  it('closes unprefixed channels that libraries opened on ipcMain', () => {
    ipcMain.on('electron-store-get-data', () => undefined);
    ipcMain.on('partnerdeck:other', () => undefined);
    expect(closeForeignIpcChannels()).toEqual(['electron-store-get-data']);
    expect(ipcMain.eventNames()).toEqual(['partnerdeck:other']);
  });
});
