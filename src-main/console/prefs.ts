// Preferences of the console (window bounds, last user and company, recent companies, the theme: console method
// app.setTheme, written into the page by the hosts). The desktop app keeps them with electron-store; the browser
// host and tests use the JSON file below, same shape.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isThemeChoice, type ThemeChoice } from '../../src-shared/api/theme-choice';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export interface PrefsData {
  windowBounds: WindowBounds | null;
  lastUserId: number | null;
  lastCompanyId: number | null;
  recentCompanyIds: number[];
  theme: ThemeChoice;
}

export const DEFAULT_PREFS: PrefsData = {
  windowBounds: null,
  lastUserId: null,
  lastCompanyId: null,
  recentCompanyIds: [],
  theme: 'system',
};

export interface Prefs {
  get<K extends keyof PrefsData>(key: K): PrefsData[K];
  set<K extends keyof PrefsData>(key: K, value: PrefsData[K]): void;
}

/** Prefs in a JSON file, written atomically (temp file + rename). */
export function createJsonFilePrefs(path: string): Prefs {
  let data: PrefsData = { ...DEFAULT_PREFS };
  if (existsSync(path)) {
    try {
      data = { ...DEFAULT_PREFS, ...(JSON.parse(readFileSync(path, 'utf8')) as Partial<PrefsData>) };
      // A hand-edited theme the console does not know shows as "system" (the page is given only known choices).
      if (!isThemeChoice(data.theme)) data = { ...data, theme: DEFAULT_PREFS.theme };
    } catch {
      data = { ...DEFAULT_PREFS };
    }
  }
  return {
    get: (key) => data[key],
    set(key, value) {
      data = { ...data, [key]: value };
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const tmp = `${path}.tmp`;
      writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
      renameSync(tmp, path);
    },
  };
}

/** Prefs held in memory only (tests). */
export function createMemoryPrefs(initial: Partial<PrefsData> = {}): Prefs {
  let data: PrefsData = { ...DEFAULT_PREFS, ...initial };
  return {
    get: (key) => data[key],
    set(key, value) {
      data = { ...data, [key]: value };
    },
  };
}
