// Where PartnerDeck keeps its data by default: the per-OS application data folder, the same folder
// Electron's app.getPath('userData') gives for the product name "PartnerDeck".
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER_NAME = 'PartnerDeck';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.PARTNERDECK_DATA_DIR) return env.PARTNERDECK_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER_NAME);
}

export const DB_FILE_NAME = 'partnerdeck.sqlite';
export const SERVER_INFO_FILE_NAME = 'server.json';
/** A running browser-mode console of the folder: its address, platform URL, pid and control token (0600). */
export const CONSOLE_INFO_FILE_NAME = 'console.json';
export const SECRET_KEY_FILE_NAME = 'secret.key';
export const PREFS_FILE_NAME = 'prefs.json';
/** The ports the folder's platform and console servers listened on last time (core/server/port-memory.ts). */
export const PORTS_FILE_NAME = 'ports.json';
