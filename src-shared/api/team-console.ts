// A team server's console (`partnerdeck serve --console`, issue 21 item 5): the host marks the page it serves with
// this attribute on its root element, so the page knows that people sign in and out here (src-renderer/main.tsx)
// instead of trading a launch link. Pure strings: boot.ts may bundle it.
export const TEAM_CONSOLE_ATTRIBUTE = 'data-team-console';
/** The sign-in page of a team console, and the call that signs out (POST, with the CSRF header). */
export const TEAM_SIGN_IN_PATH = '/sign-in';
export const TEAM_SIGN_OUT_PATH = '/auth/sign-out';
/** Sent with every page of a team console's sign-in: how the desktop app's "Connect to team server" knows it asked one. */
export const TEAM_SERVER_HEADER = 'X-PartnerDeck-Team-Server';
