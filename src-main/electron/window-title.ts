// The console window's title names who is working and for whom: "Northwind Partners — Acting as Contoso —
// PartnerDeck" while a partner acts as a client, "Northwind Partners — PartnerDeck" as Self. The main process
// sets it from the console's session (session.get at load, then each session.changed) and keeps the page's
// own <title> from replacing it.
import type { BrowserWindow } from 'electron';
import type { ConsoleTransportTarget } from '../../src-shared/api/contract';
import type { SessionInfo } from '../../src-shared/api/types';
import { WINDOW_TITLE } from './main-window';

export function windowTitle(session: Pick<SessionInfo, 'user' | 'home' | 'acting' | 'isSelf'> | null): string {
  if (!session?.user || !session.home) return WINDOW_TITLE;
  if (session.isSelf || !session.acting || session.acting.id === session.home.id) return `${session.home.name} — ${WINDOW_TITLE}`;
  return `${session.home.name} — Acting as ${session.acting.name} — ${WINDOW_TITLE}`;
}

/** Keeps `window`'s title on the console's session; returns a function that stops. */
export function trackWindowTitle(window: BrowserWindow, target: ConsoleTransportTarget, log?: (message: string, error?: unknown) => void): () => void {
  const apply = (session: SessionInfo | null) => {
    if (!window.isDestroyed()) window.setTitle(windowTitle(session));
  };
  const refresh = () =>
    target
      .invoke('session.get', {})
      .then((session) => apply(session as SessionInfo))
      .catch((error: unknown) => log?.('could not read the session for the window title', error));
  window.on('page-title-updated', (event) => event.preventDefault());
  window.webContents.on('did-finish-load', () => void refresh());
  const unsubscribe = target.onEvent((event) => {
    if (event.name === 'session.changed') apply(event.payload as SessionInfo);
  });
  void refresh();
  return unsubscribe;
}
