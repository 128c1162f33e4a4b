// "The latest answer wins" for everything the store loads: each load of a key takes a ticket, and only the
// newest ticket of that key may write its answer (or its error). A slow reply to an old filter, company or
// month never overwrites what a newer request brought, whatever order the replies arrive in.
import { failed, loading, ready, type Loadable } from './loadable';

/** Where a load writes: the loadable as it is now, and how to replace it. */
export interface LoadTarget<T> {
  get(): Loadable<T> | undefined;
  set(next: Loadable<T>): void;
}

export interface LoadOptions<T> {
  /** Drop the data shown so far while loading (another object, not a refresh of the same one). */
  fresh?: boolean;
  /** Runs with the answer right after it was written (not for an answer a newer load overtook). */
  onAnswer?(data: T): void;
}

export interface KeyedLoader {
  /** Starts a request for `key`; the returned check says whether it is still the newest one. */
  begin(key: string): () => boolean;
  /** Whether no request for `key` began after this moment (a follow-up load that must not start its own). */
  current(key: string): () => boolean;
  /**
   * Loads `run`'s answer into `target`: loading (the previous data stays on screen unless `fresh`), then
   * ready or failed — written only while no newer load of `key` began meanwhile.
   */
  load<T>(key: string, target: LoadTarget<T>, run: () => Promise<T>, options?: LoadOptions<T>): Promise<void>;
}

export function createKeyedLoader(): KeyedLoader {
  const tickets = new Map<string, number>();
  const newest = (key: string) => tickets.get(key) ?? 0;

  const loader: KeyedLoader = {
    begin(key) {
      const ticket = newest(key) + 1;
      tickets.set(key, ticket);
      return () => newest(key) === ticket;
    },

    current(key) {
      const ticket = newest(key);
      return () => newest(key) === ticket;
    },

    async load(key, target, run, options = {}) {
      const isNewest = loader.begin(key);
      const previous = () => (options.fresh ? undefined : target.get());
      target.set(loading(previous()));
      try {
        const data = await run();
        if (!isNewest()) return;
        target.set(ready(data));
        options.onAnswer?.(data);
      } catch (error) {
        if (isNewest()) target.set(failed(previous(), error));
      }
    },
  };
  return loader;
}
