// Every store action name is declared by one slice only: the store's `actions` is one object built from every
// slice's actions, and a plain merge once let a palette action silently replace the shop's `searchShop`.
import { describe, expect, it } from 'vitest';
import { createAppStore, mergeActions } from '../../../src-renderer/state/store';
import { RENDERER_AREAS } from '../../../src-renderer/areas';
import type { SliceContext } from '../../../src-renderer/state/slice-context';
import { baseHandlers, fakeClient } from '../../helpers/renderer-store';

describe('store action names', () => {
  it('refuses an action declared by two slices, naming both', () => {
    expect(() => mergeActions([['shopData', { searchShop: () => 1 }], ['ui', { searchShop: () => 2 }]])).toThrow(/"searchShop" is declared by both the shopData and the ui slice/);
    expect(Object.keys(mergeActions([['a', { one: () => 1 }], ['b', { two: () => 2 }]]))).toEqual(['one', 'two']);
  });

  it('are unique across every area slice, the session, ui and the store itself', () => {
    // Building the real store merges every slice (it throws on a duplicate); each action is the slice's own.
    const store = createAppStore(fakeClient(baseHandlers).client, { refreshDelayMs: 0 });
    const ctx = { set: () => undefined, get: () => store.getState(), client: fakeClient({}).client, schedule: () => undefined } as unknown as SliceContext;
    const owners = new Map<string, string[]>();
    for (const area of RENDERER_AREAS) {
      for (const [key, factory] of Object.entries(area.slices ?? {}) as [string, (c: SliceContext) => { actions: object }][]) {
        for (const name of Object.keys(factory(ctx).actions)) owners.set(name, [...(owners.get(name) ?? []), key]);
      }
    }
    const twice = [...owners].filter(([, keys]) => keys.length > 1);
    expect(twice).toEqual([]);
    for (const name of owners.keys()) expect(typeof (store.getState().actions as unknown as Record<string, unknown>)[name]).toBe('function');
  });
});
