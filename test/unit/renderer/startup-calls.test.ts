// Issue 18 item 7: at start-up every console call runs once. The session's scheduled refresh (selector, sign-in
// candidates, outbox, partner requests) and the screens that load the same lists when they mount used to
// both call the console (five calls ran twice).
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src-renderer/state/store';
import { baseHandlers, fakeClient, flush, selfSession } from '../../helpers/renderer-store';

const STARTUP_METHODS = ['session.get', 'app.info', 'session.switcher', 'session.signInCandidates', 'outbox.list', 'partnerRequests.list'] as const;

describe('start-up calls', () => {
  it('runs each call once when the overview loads its lists before the scheduled refresh', async () => {
    const fake = fakeClient(baseHandlers);
    const store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    // What the partner overview's effect does on its first render (screens/partner-overview.tsx).
    const a = store.getState().actions;
    void a.loadRequests();
    void a.loadSwitcher();
    void a.loadOutbox();
    await flush();
    await flush();
    for (const method of STARTUP_METHODS) expect({ method, calls: fake.count(method) }).toEqual({ method, calls: 1 });
  });

  it('loads each list once when no screen asked for it (another start route)', async () => {
    const fake = fakeClient(baseHandlers);
    const store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    await flush();
    await flush();
    for (const method of STARTUP_METHODS) expect({ method, calls: fake.count(method) }).toEqual({ method, calls: 1 });
    expect(store.getState().session.candidates.status).toBe('ready');
  });

  it('a reload of the same session (after the event stream was down) still refreshes the lists shown', async () => {
    const fake = fakeClient(baseHandlers);
    const store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    await flush();
    store.getState().actions.resyncAll();
    await flush();
    await flush();
    expect(fake.count('session.get')).toBe(2);
    expect(fake.count('session.signInCandidates')).toBe(2);
    expect(fake.count('session.switcher')).toBe(2);
    expect(fake.count('outbox.list')).toBe(2);
  });

  it('another user gets its own lists (the new user is not served the previous one)', async () => {
    const other = { ...selfSession, user: { ...selfSession.user!, id: selfSession.user!.id + 1, name: 'Olivia' } };
    const fake = fakeClient({ ...baseHandlers, 'session.signIn': () => other });
    const store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    await flush();
    await store.getState().actions.signIn(other.user.id);
    await flush();
    await flush();
    expect(fake.count('session.switcher')).toBe(2);
    expect(fake.count('outbox.list')).toBe(2);
    expect(fake.count('session.signInCandidates')).toBe(2);
  });
});
