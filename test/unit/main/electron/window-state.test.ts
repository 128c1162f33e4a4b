// Window bounds: saved on close, restored at start, and a position off every screen is dropped.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryPrefs } from '../../../../src-main/console/prefs';
import { createMainWindow } from '../../../../src-main/electron/main-window';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, initialWindowBounds, trackWindowBounds } from '../../../../src-main/electron/window-state';
import { FakeBrowserWindow, resetElectronFake } from '../../../fakes/electron-fake';

vi.mock('electron', () => import('../../../fakes/electron-fake'));

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
const secondScreen = { x: 1920, y: 0, width: 1280, height: 1024 };

beforeEach(() => resetElectronFake());

describe('window state', () => {
  it('opens at the default size the first time', () => {
    expect(initialWindowBounds(null, screen)).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('restores saved bounds that are on a screen', () => {
    expect(initialWindowBounds({ x: 2000, y: 50, width: 1100, height: 700, maximized: true }, [...screen, secondScreen])).toEqual({
      x: 2000,
      y: 50,
      width: 1100,
      height: 700,
      maximized: true,
    });
  });

  it('drops a position on a screen that is gone, and enforces the minimum size', () => {
    expect(initialWindowBounds({ x: 2000, y: 50, width: 300, height: 200 }, screen)).toEqual({
      width: MIN_WINDOW_SIZE.width,
      height: MIN_WINDOW_SIZE.height,
      maximized: false,
    });
    // only a sliver visible
    expect(initialWindowBounds({ x: 1900, y: 1060, width: 1000, height: 700 }, screen)).not.toHaveProperty('x');
  });

  it('saves bounds and maximized state when the window closes, and the next window gets them', () => {
    const prefs = createMemoryPrefs();
    const window = new FakeBrowserWindow({ x: 40, y: 30, width: 1200, height: 800 });
    trackWindowBounds(window as unknown as Parameters<typeof trackWindowBounds>[0], prefs);
    window.setBounds({ x: 60, width: 1300 });
    window.maximize();
    window.close();
    expect(prefs.get('windowBounds')).toEqual({ x: 60, y: 30, width: 1300, height: 800, maximized: true });

    const next = createMainWindow({ preloadPath: '/p.cjs', prefs, workAreas: screen, backgroundColor: '#fff' }) as unknown as FakeBrowserWindow;
    expect(next.options).toMatchObject({ x: 60, y: 30, width: 1300, height: 800 });
    expect(next.maximized).toBe(false);
    next.emit('ready-to-show');
    expect(next.maximized).toBe(true);
    expect(next.visible).toBe(true);
  });
});
