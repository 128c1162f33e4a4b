// `partnerdeck snapshot save|restore|list` (issue 19 item 8): the whole state of the data folder's platform —
// companies, shops, apps, webhook queues, outbox and the clock — under a name, for demos and for developers
// (save before a destructive test, restore after). The copying rules are in core/db/snapshots.ts.
import { join } from 'node:path';
import { ApiError } from '../../../src-shared/api/errors';
import { databaseSchemaVersion, listSnapshots, restoreSnapshot, saveSnapshot, type SnapshotInfo } from '../../core/snapshots';
import { DB_FILE_NAME } from '../../core/paths';
import { folderHolder } from '../../core/webhooks/webhook-dispatcher-lease';
import { UsageError } from '../cli-io';
import { jsonOption, printTable, type Command, type CommandGroup } from '../command-kit';

const nameArgument = { name: 'name', description: 'letters, digits, dots, dashes or underscores (up to 64), e.g. demo-before-close', required: true };

function sizeText(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

function usage(error: unknown): never {
  if (error instanceof ApiError && (error.code === 'validation_failed' || error.code === 'not_found')) {
    throw new UsageError(error.code === 'validation_failed' ? Object.values(error.details?.fields ?? {}).flat().join('; ') : error.message);
  }
  throw error;
}

const snapshotSave: Command = {
  name: 'snapshot save',
  summary: "Save the data folder's whole state (companies, shops, apps, webhooks, outbox, the clock) under a name",
  description:
    "A consistent copy made with SQLite's online backup, so it works while a serve, the console or the desktop app runs. Saving under an existing name replaces that snapshot. Snapshots live in <data folder>/snapshots/ (readable by you only) and need the folder's secret.key to open the apps' sealed secrets.",
  arguments: [nameArgument],
  options: { json: jsonOption('{"name", "savedAt", "platformTime", "schemaVersion", "bytes"}') },
  examples: ['snapshot save demo', 'snapshot save before-close --json'],
  async run({ values, positionals, global, io, openPlatform }) {
    // Opening first brings an empty folder its demo and an older one up to date, like every command.
    openPlatform('demo').close();
    const databasePath = join(global.dataDir, DB_FILE_NAME);
    let info: SnapshotInfo;
    try {
      info = saveSnapshot({ dataDir: global.dataDir, databasePath, knownSchemaVersion: databaseSchemaVersion(databasePath) }, positionals[0]);
    } catch (error) {
      usage(error);
    }
    if (values.json) io.out(JSON.stringify(info));
    else io.out(`saved snapshot "${info.name}" (${sizeText(info.bytes)}, platform time ${info.platformTime}); \`partnerdeck snapshot restore ${info.name}\` brings it back`);
    return 0;
  },
};

const snapshotList: Command = {
  name: 'snapshot list',
  summary: "The data folder's saved snapshots, newest first",
  options: { json: jsonOption('[{"name", "savedAt", "platformTime", "schemaVersion", "bytes"}]') },
  examples: ['snapshot list', 'snapshot list --json'],
  async run({ values, global, io }) {
    const snapshots = listSnapshots(global.dataDir);
    if (values.json) io.out(JSON.stringify(snapshots));
    else if (snapshots.length === 0) io.out('No snapshots yet: `partnerdeck snapshot save NAME` saves one.');
    else printTable(io, snapshots.map((s) => ({ name: s.name, saved: s.savedAt, 'platform time': s.platformTime, size: sizeText(s.bytes) })));
    return 0;
  },
};

const snapshotRestore: Command = {
  name: 'snapshot restore',
  summary: 'Put the data folder back to a saved snapshot (refused while another process has the folder open)',
  description:
    'Replaces the whole state — everything made since the snapshot is gone (save it first if you may want it back). The database file is replaced in one step, so an interruption leaves the old state or the new one. Stop every process using the folder first (serve, console, the desktop app, listen): restore refuses, changing nothing, while one has it open. A snapshot from an older PartnerDeck is brought up to date at the next start; one from a newer PartnerDeck is refused.',
  arguments: [nameArgument],
  options: { json: jsonOption('{"name", "savedAt", "platformTime", "schemaVersion", "bytes"}') },
  examples: ['snapshot restore demo'],
  async run({ values, positionals, global, io, openPlatform }) {
    const databasePath = join(global.dataDir, DB_FILE_NAME);
    // Brings the folder to this build's schema (the version a snapshot may have at most) and names a running dispatcher.
    const platform = openPlatform('none');
    let holder: string | null;
    try {
      holder = folderHolder(platform);
    } finally {
      platform.close();
    }
    let info: SnapshotInfo;
    try {
      info = restoreSnapshot({ dataDir: global.dataDir, databasePath, knownSchemaVersion: databaseSchemaVersion(databasePath) }, positionals[0], () => holder);
    } catch (error) {
      usage(error);
    }
    if (values.json) io.out(JSON.stringify(info));
    else io.out(`restored snapshot "${info.name}" (saved ${info.savedAt}; platform time ${info.platformTime}): start PartnerDeck again to use it`);
    return 0;
  },
};

export const SNAPSHOT_COMMANDS: readonly Command[] = [snapshotSave, snapshotRestore, snapshotList];
export const SNAPSHOT_GROUPS: readonly CommandGroup[] = [{ name: 'snapshot', summary: 'Save the whole state of the data folder under a name, and go back to it' }];
