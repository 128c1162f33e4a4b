// The keyed loader: the newest request of a key writes its answer, whatever order the replies arrive in;
// older answers and errors are dropped; keys are independent; a refresh keeps the data on screen.
import { describe, expect, it } from 'vitest';
import { createKeyedLoader, type LoadTarget } from '../../../../src-renderer/state/keyed-loader';
import type { Loadable } from '../../../../src-renderer/state/loadable';

/** A promise resolved or rejected from outside. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function slot<T>(): LoadTarget<T> & { value: Loadable<T> | undefined; history: Loadable<T>[] } {
  const s = {
    value: undefined as Loadable<T> | undefined,
    history: [] as Loadable<T>[],
    get: () => s.value,
    set: (next: Loadable<T>) => {
      s.value = next;
      s.history.push(next);
    },
  };
  return s;
}

describe('the keyed loader', () => {
  it('keeps the newest answer when an older reply arrives last', async () => {
    const loader = createKeyedLoader();
    const target = slot<string>();
    const first = deferred<string>();
    const second = deferred<string>();
    const a = loader.load('list', target, () => first.promise);
    const b = loader.load('list', target, () => second.promise);
    second.resolve('new filter');
    await b;
    first.resolve('old filter');
    await a;
    expect(target.value).toEqual({ status: 'ready', data: 'new filter', error: null, refreshing: false });
    expect(target.history.some((l) => l.data === 'old filter')).toBe(false);
  });

  it('drops an older request’s error after a newer answer', async () => {
    const loader = createKeyedLoader();
    const target = slot<number>();
    const first = deferred<number>();
    const a = loader.load('n', target, () => first.promise);
    await loader.load('n', target, async () => 2);
    first.reject(new Error('the old request failed'));
    await a;
    expect(target.value).toMatchObject({ status: 'ready', data: 2, error: null });
  });

  it('lets the newest request’s error through, keeping the data shown so far', async () => {
    const loader = createKeyedLoader();
    const target = slot<number>();
    await loader.load('n', target, async () => 1);
    await loader.load('n', target, async () => {
      throw new Error('console is down');
    });
    expect(target.value).toEqual({ status: 'ready', data: 1, error: 'console is down', refreshing: false });
  });

  it('treats keys independently: a company’s answer is not dropped by another company’s request', async () => {
    const loader = createKeyedLoader();
    const one = slot<string>();
    const two = slot<string>();
    const slow = deferred<string>();
    const a = loader.load('users:1', one, () => slow.promise);
    await loader.load('users:2', two, async () => 'users of 2');
    slow.resolve('users of 1');
    await a;
    expect(one.value?.data).toBe('users of 1');
    expect(two.value?.data).toBe('users of 2');
  });

  it('shows loading: a refresh keeps the previous data, a fresh load (another object) drops it', async () => {
    const loader = createKeyedLoader();
    const target = slot<string>();
    await loader.load('doc', target, async () => 'document 1');
    const refresh = deferred<string>();
    const r = loader.load('doc', target, () => refresh.promise);
    expect(target.value).toEqual({ status: 'ready', data: 'document 1', error: null, refreshing: true });
    refresh.resolve('document 1 again');
    await r;
    const other = deferred<string>();
    const o = loader.load('doc', target, () => other.promise, { fresh: true });
    expect(target.value).toEqual({ status: 'loading', data: null, error: null, refreshing: false });
    other.reject(new Error('not found'));
    await o;
    expect(target.value).toEqual({ status: 'error', data: null, error: 'not found', refreshing: false });
  });

  it('runs onAnswer with the written answer only, never with one a newer load overtook', async () => {
    const loader = createKeyedLoader();
    const target = slot<string>();
    const seen: string[] = [];
    const slow = deferred<string>();
    const a = loader.load('overview', target, () => slow.promise, { onAnswer: (data) => seen.push(data) });
    await loader.load('overview', target, async () => 'newer', { onAnswer: (data) => seen.push(data) });
    slow.resolve('older');
    await a;
    expect(seen).toEqual(['newer']);
  });

  it('begin() makes earlier checks stale; current() watches without starting a request', () => {
    const loader = createKeyedLoader();
    const first = loader.begin('log');
    const follower = loader.current('log');
    expect(first()).toBe(true);
    expect(follower()).toBe(true);
    const second = loader.begin('log');
    expect(first()).toBe(false);
    expect(follower()).toBe(false);
    expect(second()).toBe(true);
    expect(loader.current('other')()).toBe(true);
  });
});
