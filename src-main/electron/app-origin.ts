// The console's own origin, app://partnerdeck: the one place the window may load from and the one origin
// whose main frame may call the console over IPC.
export const APP_SCHEME = 'app';
export const APP_HOST = 'partnerdeck';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` is on the app origin. Compares scheme and host by hand: WHATWG `URL.origin` is "null"
 * for custom schemes, and `app://partnerdeck@evil/` has host `evil`, so a prefix test would be wrong.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
