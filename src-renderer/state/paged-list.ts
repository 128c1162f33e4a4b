// A server-paged list in the store: the filter, the total the filter matches, and the pages loaded so far
// (sparse: a virtualized table of 100,000 rows loads only the pages it scrolls past, so jumping to the end
// fetches the last page, not everything before it). A new filter keeps the previous rows on screen until
// its first page arrives; a refresh reloads the pages in view. At most MAX_PAGES pages stay in memory.
import type { Page } from '../../src-shared/api/shop-types';
import { messageOf } from './loadable';

export const PAGE_SIZE = 100;
export const MAX_PAGES = 40;

export interface PagedList<T, F, M = null> {
  /** The company whose data this is (null: not company-bound, e.g. the combined view). */
  companyId: number | null;
  filter: F;
  /** The filter (and company) the pages belong to; differs from the filter's key while a new one loads. */
  key: string | null;
  /** The filter the rows and the total on screen belong to (the count says "matching" only for it). */
  shownFilter: F | null;
  total: number | null;
  pages: Record<number, T[]>;
  /** What the last page reply carried besides its rows (e.g. totals per currency). */
  meta: M | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** Loading a new filter or a refresh while the previous rows stay visible. */
  refreshing: boolean;
}

export function emptyList<T, F, M = null>(filter: F, companyId: number | null = null): PagedList<T, F, M> {
  return { companyId, filter, key: null, shownFilter: null, total: null, pages: {}, meta: null, status: 'idle', error: null, refreshing: false };
}

export function rowAt<T>(list: Pick<PagedList<T, unknown, unknown>, 'pages'>, index: number): T | undefined {
  return list.pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
}

/** Every row loaded, in order (for small lists such as pickers). */
export function loadedRows<T>(list: Pick<PagedList<T, unknown, unknown>, 'pages'>): T[] {
  return Object.keys(list.pages)
    .map(Number)
    .sort((a, b) => a - b)
    .flatMap((p) => list.pages[p]);
}

export function listKey(companyId: number | null, filter: unknown): string {
  return JSON.stringify([companyId, filter]);
}

export interface PagedLoader<F> {
  /** Makes sure the rows from..to (inclusive) are loaded or loading. */
  load(from: number, to: number): void;
  /** Changes the filter and loads its first page (the old rows stay until it arrives). */
  setFilter(change: Partial<F>): void;
  /** Replaces the filter and company (a list opened for another company starts afresh). */
  reset(filter: F, companyId: number | null): void;
  /** Reloads the pages last asked for (after a change or a pushed event). */
  refresh(): Promise<void>;
  /** Loads the first page if the list holds nothing for its current filter. */
  open(companyId: number | null): void;
}

export interface PagedLoaderOptions<T, F, M, R extends Page<T>> {
  get(): PagedList<T, F, M>;
  set(list: PagedList<T, F, M>): void;
  fetch(filter: F, companyId: number | null, offset: number, limit: number): Promise<R>;
  /** What of the reply to keep besides the rows. */
  meta?(reply: R): M;
}

