// The console's theme choice as it travels: kept in the profile's prefs.json (`theme`, console method
// `app.setTheme`), and written by the host into the page it serves (`<html data-theme-choice="dark">`), so the
// first paint already has it (src-renderer/boot.ts applies it before the console's modules run).
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** The attribute of the page's root element that carries the saved choice. */
export const THEME_CHOICE_ATTRIBUTE = 'data-theme-choice';

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

/** The page (index.html) with the saved choice on its root element; the page unchanged if it has no `<html` tag. */
export function withThemeChoice(html: string, choice: ThemeChoice): string {
  return html.replace(/<html(?=[\s>])/i, `<html ${THEME_CHOICE_ATTRIBUTE}="${choice}"`);
}
