// Decisions made once at start: which data folder, and which better-sqlite3 binary to load (the
// Electron-ABI build in build/electron-sqlite, never node_modules' Node build).
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export const DATA_DIR_FLAG = '--data-dir';
export const ELECTRON_SQLITE_FILE = 'better_sqlite3.node';

/** `--data-dir <dir>` / `--data-dir=<dir>`, else $PARTNERDECK_DATA_DIR, else null (use userData). */
export function dataDirOverride(argv: readonly string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): string | null {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === DATA_DIR_FLAG && i + 1 < argv.length) value = argv[i + 1];
    else if (argv[i].startsWith(`${DATA_DIR_FLAG}=`)) value = argv[i].slice(DATA_DIR_FLAG.length + 1);
  }
  value ??= env.PARTNERDECK_DATA_DIR;
  if (!value) return null;
  return isAbsolute(value) ? value : resolve(cwd, value);
}

/**
 * The Electron build of better-sqlite3: in a packaged app under resources/electron-sqlite, in a checkout
 * under build/electron-sqlite (made by scripts/electron-sqlite.mjs). Undefined when neither exists.
 */
export function electronSqliteBinding(appPath: string, resourcesPath: string | undefined, isPackaged: boolean): string | undefined {
  const candidate = isPackaged && resourcesPath
    ? join(resourcesPath, 'electron-sqlite', ELECTRON_SQLITE_FILE)
    : join(appPath, 'build', 'electron-sqlite', ELECTRON_SQLITE_FILE);
  return existsSync(candidate) ? candidate : undefined;
}
