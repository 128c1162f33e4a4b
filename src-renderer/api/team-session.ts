// A team server's console (`partnerdeck serve --console`): people sign in on the server's sign-in page (a cookie
// session the page never sees) and sign out here. The host marks the page (TEAM_CONSOLE_ATTRIBUTE); the desktop's
// browser mode and the Electron app never are.
import { CSRF_HEADER } from '../../src-shared/api/ipc';
import { TEAM_CONSOLE_ATTRIBUTE, TEAM_SIGN_IN_PATH, TEAM_SIGN_OUT_PATH } from '../../src-shared/api/team-console';

export function isTeamConsole(doc: Pick<Document, 'documentElement'>): boolean {
  return doc.documentElement.hasAttribute(TEAM_CONSOLE_ATTRIBUTE);
}

/** The session ended on the server (signed out elsewhere, idle, expired): the sign-in page says so. */
export function teamSessionEnded(win: Pick<Window, 'location'>): void {
  win.location.assign(`${TEAM_SIGN_IN_PATH}?expired`);
}

/** Ends this person's session on every server of the team, then shows the sign-in page. */
export async function signOutOfTeam(fetchFn: typeof fetch, win: Pick<Window, 'location'>): Promise<void> {
  const reply = await fetchFn(TEAM_SIGN_OUT_PATH, { method: 'POST', credentials: 'same-origin', headers: { [CSRF_HEADER]: '1' } });
  if (!reply.ok) throw new Error(`The server did not sign you out (HTTP ${reply.status}). Try again.`);
  win.location.assign(`${TEAM_SIGN_IN_PATH}?signed-out`);
}
