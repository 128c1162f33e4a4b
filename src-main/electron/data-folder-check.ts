// Before the desktop app touches its data folder: a folder written by a newer PartnerDeck is refused. The
// check reads the database's header bytes only (core/db/schema-version.ts); on refusal Chromium's own storage
// (and the single-instance lock) goes to a scratch folder, so nothing in the data folder is created or changed,
// and the app shows the one-line reason in an error box once Electron is ready, then exits with code 1.
import type { App, Dialog, MessageBoxOptions } from 'electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNOWN_SCHEMA_VERSION } from '../areas';
import { assertDatabaseNotNewer, NewerDataFolderError } from '../core/db/data-folder-guard';
import type { DoctorReport } from '../core/db/doctor';
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

export const STARTUP_PROBLEM_TITLE = 'PartnerDeck found a problem with its data folder';
/** The buttons of the start-up problem box, in order. */
export const STARTUP_PROBLEM_BUTTONS = ['Show Data Folder', 'OK'] as const;

/**
 * The box the desktop app shows when the start-up check (core/db/doctor.ts checkDataFolderInBackground) finds a
 * problem: each problem with what to do, and `partnerdeck doctor` for the full report. Null when there is no
 * problem (warnings such as low disk space only go to the log).
 */
export function startupProblemBox(report: DoctorReport): MessageBoxOptions | null {
  const problems = report.checks.filter((check) => check.state === 'problem');
  if (problems.length === 0) return null;
  const lines = problems.map((check) => `• ${check.name}: ${check.detail}${check.advice ? `\n  ${check.advice}` : ''}`);
  return {
    type: 'warning',
    title: STARTUP_PROBLEM_TITLE,
    message: problems.length === 1 ? `${STARTUP_PROBLEM_TITLE}: ${problems[0].name}.` : `${STARTUP_PROBLEM_TITLE}: ${problems.length} problems.`,
    detail: `${lines.join('\n')}\n\nFor the full report run \`partnerdeck doctor --data-dir '${report.dataDir}'\` in a terminal. Nothing was changed.`,
    buttons: [...STARTUP_PROBLEM_BUTTONS],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}
