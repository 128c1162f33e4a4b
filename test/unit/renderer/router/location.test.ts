// The window's address (router/location.ts): the acting company in the hash, and history entries with an index
// so a refused Back returns to the entry the screen shows.
import { describe, expect, it } from 'vitest';
import { joinHash, splitHash } from '../../../../src-shared/api/acting-address';
import { createAddressBar } from '../../../../src-renderer/router/location';

describe('the acting company in the address', () => {
  it('splits and joins #/c/<id>/<screen>; Self has no prefix', () => {
    expect(splitHash('#/c/42/store/products?q=x')).toEqual({ acting: 42, path: '/store/products?q=x' });
    expect(splitHash('#/c/42')).toEqual({ acting: 42, path: '/' });
    expect(splitHash('#/c/42?x=1')).toEqual({ acting: 42, path: '/?x=1' });
    expect(splitHash('#/companies/12')).toEqual({ acting: null, path: '/companies/12' });
    expect(splitHash('')).toEqual({ acting: null, path: '/' });
    // Not a company id: an ordinary (unknown) path, never an acting company.
    for (const hash of ['#/c/0/x', '#/c/abc/x', '#/c/-1/x', '#/c/1e3/x', '#/cx/4/x']) expect(splitHash(hash).acting).toBeNull();
    expect(joinHash(42, '/store/products')).toBe('#/c/42/store/products');
    expect(joinHash(42, '/')).toBe('#/c/42/');
    expect(joinHash(null, '/sales')).toBe('#/sales');
    for (const hash of ['#/c/42/store/orders/7', '#/sales/clients', '#/c/9/']) expect(joinHash(splitHash(hash).acting, splitHash(hash).path)).toBe(hash);
  });
});

/** A window's location and history, as far as the address bar uses them. */
function fakeWindow(start: string) {
  const entries: Array<{ hash: string; state: unknown }> = [{ hash: start, state: null }];
  let at = 0;
  const listeners = new Set<() => void>();
  const fire = () => listeners.forEach((l) => l());
  const win = {
    location: {
      get hash() {
        return entries[at].hash;
      },
    },
    history: {
      get state() {
        return entries[at].state;
      },
      pushState(state: unknown, _u: string, url?: string) {
        entries.splice(at + 1);
        entries.push({ hash: url ?? entries[at].hash, state });
        at += 1;
      },
      replaceState(state: unknown, _u: string, url?: string) {
        entries[at] = { hash: url ?? entries[at].hash, state };
      },
      go(delta: number) {
        at += delta;
        fire();
      },
    },
    addEventListener: (_t: 'hashchange', l: () => void) => listeners.add(l),
    removeEventListener: (_t: 'hashchange', l: () => void) => listeners.delete(l),
  };
  return { win, back: () => win.history.go(-1), typed(hash: string) {
    entries.splice(at + 1);
    entries.push({ hash, state: null });
    at += 1;
    fire();
  } };
}

describe('the address bar', () => {
  it('follows Back at once when nothing is in the way', () => {
    const { win, back } = fakeWindow('#/');
    const bar = createAddressBar(win);
    bar.go('#/c/4/store/dashboard');
    expect(bar.shown()).toBe('#/c/4/store/dashboard');
    back();
    expect(bar.shown()).toBe('#/');
  });

  it('asks before Back leaves unsaved work; "stay" returns to the entry and keeps the screen', async () => {
    const { win, back, typed } = fakeWindow('#/sales');
    const bar = createAddressBar(win);
    bar.go('#/c/4/store/products/new');
    let answer = false;
    let asked = 0;
    bar.setLeaveCheck(async () => {
      asked += 1;
      return answer;
    });
    back();
    expect(bar.shown()).toBe('#/c/4/store/products/new'); // not yet: the question is open
    await Promise.resolve();
    await Promise.resolve();
    expect(asked).toBe(1);
    expect(win.location.hash).toBe('#/c/4/store/products/new');
    expect(bar.shown()).toBe('#/c/4/store/products/new');
    // A typed address is asked about too; leaving this time.
    answer = true;
    typed('#/companies');
    await Promise.resolve();
    await Promise.resolve();
    expect(asked).toBe(2);
    expect(bar.shown()).toBe('#/companies');
  });
});
