// How the console looks on this computer, kept in the window's localStorage: the theme (light, dark, or as the
// system says) and whether the side navigation is collapsed to a rail of icons in a wide window. One store for
// both, read by the side navigation's collapse button and by Settings (#/settings), so the two never disagree.
import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';

const THEME_KEY = 'partnerdeck.theme';
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

function storedTheme(): ThemeChoice {
  const t = read(THEME_KEY);
  return t === 'light' || t === 'dark' ? t : 'system';
}

let current: Appearance | null = null;
const listeners = new Set<() => void>();

function snapshot(): Appearance {
  current ??= { theme: storedTheme(), navCollapsed: read(COLLAPSED_KEY) === 'true' };
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

/** The media text each dark-palette rule had in the style sheet (restored for "system"). */
const original = new WeakMap<CSSMediaRule, string>();

/**
 * Shows the console in the chosen theme. The palettes are written once, under `prefers-color-scheme: dark`
 * (styles/tokens.css and a few components); a fixed choice points those rules at always ("all") or never
 * ("not all") instead of writing every dark colour a second time under an attribute. `data-theme` on the
 * root element says which theme is showing (light or dark, also for "system").
 */
export function applyTheme(choice: ThemeChoice): void {
  if (typeof document === 'undefined') return;
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // another origin's sheet: none of ours
    }
    for (const rule of Array.from(rules)) {
      if (!(rule instanceof CSSMediaRule)) continue;
      const text = original.get(rule) ?? rule.media.mediaText;
      if (!/prefers-color-scheme:\s*dark/.test(text)) continue;
      original.set(rule, text);
      rule.media.mediaText = choice === 'system' ? text : choice === 'dark' ? 'all' : 'not all';
    }
  }
  const systemDark = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
  const shown = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
  document.documentElement.dataset.theme = shown;
  document.documentElement.style.colorScheme = shown;
}

/** Chooses the theme; kept for the next start. */
export function setTheme(choice: ThemeChoice): void {
  write(THEME_KEY, choice);
  update({ theme: choice });
  applyTheme(choice);
}

/** At start: the kept theme, and "system" follows the system's changes while the console runs. */
export function startAppearance(): void {
  applyTheme(snapshot().theme);
  if (typeof window.matchMedia !== 'function') return;
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (snapshot().theme === 'system') applyTheme('system');
  });
}
