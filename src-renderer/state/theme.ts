// Showing a theme (no React, no store): used by boot.ts before the console's modules run, so the first paint
// has the saved theme, and by appearance.ts when the choice changes.
import { isThemeChoice, THEME_CHOICE_ATTRIBUTE, type ThemeChoice } from '../../src-shared/api/theme-choice';

export type { ThemeChoice };

/** Where the console kept the theme before it moved into the profile's prefs.json (migrated once, then removed). */
export const LEGACY_THEME_KEY = 'partnerdeck.theme';

/** The choice the host wrote into the page (the profile's prefs.json), or null in a page without it. */
export function pageThemeChoice(): ThemeChoice | null {
  const value = document.documentElement.getAttribute(THEME_CHOICE_ATTRIBUTE);
  return isThemeChoice(value) ? value : null;
}

/** A choice this origin still keeps in localStorage from before prefs.json had it (null: none). */
export function legacyThemeChoice(): ThemeChoice | null {
  try {
    const value = window.localStorage.getItem(LEGACY_THEME_KEY);
    return isThemeChoice(value) ? value : null;
  } catch {
    return null;
  }
}

/** The theme the first paint shows: a not yet migrated choice of this browser, else the saved one, else "system". */
export function startThemeChoice(): ThemeChoice {
  return legacyThemeChoice() ?? pageThemeChoice() ?? 'system';
}

/**
 * The media text each dark-palette rule had in the style sheet (restored for "system"). Shared by the page's two
 * copies of this file (boot.js applies the saved theme first, the console's modules later): a copy of its own would
 * take the first copy's "all" for the rule's text and never change it again.
 */
const original: WeakMap<CSSMediaRule, string> = ((globalThis as { __partnerdeckThemeMedia?: WeakMap<CSSMediaRule, string> }).__partnerdeckThemeMedia ??= new WeakMap());

/**
 * Whether a fixed choice has pointed the dark rules elsewhere (shared by both copies like `original`). While it has
 * not, "system" has nothing to restore and the style sheet is not walked: the walk makes an object of every rule
 * of app.css, tens of milliseconds of the first paint's path for the default choice (issue 18 cold start).
 */
const pointed: { now: boolean } = ((globalThis as { __partnerdeckThemePointed?: { now: boolean } }).__partnerdeckThemePointed ??= { now: false });

/**
 * Shows the console in the chosen theme. The palettes are written once, under `prefers-color-scheme: dark`
 * (styles/tokens.css and a few components); a fixed choice points those rules at always ("all") or never
 * ("not all") instead of writing every dark colour a second time under an attribute. `data-theme` on the
 * root element says which theme is showing (light or dark, also for "system").
 */
export function applyTheme(choice: ThemeChoice): void {
  if (typeof document === 'undefined') return;
  if (choice !== 'system' || pointed.now) pointRules(choice);
  const systemDark = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
  const shown = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
  document.documentElement.dataset.theme = shown;
  document.documentElement.style.colorScheme = shown;
}

/** Points the dark-palette rules at the choice ("system": back at the system's preference). */
function pointRules(choice: ThemeChoice): void {
  pointed.now = choice !== 'system';
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
}
