// The theme choice as the hosts write it into the page (src-shared/api/theme-choice.ts).
import { describe, expect, it } from 'vitest';
import { isThemeChoice, withThemeChoice } from '../../../../src-shared/api/theme-choice';

describe('theme choice', () => {
  it('knows the three choices and nothing else', () => {
    expect(['system', 'light', 'dark'].every(isThemeChoice)).toBe(true);
    for (const other of ['Dark', 'auto', '', null, 1, undefined]) expect(isThemeChoice(other)).toBe(false);
  });

  it("puts the choice on the page's root element once, and leaves a page without one unchanged", () => {
    expect(withThemeChoice('<!doctype html>\n<html lang="en">\n<head>', 'dark')).toBe('<!doctype html>\n<html data-theme-choice="dark" lang="en">\n<head>');
    expect(withThemeChoice('<HTML>', 'light')).toBe('<html data-theme-choice="light">');
    expect(withThemeChoice('<!doctype html><title>x</title><htmlx>', 'dark')).toBe('<!doctype html><title>x</title><htmlx>');
  });
});
