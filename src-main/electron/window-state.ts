// Saves the console window's size, position and maximized state in the prefs when it closes, and
// restores them at start, dropping a position that would put the window off every screen.
import type { BrowserWindow, Rectangle } from 'electron';
import type { Prefs, WindowBounds } from '../console/prefs';

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 };
export const MIN_WINDOW_SIZE = { width: 900, height: 600 };
/** How much of the window must be on a screen for a saved position to be kept. */
const MIN_VISIBLE = { width: 120, height: 60 };

export interface InitialBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** Where the window opens: the saved bounds if enough of them is on one of `workAreas`, else centred. */
export function initialWindowBounds(saved: WindowBounds | null, workAreas: Rectangle[]): InitialBounds {
  if (!saved) return { ...DEFAULT_WINDOW_SIZE, maximized: false };
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.round(saved.width));
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.round(saved.height));
  const maximized = saved.maximized === true;
  if (saved.x === undefined || saved.y === undefined) return { width, height, maximized };
  const rect = { x: Math.round(saved.x), y: Math.round(saved.y), width, height };
  const visible = workAreas.some((area) => {
    const o = overlap(rect, area);
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
  });
  return visible ? { ...rect, maximized } : { width, height, maximized };
}

/** Writes the window's normal (unmaximized) bounds and maximized flag to the prefs when it closes. */
export function trackWindowBounds(window: BrowserWindow, prefs: Prefs): void {
  window.on('close', () => {
    const { x, y, width, height } = window.getNormalBounds();
    prefs.set('windowBounds', { x, y, width, height, maximized: window.isMaximized() });
  });
}
