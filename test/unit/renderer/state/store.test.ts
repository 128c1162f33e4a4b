import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-shared/api/errors';
import type { OutboxMessage } from '../../../../src-shared/api/types';
import { applyPushedEvent } from '../../../../src-renderer/state/pushed-events';
import { CLIENT_SEARCH_LIMIT } from '../../../../src-renderer/state/sales-slice';
import { createAppStore, type AppStore } from '../../../../src-renderer/state/store';
import { applyUiCommand } from '../../../../src-renderer/frame/ui-commands';
import { baseHandlers, clientSession, company, fakeClient, flush, selfSession } from '../../../helpers/renderer-store';

let store: AppStore;
afterEach(() => {
  store?.getState().ui.toasts.forEach((t) => store.getState().actions.dismissToast(t.id));
});

describe('the store', () => {
  it('loads the session and then what the frame needs (selector, outbox, requests)', async () => {
    const fake = fakeClient(baseHandlers);
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    await flush();
    const s = store.getState();
    expect(s.session.status).toBe('ready');
    expect(s.session.info?.user?.name).toBe('Pat');
    expect(fake.count('session.switcher')).toBe(1);
    expect(fake.count('outbox.list')).toBe(1);
    expect(fake.count('partnerRequests.list')).toBe(1);
  });

  it('shows a startup error when the session cannot be loaded', async () => {
    const fake = fakeClient({ 'session.get': () => { throw new ApiError('internal', 'console is down'); } });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    expect(store.getState().session).toMatchObject({ status: 'error', error: 'console is down' });
  });

  it("signing in as another user drops the previous user's toasts and says who is signed in", async () => {
    const other = { ...selfSession, user: { ...selfSession.user!, id: selfSession.user!.id + 1, name: 'Olivia' } };
    const fake = fakeClient({ ...baseHandlers, 'session.signIn': () => other });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    store.getState().actions.toast('success', 'Listing approved');
    await store.getState().actions.signIn(other.user.id);
    expect(store.getState().ui.toasts.map((t) => t.message)).toEqual([expect.stringContaining('Signed in as Olivia')]);
  });

  it('switching company applies the new session and drops acting-dependent data', async () => {
    const fake = fakeClient({ ...baseHandlers, 'session.switch': ({ companyId }) => (companyId === null ? selfSession : clientSession(companyId)) });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    await flush();
    await store.getState().actions.loadRequests();
    expect(store.getState().requests.list.status).toBe('ready');
    const info = await store.getState().actions.switchCompany(5);
    expect(info.acting?.id).toBe(5);
    expect(store.getState().session.info?.isSelf).toBe(false);
    expect(store.getState().requests.list.status).toBe('idle');
    expect(store.getState().session.switchingTo).toBeNull();
  });

  it('a failed change shows the API message as a toast and rethrows the error with its fields', async () => {
    const fake = fakeClient({
      ...baseHandlers,
      'companies.create': () => {
        throw ApiError.validation({ vatId: ['is not a valid DE VAT-ID'] });
      },
    });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    const error = await store.getState().actions.createCompany({ name: 'X', country: 'DE', vatId: 'DE1', attestNotAffiliated: true }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.fields).toEqual({ vatId: ['is not a valid DE VAT-ID'] });
    const toast = store.getState().ui.toasts.at(-1)!;
    expect(toast.kind).toBe('error');
    // In the user's words: the field's label, not its internal name.
    expect(toast.detail).toBe('VAT-ID is not a valid DE VAT-ID');
  });

  it.each([
    ['busy', 'Not saved: the data folder is busy', "The data folder is busy with another PartnerDeck process's change. Nothing was written; try again in 2 seconds."],
    ['disk_full', 'Not saved: the disk is full', 'The disk is full: nothing was written. Free some space on the disk that holds the data folder and try again.'],
    ['storage_failed', 'The data folder needs attention', "The data folder's database is damaged. Run `partnerdeck doctor` (with the same --data-dir) to check the data folder and see what to do."],
  ] as const)('a change refused by the data folder (%s) says so in a headline above what to do, never "internal"', async (code, title, message) => {
    const fake = fakeClient({
      ...baseHandlers,
      'companies.create': () => {
        throw new ApiError(code, message);
      },
    });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    const error = await store.getState().actions.createCompany({ name: 'X', country: 'DE', attestNotAffiliated: true }).catch((e) => e);
    expect(error.code).toBe(code);
    const toast = store.getState().ui.toasts.at(-1)!;
    expect(toast).toMatchObject({ kind: 'error', message: title, detail: message });
  });

  it('a successful create stores the company, toasts, and refreshes lists already on screen', async () => {
    const created = company(42, { name: 'New GmbH' });
    const fake = fakeClient({ ...baseHandlers, 'companies.create': () => created, 'companies.list': () => [] });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    await store.getState().actions.loadCompanyList();
    await flush();
    const listCallsBefore = fake.count('companies.list');
    await store.getState().actions.createCompany({ name: 'New GmbH', country: 'DE', attestNotAffiliated: true });
    await flush();
    expect(store.getState().companies.details[42].data?.name).toBe('New GmbH');
    expect(store.getState().ui.toasts.at(-1)).toMatchObject({ kind: 'success', message: 'New GmbH was created' });
    expect(fake.count('companies.list')).toBe(listCallsBefore + 1);
  });

  it('does not load the client list while acting as a client (a partner function)', async () => {
    const fake = fakeClient({ ...baseHandlers, 'session.get': () => ({ ...selfSession, isSelf: false }), 'companies.list': () => [] });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    await store.getState().actions.loadCompanyList();
    await flush();
    const before = fake.count('companies.list');
    store.getState().actions.refreshCompanyLists();
    await flush();
    expect(fake.count('companies.list')).toBe(before);
  });

  it('ignores a list reply that arrives after a newer query was sent', async () => {
    const resolvers: ((v: unknown) => void)[] = [];
    const fake = fakeClient({ ...baseHandlers, 'companies.list': () => new Promise((resolve) => resolvers.push(resolve)) });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    const a = store.getState().actions;
    a.setCompanyQuery({ search: 'al' });
    a.setCompanyQuery({ search: 'alp' });
    resolvers[1]([{ id: 2, name: 'Alpen' }]);
    resolvers[0]([{ id: 1, name: 'Old answer' }]);
    await flush();
    expect(store.getState().companies.list.data).toEqual([{ id: 2, name: 'Alpen' }]);
    expect(store.getState().companies.query.search).toBe('alp');
  });

  it('keeps the data on screen while reloading, marked as refreshing', async () => {
    let release: (v: unknown) => void = () => undefined;
    let first = true;
    const fake = fakeClient({
      ...baseHandlers,
      'companies.list': () => (first ? ((first = false), [{ id: 1 }]) : new Promise((resolve) => (release = resolve))),
    });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadCompanyList();
    const reload = store.getState().actions.loadCompanyList();
    expect(store.getState().companies.list).toMatchObject({ status: 'ready', refreshing: true, data: [{ id: 1 }] });
    release([{ id: 1 }, { id: 2 }]);
    await reload;
    expect(store.getState().companies.list).toMatchObject({ status: 'ready', refreshing: false });
  });

  it('marks an outbox message read at once and puts the dot back when that fails', async () => {
    const message: OutboxMessage = { id: 3, companyId: null, to: 'a@b.example', subject: 'Hi', body: '', kind: 'welcome', createdAt: '', readAt: null };
    let fail = true;
    const fake = fakeClient({
      ...baseHandlers,
      'outbox.list': () => [message],
      'outbox.markRead': () => {
        if (fail) throw new ApiError('internal', 'disk full');
        return { ...message, readAt: '2025-01-01T00:00:00.000Z' };
      },
    });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadOutbox();
    await store.getState().actions.markRead(3);
    expect(store.getState().outbox.list.data![0].readAt).toBeNull();
    fail = false;
    await store.getState().actions.markRead(3);
    expect(store.getState().outbox.list.data![0].readAt).toBe('2025-01-01T00:00:00.000Z');
  });
});

