// The console window's title names who is working and for whom: "Northwind Partners — Acting as Contoso —
// PartnerDeck" while a partner acts as a client, "Northwind Partners — PartnerDeck" as Self. Each window acts as
// the company its address names (`#/c/<id>/…`), so the main process reads the session for that company (at load,
// when the address changes, at each session.changed) and keeps the page's own <title> from replacing it.
import type { BrowserWindow } from 'electron';
import type { ConsoleTransportTarget } from '../../src-shared/api/contract';
import type { SessionInfo } from '../../src-shared/api/types';
import { splitHash } from '../../src-shared/api/acting-address';
import { WINDOW_TITLE } from './main-window';

export function windowTitle(session: Pick<SessionInfo, 'user' | 'home' | 'acting' | 'isSelf'> | null): string {
  if (!session?.user || !session.home) return WINDOW_TITLE;
  if (session.isSelf || !session.acting || session.acting.id === session.home.id) return `${session.home.name} — ${WINDOW_TITLE}`;
  return `${session.home.name} — Acting as ${session.acting.name} — ${WINDOW_TITLE}`;
}

/** The acting company a window's address names (null: Self). */
export function actingOfWindow(window: BrowserWindow): number | null {
  const url = window.webContents.getURL();
  const hash = url.includes('#') ? url.slice(url.indexOf('#')) : '';
  return splitHash(hash).acting;
}

/** Keeps `window`'s title on the console's session as the window acts; returns a function that stops. */
export function trackWindowTitle(window: BrowserWindow, target: ConsoleTransportTarget, log?: (message: string, error?: unknown) => void): () => void {
  const apply = (session: SessionInfo | null) => {
    if (!window.isDestroyed()) window.setTitle(windowTitle(session));
  };
  const refresh = () => {
    if (window.isDestroyed()) return;
    void target
      .invoke('session.get', {}, { acting: actingOfWindow(window) })
      .then((session) => apply(session as SessionInfo))
      // A company the user cannot see: the page goes back to Self (and the address with it).
      .catch((error: unknown) => log?.('could not read the session for the window title', error));
  };
  window.on('page-title-updated', (event) => event.preventDefault());
  window.webContents.on('did-finish-load', refresh);
  window.webContents.on('did-navigate-in-page', refresh);
  const unsubscribe = target.onEvent((event) => {
    if (event.name === 'session.changed') refresh();
  });
  void refresh();
  return unsubscribe;
}
