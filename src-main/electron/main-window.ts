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
  /** Another window ("Open in new window"): its address (`#/c/<id>/…`), placed a little below the first. */
  hash?: string;
  offset?: number;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { maximized, ...bounds } = initialWindowBounds(options.prefs.get('windowBounds'), options.workAreas);
  const shift = options.offset ?? 0;
  const window = new BrowserWindow({
    ...bounds,
    ...(shift && bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x + shift, y: bounds.y + shift } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: WINDOW_TITLE,
    show: false,
    backgroundColor: options.backgroundColor,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  guardNavigation(window.webContents);
  // The first window's size and place are remembered; extra windows open beside it and are not.
  if (!options.hash) trackWindowBounds(window, options.prefs);
  window.once('ready-to-show', () => {
    if (maximized && !options.hash) window.maximize();
    window.show();
  });
  void window.loadURL(options.hash ? `${APP_START_URL}${options.hash}` : APP_START_URL);
  return window;
}
