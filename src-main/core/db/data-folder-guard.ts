// The data folder's version rules, for every surface (desktop app, browser mode, serve, each CLI command):
// a database written by a newer PartnerDeck (a schema version above the newest migration this build has) is
// refused with one line and left untouched; an older one is copied with SQLite's online backup API before
// its migrations run (backup.ts). The schema version is SQLite's user_version, kept equal to the highest
// applied migration id (database.ts writes it with each migration).
import type { Migration } from './migrations';
import { readUserVersion } from './schema-version';

/** The highest migration id among `migrations`: the schema version a folder has after they all ran. */
export function schemaVersionOf(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.id), 0);
}

export const NEWER_DATA_FOLDER_CODE = 'data_folder_too_new';

/** A database from a newer PartnerDeck. Its message is the one line every surface shows. */
export class NewerDataFolderError extends Error {
  readonly code = NEWER_DATA_FOLDER_CODE;
  constructor(
    readonly databasePath: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `${databasePath} was written by a newer PartnerDeck (data version ${found}; this PartnerDeck reads up to ${known}). ` +
        'It was not opened or changed: install the newer PartnerDeck, or use another data folder (--data-dir).',
    );
    this.name = 'NewerDataFolderError';
  }
}

export type DatabaseVersionState =
  | { state: 'new' }
  | { state: 'current' | 'older'; version: number }
  | { state: 'newer'; version: number };

/**
 * Where the database at `path` stands against `known` (the schema version this build writes: src-main/areas.ts
 * KNOWN_SCHEMA_VERSION), read without opening it (see schema-version.ts).
 * A folder from a build before the version was recorded reads 0, i.e. "older": opening it checks its applied
 * migrations one by one (database.ts).
 */
export function databaseVersionState(path: string, known: number): DatabaseVersionState {
  const version = readUserVersion(path);
  if (version === null) return { state: 'new' };
  if (version > known) return { state: 'newer', version };
  return { state: version === known ? 'current' : 'older', version };
}

/** Throws NewerDataFolderError for a database from a newer build; reads two files, writes nothing. */
export function assertDatabaseNotNewer(path: string, known: number): void {
  const found = databaseVersionState(path, known);
  if (found.state === 'newer') throw new NewerDataFolderError(path, found.version, known);
}
