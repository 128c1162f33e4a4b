import { describe, expect, it } from 'vitest';
import { createPagedLoader, emptyList, loadedRows, MAX_PAGES, PAGE_SIZE, rowAt, type PagedList } from '../../../../src-renderer/state/paged-list';

type Row = { id: number; q: string };
type Filter = { q: string };

/** A loader over a fake server of `total` rows; replies wait until released when `manual`. */
function setup(total = 1000, manual = false) {
  let list: PagedList<Row, Filter> = emptyList<Row, Filter>({ q: '' });
  const requests: { q: string; companyId: number | null; offset: number; limit: number; release: () => void }[] = [];
  const loader = createPagedLoader<Row, Filter>({
    get: () => list,
    set: (next) => (list = next),
    fetch: (filter, companyId, offset, limit) =>
      new Promise((resolve) => {
        const reply = () => {
          const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({ id: offset + i, q: filter.q }));
          resolve({ items, total, offset, limit });
        };
        requests.push({ q: filter.q, companyId, offset, limit, release: reply });
        if (!manual) reply();
      }),
  });
  return { loader, requests, list: () => list };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('server-paged lists', () => {
  it('opens with the first page of the company it is shown for', async () => {
    const t = setup();
    t.loader.open(7);
    expect(t.list().status).toBe('loading');
    await tick();
    expect(t.requests.map((r) => [r.companyId, r.offset, r.limit])).toEqual([[7, 0, PAGE_SIZE]]);
    expect(t.list()).toMatchObject({ status: 'ready', total: 1000, companyId: 7 });
    expect(rowAt(t.list(), 99)?.id).toBe(99);
    expect(rowAt(t.list(), 100)).toBeUndefined();
  });

  it('loads only the pages in view, and the last page straight away when scrolled to the end', async () => {
    const t = setup(100_000);
    t.loader.open(1);
    await tick();
    t.loader.load(99_980, 99_999);
    t.loader.load(99_980, 99_999); // asked again while on its way: no second request
    await tick();
    expect(t.requests.map((r) => r.offset)).toEqual([0, 99_900]);
    expect(rowAt(t.list(), 99_999)?.id).toBe(99_999);
  });

  it('keeps the previous rows on screen until the new filter answers, and drops late answers of the old one', async () => {
    const t = setup(1000, true);
    t.loader.open(1);
    t.requests[0].release();
    await tick();
    t.loader.load(150, 160);
    t.loader.setFilter({ q: 'a' });
    expect(t.list()).toMatchObject({ refreshing: true, filter: { q: 'a' }, shownFilter: { q: '' } });
    expect(rowAt(t.list(), 0)?.q).toBe(''); // still the old rows, with the old filter's total
    const pageOfOldFilter = t.requests[1];
    t.requests[2].release();
    await tick();
    pageOfOldFilter.release();
    await tick();
    expect(rowAt(t.list(), 0)?.q).toBe('a');
    expect(t.list().shownFilter).toEqual({ q: 'a' });
    expect(rowAt(t.list(), 150)).toBeUndefined();
    expect(t.list().refreshing).toBe(false);
  });

  it('refreshes the pages in view in one step', async () => {
    const t = setup(1000, true);
    t.loader.open(1);
    t.requests[0].release();
    await tick();
    t.loader.load(95, 130);
    t.requests[1].release();
    await tick();
    const refreshing = t.loader.refresh();
    expect(t.list().refreshing).toBe(true);
    const [a, b] = t.requests.slice(2);
    expect([a.offset, b.offset]).toEqual([0, 100]);
    a.release();
    await tick();
    expect(t.list().refreshing).toBe(true); // the first page alone does not replace anything
    b.release();
    await refreshing;
    expect(t.list()).toMatchObject({ refreshing: false, status: 'ready' });
    expect(Object.keys(t.list().pages)).toEqual(['0', '1']);
  });

  it('keeps a failure beside the rows it has, and shows it alone when there are none', async () => {
    let fail = true;
    let list: PagedList<Row, Filter> = emptyList<Row, Filter>({ q: '' });
    const loader = createPagedLoader<Row, Filter>({
      get: () => list,
      set: (next) => (list = next),
      fetch: async (_f, _c, offset, limit) => {
        if (fail) throw new Error('console is down');
        return { items: [{ id: offset, q: '' }], total: 1, offset, limit };
      },
    });
    loader.open(1);
    await tick();
    expect(list).toMatchObject({ status: 'error', error: 'console is down', total: null });
    fail = false;
    loader.open(1);
    await tick();
    fail = true;
    await loader.refresh();
    expect(list).toMatchObject({ status: 'ready', error: 'console is down', total: 1 });
  });

  it('holds at most MAX_PAGES pages, dropping the farthest', async () => {
    const t = setup(1_000_000);
    t.loader.open(1);
    await tick();
    for (let p = 1; p <= MAX_PAGES + 5; p++) {
      t.loader.load(p * PAGE_SIZE, p * PAGE_SIZE);
      await tick();
    }
    const pages = Object.keys(t.list().pages).map(Number);
    expect(pages).toHaveLength(MAX_PAGES);
    expect(pages).not.toContain(0);
    expect(pages).toContain(MAX_PAGES + 5);
    expect(loadedRows(t.list())[0].id).toBe(pages.sort((x, y) => x - y)[0] * PAGE_SIZE);
  });

  it('starts afresh for another company', async () => {
    const t = setup();
    t.loader.open(1);
    await tick();
    t.loader.open(2);
    expect(t.list()).toMatchObject({ companyId: 2, total: null, status: 'loading' });
    await tick();
    expect(t.requests.at(-1)?.companyId).toBe(2);
  });
});
