// The preload: exposes exactly one object through contextBridge, whose calls always resolve to a
// CallReply and whose listeners never receive the IpcRendererEvent.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type PushedEvent } from '../../../../src-shared/api/contract';
import type { DesktopBridge } from '../../../../src-main/electron/preload';
import { UI_COMMAND_CHANNEL } from '../../../../src-main/electron/ui-commands';
import { contextBridge, ipcRenderer } from '../../../fakes/electron-fake';

vi.mock('electron', () => import('../../../fakes/electron-fake'));

let bridge: DesktopBridge;
beforeAll(async () => {
  await import('../../../../src-main/electron/preload');
  bridge = contextBridge.exposed.get(BRIDGE_GLOBAL) as DesktopBridge;
});
beforeEach(() => ipcRenderer.reset());

describe('preload', () => {
  it('exposes only the bridge, with only invoke, onEvent and onUiCommand', () => {
    expect([...contextBridge.exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent', 'onUiCommand']);
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
  });

  it('invokes on the prefixed channel and returns the reply', async () => {
    ipcRenderer.invokeImpl = async (_channel, method, input, envelope) => ({ ok: true, result: { method, input, envelope } });
    expect(await bridge.invoke('companies.get', { companyId: 3 })).toEqual({ ok: true, result: { method: 'companies.get', input: { companyId: 3 }, envelope: {} } });
    // The window's acting company crosses as a plain value; nothing else of the object does.
    const call = { acting: 5, extra: 'x' } as unknown as { acting: number };
    expect(await bridge.invoke('companies.get', { companyId: 5 }, call)).toMatchObject({ result: { envelope: { acting: 5 } } });
    expect(await bridge.invoke('session.get', {}, { acting: null })).toMatchObject({ result: { envelope: { acting: null } } });
    expect(ipcRenderer.invocations[0]).toEqual({ channel: IPC_INVOKE_CHANNEL, args: ['companies.get', { companyId: 3 }, {}] });
    expect(ipcRenderer.invocations[1].args[2]).toEqual({ acting: 5 });
  });

  it('never rejects: an IPC failure or a malformed reply becomes an error reply', async () => {
    ipcRenderer.invokeImpl = () => Promise.reject(new Error("Error invoking remote method 'partnerdeck:invoke': boom"));
    expect(await bridge.invoke('session.get', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('boom') } });
    ipcRenderer.invokeImpl = async () => 'not a reply';
    expect(await bridge.invoke('session.get', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('passes on pushed events without the IPC event, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = bridge.onEvent((...args) => seen.push(args));
    const event: PushedEvent = { name: 'session.changed', payload: { user: null } as unknown as PushedEvent<'session.changed'>['payload'] };
    ipcRenderer.deliver(IPC_EVENT_CHANNEL, event);
    // Only the shape of a pushed event (a noun.verb name, an object payload) crosses; the preload does not carry
    // the catalogue (it would bring zod into the sandboxed bundle), the renderer ignores names it does not know.
    for (const malformed of [{ name: 'not.an.event', payload: {} }, { name: 'order.created' }, { name: 42, payload: {} }, 'order.created', null]) {
      ipcRenderer.deliver(IPC_EVENT_CHANNEL, malformed);
    }
    expect(seen).toEqual([[event]]);
    off();
    ipcRenderer.deliver(IPC_EVENT_CHANNEL, event);
    expect(seen).toHaveLength(1);
    expect(ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('passes on known UI commands only', () => {
    const seen: unknown[][] = [];
    const off = bridge.onUiCommand((...args) => seen.push(args));
    ipcRenderer.deliver(UI_COMMAND_CHANNEL, { command: 'open-switcher' });
    ipcRenderer.deliver(UI_COMMAND_CHANNEL, { command: 'rm -rf' });
    ipcRenderer.deliver(UI_COMMAND_CHANNEL, { command: 'switch-to-self' });
    expect(seen).toEqual([[{ command: 'open-switcher' }], [{ command: 'switch-to-self' }]]);
    off();
    expect(ipcRenderer.listenerCount(UI_COMMAND_CHANNEL)).toBe(0);
  });
});
