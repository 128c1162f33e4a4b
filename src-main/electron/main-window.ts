// Creates the console window: secure web preferences, the app-origin navigation guard, saved bounds, and
// the renderer loaded from app://partnerdeck.
import { BrowserWindow, type Rectangle } from 'electron';
import type { Prefs } from '../console/prefs';
import { APP_START_URL } from './app-origin';
import { guardNavigation, secureWebPreferences } from './window-security';
import { MIN_WINDOW_SIZE, initialWindowBounds, trackWindowBounds } from './window-state';

export const WINDOW_TITLE = 'PartnerDeck';

export interface MainWindowOptions {
  preloadPath: string;
  prefs: Prefs;
  /** Work areas of the connected displays, to check a saved position is still on screen. */
  workAreas: Rectangle[];
  backgroundColor: string;
  icon?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { maximized, ...bounds } = initialWindowBounds(options.prefs.get('windowBounds'), options.workAreas);
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: WINDOW_TITLE,
    show: false,
    backgroundColor: options.backgroundColor,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  guardNavigation(window.webContents);
  trackWindowBounds(window, options.prefs);
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  void window.loadURL(APP_START_URL);
  return window;
}