describe('pushed events', () => {
  it("session.changed of this window's company replaces the session without a call", async () => {
    const fake = fakeClient(baseHandlers);
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    const before = fake.count('session.get');
    applyPushedEvent(store, { name: 'session.changed', payload: { ...selfSession, recentCompanyIds: [9] } });
    expect(store.getState().session.info?.recentCompanyIds).toEqual([9]);
    expect(fake.count('session.get')).toBe(before);
  });

  it("another window's switch does not move this window: it keeps its acting company and reads its own session", async () => {
    const fake = fakeClient(baseHandlers);
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    const before = fake.count('session.get');
    applyPushedEvent(store, { name: 'session.changed', payload: clientSession(9) });
    await flush();
    expect(store.getState().session.info?.isSelf).toBe(true);
    expect(fake.count('session.get')).toBe(before + 1);
    // Every call of this window carries its own company (Self).
    expect(fake.calls.at(-1)?.acting).toBeNull();
  });

  it("calls carry the window's acting company from the switch on; a refused address falls back to Self", async () => {
    const fake = fakeClient({
      ...baseHandlers,
      'session.switch': () => clientSession(9),
      'session.get': () => {
        if (fake.client.acting() === 77) throw new ApiError('not_found', 'Company 77 was not found among your clients.', { reason: 'acting_not_visible' });
        return fake.client.acting() === 9 ? clientSession(9) : selfSession;
      },
    });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.switchCompany(9);
    expect(fake.client.acting()).toBe(9);
    fake.client.setActing(77);
    await store.getState().actions.loadSession();
    expect(store.getState().session.info?.isSelf).toBe(true);
    expect(fake.client.acting()).toBeNull();
    expect(store.getState().ui.toasts.at(-1)?.message).toContain('company 77');
  });

  it('user.changed reloads the users of that company only if they are loaded', async () => {
    const fake = fakeClient({ ...baseHandlers, 'users.list': () => [] });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadUsers(5);
    applyPushedEvent(store, { name: 'user.changed', payload: { companyId: 5, userId: 50 } });
    applyPushedEvent(store, { name: 'user.changed', payload: { companyId: 6, userId: 60 } });
    await flush();
    expect(fake.calls.filter((c) => c.method === 'users.list').map((c) => c.input)).toEqual([{ companyId: 5 }, { companyId: 5 }]);
  });

  it('a burst of events causes one reload', async () => {
    const fake = fakeClient(baseHandlers);
    store = createAppStore(fake.client, { refreshDelayMs: 5 });
    for (let i = 0; i < 20; i++) applyPushedEvent(store, { name: 'outbox.added', payload: { messageId: i } });
    await flush();
    expect(fake.count('outbox.list')).toBe(1);
  });

  it('an update of the acting company reloads the session', async () => {
    const fake = fakeClient(baseHandlers);
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    await flush();
    const before = fake.count('session.get');
    applyPushedEvent(store, { name: 'company.updated', payload: { companyId: 1 } });
    await flush();
    expect(fake.count('session.get')).toBe(before + 1);
  });
});

