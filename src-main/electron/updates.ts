// Updates of the desktop app with electron-updater from a generic feed (a folder of latest*.yml / beta*.yml
// and the installers, on any HTTPS server). Off until a feed is configured: in prefs.json
// (`"updates": {"feedUrl": "https://…", "channel": "stable" | "beta"}`), by PARTNERDECK_UPDATE_FEED, or by the
// build (electron-builder's `publish` writes app-update.yml into the app). Stable reads latest*.yml; beta reads
// beta*.yml and also accepts prereleases. A configured app checks 10 s after start and every 6 hours, downloads
// in the background and shows each state in Help (Checking… / Downloading 45% / Restart to Update to 1.2.0)
// and once in a message box when an update is ready. Nothing is installed without the user's restart (or quit).
import type { AppUpdater, ProgressInfo, UpdateInfo } from 'electron-updater';

export type UpdateChannel = 'stable' | 'beta';
export const UPDATE_FEED_ENV = 'PARTNERDECK_UPDATE_FEED';
export const FIRST_CHECK_DELAY_MS = 10_000;
export const CHECK_INTERVAL_MS = 6 * 60 * 60_000;

export interface UpdateSettings {
  /** The generic feed's base URL, or null: updates are off. */
  feedUrl: string | null;
  channel: UpdateChannel;
}

export type UpdateState =
  | { kind: 'off'; reason: string }
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'current'; version: string }
  | { kind: 'downloading'; version: string; percent: number }
  | { kind: 'ready'; version: string }
  | { kind: 'error'; message: string };

/** The part of electron-updater's AppUpdater this module drives (the real one in the app and in its tests). */
export type UpdaterLike = Pick<
  AppUpdater,
  'on' | 'setFeedURL' | 'checkForUpdates' | 'quitAndInstall' | 'autoDownload' | 'autoInstallOnAppQuit' | 'allowPrerelease' | 'allowDowngrade' | 'channel'
>;

/** A feed URL as the user wrote it: an http(s) URL without user info, query or fragment; else why not. */
export function checkFeedUrl(value: unknown): { url: string } | { error: string } {
  if (typeof value !== 'string' || value.trim() === '') return { error: 'the update feed URL is empty' };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { error: `the update feed URL "${value}" is not a URL` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]'))) {
    return { error: `the update feed URL must use https (http only on this computer): ${value}` };
  }
  if (url.username || url.password || url.search || url.hash) return { error: `the update feed URL may not carry user info, a query or a fragment: ${value}` };
  return { url: url.href.replace(/\/+$/, '') };
}

/** The settings in force: the prefs' feed, else the environment's; the prefs' channel (stable unless "beta"). */
export function resolveUpdateSettings(stored: unknown, env: NodeJS.ProcessEnv = process.env): UpdateSettings & { error: string | null } {
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const channel: UpdateChannel = record.channel === 'beta' ? 'beta' : 'stable';
  const raw = typeof record.feedUrl === 'string' && record.feedUrl.trim() !== '' ? record.feedUrl : env[UPDATE_FEED_ENV];
  if (raw === undefined || raw === '') return { feedUrl: null, channel, error: null };
  const checked = checkFeedUrl(raw);
  return 'url' in checked ? { feedUrl: checked.url, channel, error: null } : { feedUrl: null, channel, error: checked.error };
}

/** The Help menu's label for a state. */
export function updateMenuLabel(state: UpdateState): string {
  switch (state.kind) {
    case 'off':
      return 'Updates: not configured';
    case 'checking':
      return 'Checking for updates…';
    case 'downloading':
      return `Downloading update ${state.version} (${Math.floor(state.percent)}%)…`;
    case 'ready':
      return `Restart to Update to ${state.version}`;
    default:
      return 'Check for Updates…';
  }
}

export interface UpdateControllerOptions {
  updater: UpdaterLike;
  /** Whether the build carries its own feed (app-update.yml from electron-builder's `publish`). */
  hasBuiltInFeed: boolean;
  settings: UpdateSettings & { error?: string | null };
  currentVersion: string;
  onState(state: UpdateState): void;
  log?: (message: string, error?: unknown) => void;
}

export interface UpdateController {
  state(): UpdateState;
  /** Whether a feed is configured (else every action is refused with the reason). */
  readonly enabled: boolean;
  check(): Promise<UpdateState>;
  /** Quits and installs a downloaded update. */
  restart(): boolean;
  /** Checks after FIRST_CHECK_DELAY_MS and every CHECK_INTERVAL_MS; returns a function that stops it. */
  schedule(timers?: { setTimeout: typeof setTimeout; setInterval: typeof setInterval; clearTimeout: typeof clearTimeout; clearInterval: typeof clearInterval }): () => void;
}

export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const { updater, settings } = options;
  const enabled = settings.feedUrl !== null || options.hasBuiltInFeed;
  let state: UpdateState = enabled
    ? { kind: 'idle' }
    : { kind: 'off', reason: settings.error ?? `no update feed is configured (prefs.json "updates.feedUrl" or ${UPDATE_FEED_ENV})` };
  const set = (next: UpdateState) => {
    state = next;
    options.onState(next);
  };

  if (enabled) {
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.allowPrerelease = settings.channel === 'beta';
    updater.allowDowngrade = false;
    if (settings.feedUrl) updater.setFeedURL({ provider: 'generic', url: settings.feedUrl });
    // "latest" reads latest.yml / latest-mac.yml / latest-linux.yml; "beta" the beta*.yml files.
    updater.channel = settings.channel === 'beta' ? 'beta' : 'latest';
    updater.on('checking-for-update', () => set({ kind: 'checking' }));
    updater.on('update-not-available', () => set({ kind: 'current', version: options.currentVersion }));
    updater.on('update-available', (info: UpdateInfo) => set({ kind: 'downloading', version: info.version, percent: 0 }));
    updater.on('download-progress', (progress: ProgressInfo) => {
      if (state.kind === 'downloading') set({ ...state, percent: progress.percent });
    });
    updater.on('update-downloaded', (info: UpdateInfo) => set({ kind: 'ready', version: info.version }));
    updater.on('error', (error: Error) => {
      options.log?.('update check failed', error);
      set({ kind: 'error', message: error.message.split('\n')[0] });
    });
  }

  const controller: UpdateController = {
    state: () => state,
    enabled,
    async check() {
      if (!enabled || state.kind === 'checking' || state.kind === 'downloading' || state.kind === 'ready') return state;
      try {
        const result = await updater.checkForUpdates();
        // Wait for the download the check started, so a caller (and the tests) see where it ended.
        if (result?.downloadPromise) await result.downloadPromise.catch(() => undefined);
      } catch (error) {
        if (state.kind !== 'error') {
          options.log?.('update check failed', error);
          set({ kind: 'error', message: (error as Error).message.split('\n')[0] });
        }
      }
      return state;
    },
    restart() {
      if (state.kind !== 'ready') return false;
      updater.quitAndInstall(false, true);
      return true;
    },
    schedule(timers = { setTimeout, setInterval, clearTimeout, clearInterval }) {
      if (!enabled) return () => undefined;
      const first = timers.setTimeout(() => void controller.check(), FIRST_CHECK_DELAY_MS);
      const every = timers.setInterval(() => void controller.check(), CHECK_INTERVAL_MS);
      (first as { unref?: () => void }).unref?.();
      (every as { unref?: () => void }).unref?.();
      return () => {
        timers.clearTimeout(first);
        timers.clearInterval(every);
      };
    },
  };
  return controller;
}
