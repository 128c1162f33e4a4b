// Pushed events enter the store here, outside React: the session's own event, then each area's `onEvent`
// (src-renderer/areas.ts), so each event refreshes exactly what it touches. Subscribed once at startup (main.tsx).
import type { PushedEvent } from '../../src-shared/api/contract';
import { RENDERER_AREAS } from '../areas';
import type { RendererConsoleClient } from '../api/console-client';
import type { SessionInfo } from '../../src-shared/api/types';
import type { AppStore } from './store';
import { showTheme } from './appearance';

export function applyPushedEvent(store: AppStore, event: PushedEvent): void {
  if (event.name === 'session.changed') {
    // A switch under way applies its own result once the new company's screen is ready (no blank
    // screen in between); applying the pushed copy first would show the new company too early.
    if (store.getState().session.switchingTo !== null) return;
    const state = store.getState();
    // The payload acts as the company of whoever caused it (another window, the CLI's switch): this window
    // keeps its own acting company (its address) and reads the session again for it, e.g. after a user switch.
    if (state.session.info?.user?.id === event.payload.user?.id && sameActing(state.session.info, event.payload)) {
      state.actions.applySession(event.payload);
    } else void state.actions.loadSession();
    return;
  }
  if (event.name === 'app.themeChanged') {
    // Chosen in another window (or this one: then it is already shown): shown here too, not saved again.
    showTheme(event.payload.theme);
    return;
  }
  // Every area refreshes what it shows of the event, through the store's scheduler (a burst, one reload).
  for (const area of RENDERER_AREAS) area.onEvent?.(event, store);
}

function sameActing(a: SessionInfo | null, b: SessionInfo): boolean {
  return (a?.acting?.id ?? null) === (b.acting?.id ?? null);
}

/** Subscribes the store to the client's events and connection state; returns the unsubscribe. */
export function connectEvents(store: AppStore, client: RendererConsoleClient): () => void {
  const offEvents = client.subscribe((event) => applyPushedEvent(store, event));
  const offConnection = client.onConnectionChange((state) => store.getState().actions.setConnection(state));
  return () => {
    offEvents();
    offConnection();
  };
}