describe('menu commands of the desktop app', () => {
  it('open-switcher toggles the palette once somebody is signed in', async () => {
    const fake = fakeClient(baseHandlers);
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    applyUiCommand(store, { command: 'open-switcher' });
    expect(store.getState().ui.paletteOpen).toBe(false); // nobody signed in yet
    await store.getState().actions.loadSession();
    applyUiCommand(store, { command: 'open-switcher' });
    expect(store.getState().ui.paletteOpen).toBe(true);
    applyUiCommand(store, { command: 'open-switcher' });
    expect(store.getState().ui.paletteOpen).toBe(false);
  });

  it('switch-to-self does nothing while already Self', async () => {
    const fake = fakeClient(baseHandlers);
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    applyUiCommand(store, { command: 'switch-to-self' });
    expect(fake.count('session.switch')).toBe(0);
  });
});

describe('client filter search', () => {
  it('asks the server for at most CLIENT_SEARCH_LIMIT clients instead of loading every client', async () => {
    const fake = fakeClient({ ...baseHandlers, 'companies.list': () => [company(1)] });
    store = createAppStore(fake.client);
    const found = await store.getState().actions.searchClients('caf');
    expect(found).toEqual([company(1)]);
    expect(fake.calls.filter((c) => c.method === 'companies.list').map((c) => c.input)).toEqual([
      { search: 'caf', route: 'any', sample: 'any', sort: 'name', direction: 'asc', limit: CLIENT_SEARCH_LIMIT },
    ]);
  });
});
