// How the console looks: the theme (light, dark, or as the system says), kept in the profile's prefs.json through
// the console (`app.setTheme`; the host writes the saved choice into the page, so the first paint has it:
// theme.ts, boot.ts), and whether the side navigation is collapsed to a rail of icons in a wide window (this
// window's localStorage). One store for both, read by the side navigation's collapse button and by Settings
// (#/settings), so the two never disagree. A theme this browser kept in localStorage before is moved into
// prefs.json once (the first start with a console to save it), then forgotten here.
import { useSyncExternalStore } from 'react';
import { applyTheme, LEGACY_THEME_KEY, legacyThemeChoice, startThemeChoice, type ThemeChoice } from './theme';

export { applyTheme, type ThemeChoice };

const COLLAPSED_KEY = 'partnerdeck.nav.collapsed';

interface Appearance {
  theme: ThemeChoice;
  navCollapsed: boolean;
}

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage refused: the choice lasts for this page.
  }
}

function forget(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Storage refused: nothing kept to forget.
  }
}

let current: Appearance | null = null;
const listeners = new Set<() => void>();

function snapshot(): Appearance {
  current ??= { theme: startThemeChoice(), navCollapsed: read(COLLAPSED_KEY) === 'true' };
  return current;
}

function update(next: Partial<Appearance>): void {
  current = { ...snapshot(), ...next };
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAppearance(): Appearance {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/** Collapses (or expands) the navigation in a wide window; kept for the next start. */
export function setNavCollapsed(collapsed: boolean): void {
  write(COLLAPSED_KEY, String(collapsed));
  update({ navCollapsed: collapsed });
}

/** Saves a choice in the profile's prefs.json (the console's `app.setTheme`); set once the console client exists. */
export type ThemeSaver = (choice: ThemeChoice) => Promise<unknown>;

let saver: ThemeSaver | null = null;
let onSaveFailed: (error: unknown) => void = () => undefined;

/** Chooses the theme: shown at once, saved in the profile's prefs.json for every window and the next start. */
export function setTheme(choice: ThemeChoice): Promise<void> {
  update({ theme: choice });
  applyTheme(choice);
  return save(choice);
}

/** Shows a choice made in another window (the console's `app.themeChanged`), without saving it again. */
export function showTheme(choice: ThemeChoice): void {
  if (snapshot().theme === choice) return;
  update({ theme: choice });
  applyTheme(choice);
}

async function save(choice: ThemeChoice): Promise<void> {
  if (!saver) return;
  try {
    await saver(choice);
    forget(LEGACY_THEME_KEY); // prefs.json has it now (the one-time move of an older choice ends here too)
  } catch (error) {
    onSaveFailed(error);
  }
}

/**
 * The console is there (main.tsx, once per page): theme choices are saved through it from now on, and a choice
 * this browser kept in localStorage before prefs.json had themes is moved there once.
 */
export function connectThemeSaving(save_: ThemeSaver, failed: (error: unknown) => void): Promise<void> {
  saver = save_;
  onSaveFailed = failed;
  const legacy = legacyThemeChoice();
  return legacy ? save(legacy) : Promise.resolve();
}

/** At start: the kept theme, and "system" follows the system's changes while the console runs. */
export function startAppearance(): void {
  applyTheme(snapshot().theme);
  if (typeof window.matchMedia !== 'function') return;
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (snapshot().theme === 'system') applyTheme('system');
  });
}