export function createPagedLoader<T, F, M = null, R extends Page<T> = Page<T>>(options: PagedLoaderOptions<T, F, M, R>): PagedLoader<F> {
  const inflight = new Set<string>();
  let lastRange: [number, number] = [0, PAGE_SIZE - 1];
  let generation = 0;

  const update = (change: (list: PagedList<T, F, M>) => Partial<PagedList<T, F, M>>) => {
    const list = options.get();
    options.set({ ...list, ...change(list) });
  };
  /** Whether a reply still belongs to what the list shows (no newer filter, company or refresh since). */
  const current = (gen: number, key: string) => {
    const now = options.get();
    return gen === generation && listKey(now.companyId, now.filter) === key;
  };
  /** Pages in, for the key (and so the filter in force) they were asked for. */
  const settle = (key: string, pages: Record<number, T[]>, reply: R) =>
    update((l) => ({ key, shownFilter: l.filter, pages, total: reply.total, meta: options.meta ? options.meta(reply) : l.meta, status: 'ready', error: null, refreshing: false }));
  /** A failure keeps the rows there are (and says so); without rows it is the list's state. */
  const fail = (error: unknown) =>
    update((l) => (l.key !== null && l.total !== null ? { status: 'ready', error: messageOf(error), refreshing: false } : { status: 'error', error: messageOf(error), refreshing: false }));

  async function fetchPage(page: number, mode: 'add' | 'replace'): Promise<void> {
    const list = options.get();
    const key = listKey(list.companyId, list.filter);
    const flight = `${key}#${page}#${generation}`;
    if (inflight.has(flight)) return;
    inflight.add(flight);
    const gen = generation;
    try {
      const reply = await options.fetch(list.filter, list.companyId, page * PAGE_SIZE, PAGE_SIZE);
      if (!current(gen, key)) return;
      // Rows of another filter go when the first page of this one is in.
      const l = options.get();
      const keep = l.key === key && mode === 'add' ? l.pages : {};
      settle(key, trimPages({ ...keep, [page]: reply.items }, page), reply);
    } catch (error) {
      if (current(gen, key)) fail(error);
    } finally {
      inflight.delete(flight);
    }
  }

  function pagesIn(from: number, to: number, total: number | null): number[] {
    const last = total === null ? Math.floor(to / PAGE_SIZE) : Math.min(Math.floor(to / PAGE_SIZE), Math.max(0, Math.ceil(total / PAGE_SIZE) - 1));
    const pages: number[] = [];
    for (let p = Math.floor(Math.max(0, from) / PAGE_SIZE); p <= last; p++) pages.push(p);
    return pages;
  }

  const loader: PagedLoader<F> = {
    load(from, to) {
      lastRange = [from, to];
      const list = options.get();
      const key = listKey(list.companyId, list.filter);
      if (list.key !== key) return; // The first page of a new filter is on its way.
      for (const page of pagesIn(from, to, list.total)) if (!list.pages[page]) void fetchPage(page, 'add');
    },

    setFilter(change) {
      generation++;
      lastRange = [0, PAGE_SIZE - 1];
      update((l) => ({ filter: { ...l.filter, ...change }, status: l.key === null ? 'loading' : l.status, refreshing: l.key !== null, error: null }));
      void fetchPage(0, 'replace');
    },

    reset(filter, companyId) {
      generation++;
      lastRange = [0, PAGE_SIZE - 1];
      options.set(emptyList<T, F, M>(filter, companyId));
    },

    async refresh() {
      const list = options.get();
      if (list.status === 'idle') return;
      generation++;
      const gen = generation;
      const key = listKey(list.companyId, list.filter);
      const pages = pagesIn(lastRange[0], lastRange[1], null);
      update(() => ({ refreshing: true }));
      try {
        // All pages in view at once, so the rows are replaced in one step (no half-empty screen).
        const replies = await Promise.all(pages.map((p) => options.fetch(list.filter, list.companyId, p * PAGE_SIZE, PAGE_SIZE)));
        if (current(gen, key)) settle(key, Object.fromEntries(pages.map((p, i) => [p, replies[i].items])), replies[replies.length - 1]);
      } catch (error) {
        if (current(gen, key)) fail(error);
      }
    },

    open(companyId) {
      const list = options.get();
      if (list.companyId !== companyId) {
        loader.reset(list.filter, companyId);
      }
      const now = options.get();
      if (now.key === listKey(now.companyId, now.filter) && now.status !== 'error') {
        // Already showing this filter: bring it up to date without a flash.
        void loader.refresh();
        return;
      }
      generation++;
      update((l) => ({ status: l.key === null ? 'loading' : l.status, error: null, refreshing: l.key !== null }));
      void fetchPage(0, 'replace');
    },
  };
  return loader;
}

/** Keeps at most MAX_PAGES pages, dropping those farthest from the page just loaded. */
function trimPages<T>(pages: Record<number, T[]>, around: number): Record<number, T[]> {
  const keys = Object.keys(pages).map(Number);
  if (keys.length <= MAX_PAGES) return pages;
  const keep = keys.sort((a, b) => Math.abs(a - around) - Math.abs(b - around)).slice(0, MAX_PAGES);
  return Object.fromEntries(keep.map((k) => [k, pages[k]]));
}
