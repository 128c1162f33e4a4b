// The console's preferences in the desktop app, kept by electron-store in <data folder>/prefs.json: the
// same file and shape the browser host's JSON prefs use. Values are checked when read, so a hand-edited
// or damaged file gives defaults instead of crashing the window.
import ElectronStore from 'electron-store';
import { DEFAULT_PREFS, type Prefs, type PrefsData, type WindowBounds } from '../console/prefs';
import { PREFS_FILE_NAME } from '../core/paths';
import { isThemeChoice } from '../../src-shared/api/theme-choice';

/** The part of electron-store (or any key-value store) the prefs need. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function readBounds(value: unknown): WindowBounds | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height, maximized } = value as Record<string, unknown>;
  if (!isFiniteNumber(width) || !isFiniteNumber(height) || width <= 0 || height <= 0) return null;
  const bounds: WindowBounds = { width, height };
  if (isFiniteNumber(x) && isFiniteNumber(y)) Object.assign(bounds, { x, y });
  if (typeof maximized === 'boolean') bounds.maximized = maximized;
  return bounds;
}

const readers: { [K in keyof PrefsData]: (value: unknown) => PrefsData[K] } = {
  windowBounds: readBounds,
  lastUserId: (value) => (isId(value) ? value : null),
  lastCompanyId: (value) => (isId(value) ? value : null),
  recentCompanyIds: (value) => (Array.isArray(value) ? [...new Set(value.filter(isId))] : [...DEFAULT_PREFS.recentCompanyIds]),
  theme: (value) => (isThemeChoice(value) ? value : DEFAULT_PREFS.theme),
};

/** A stored value of `key` in its proper shape, or the default when the stored one is missing or wrong. */
export function readPref<K extends keyof PrefsData>(key: K, value: unknown): PrefsData[K] {
  return readers[key](value);
}

export function prefsFromStore(store: KeyValueStore): Prefs {
  return {
    get: (key) => readPref(key, store.get(key)),
    set: (key, value) => store.set(key, value),
  };
}

/**
 * `<dataDir>/prefs.json` through electron-store (atomic writes; an unparsable file is reset). Besides the
 * console's prefs it holds the desktop app's own keys (`updates`: updates.ts), which only this folder reads.
 */
export function createElectronStore(dataDir: string): KeyValueStore {
  const store = new ElectronStore<PrefsData>({
    cwd: dataDir,
    name: PREFS_FILE_NAME.replace(/\.json$/, ''),
    defaults: DEFAULT_PREFS,
    clearInvalidConfig: true,
    // Readable by this user only, like every file of the data folder (issue 16 L11; conf's default is 0666 - umask).
    configFileMode: 0o600,
  });
  return store as unknown as KeyValueStore;
}

/** The console's prefs in `<dataDir>/prefs.json`. */
export function createElectronPrefs(dataDir: string): Prefs {
  return prefsFromStore(createElectronStore(dataDir));
}
