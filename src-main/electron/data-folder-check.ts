// Before the desktop app touches its data folder: a folder written by a newer PartnerDeck is refused. The
// check reads the database's header bytes only (core/db/schema-version.ts); on refusal Chromium's own storage
// (and the single-instance lock) goes to a scratch folder, so nothing in the data folder is created or changed,
// and the app shows the one-line reason in an error box once Electron is ready, then exits with code 1.
import type { App, Dialog } from 'electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNOWN_SCHEMA_VERSION } from '../areas';
import { assertDatabaseNotNewer, NewerDataFolderError } from '../core/db/data-folder-guard';
import { DB_FILE_NAME } from '../core/paths';

export const REFUSED_TITLE = 'PartnerDeck cannot open this data folder';

/** The refusal line for `dataDir`, or null when this build may open it. */
export function newerDataFolderMessage(dataDir: string): string | null {
  try {
    assertDatabaseNotNewer(join(dataDir, DB_FILE_NAME), KNOWN_SCHEMA_VERSION);
    return null;
  } catch (error) {
    if (error instanceof NewerDataFolderError) return error.message;
    // Anything else (an unreadable or foreign file) is reported by the normal start, which opens the folder.
    return null;
  }
}

/** Says why and exits, without creating anything in the data folder. Call before `ready`. */
export function refuseDataFolder(app: Pick<App, 'setPath' | 'whenReady' | 'exit'>, dialog: Pick<Dialog, 'showErrorBox'>, message: string): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'partnerdeck-refused-'));
  app.setPath('userData', scratch);
  app.setPath('sessionData', scratch);
  process.stderr.write(`PartnerDeck: ${message}\n`);
  return app.whenReady().then(() => {
    // On Linux an error box before `ready` would only go to stderr.
    dialog.showErrorBox(REFUSED_TITLE, message);
    rmSync(scratch, { recursive: true, force: true });
    app.exit(1);
  });
}
