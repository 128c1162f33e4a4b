// The first script of the page (dist/renderer/boot.js, a classic script in index.html's head, run as the page is
// parsed, before the console's modules have loaded): starts trading the launch link for a session, so the trade
// and the download and start of the modules overlap instead of following each other (issue 18, cold start).
// main.tsx takes the trade over (browser-session.ts takeEarlyLaunch). And it shows the saved theme the host wrote
// into the page before anything is painted (it runs after the style sheet). Kept small: no React, no schemas.
import { leaveEarlyLaunch, startLaunch } from './api/browser-session';
import { applyTheme, startThemeChoice } from './state/theme';

// The trade first: its request goes out before the theme is applied (which may walk the style sheet).
leaveEarlyLaunch(window, startLaunch({ fetch: (input, init) => window.fetch(input, init), location: window.location, history: window.history }));

applyTheme(startThemeChoice());
