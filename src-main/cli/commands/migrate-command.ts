// `partnerdeck migrate --from DIR --to postgres://…` (issue 21 item 6, docs/team-server.md): a data folder copied
// into an empty PostgreSQL database for a team server, verified table by table. The copy's rules are in
// core/postgres/copy-to-postgres.ts.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiError } from '../../../src-shared/api/errors';
import { DB_FILE_NAME, SECRET_KEY_FILE_NAME } from '../../core/paths';
import { copyFolderToPostgres, type CopyReport } from '../../core/postgres/copy-to-postgres';
import { checkPostgresUrl } from '../../core/postgres/postgres-connection';
import { folderHolder } from '../../core/webhooks/webhook-dispatcher-lease';
import { UsageError } from '../cli-io';
import { jsonOption, printTable, str, type Command } from '../command-kit';

function targetUrl(raw: string | undefined, env: NodeJS.ProcessEnv): URL {
  const given = raw ?? env.PARTNERDECK_DATABASE_URL;
  const field = raw !== undefined ? '--to' : 'PARTNERDECK_DATABASE_URL';
  if (given === undefined || given.trim() === '') throw new UsageError('--to is required: the PostgreSQL database to copy into, e.g. --to postgres://partnerdeck@db.example.com:5432/partnerdeck (or set PARTNERDECK_DATABASE_URL)');
  try {
    return checkPostgresUrl(given, field);
  } catch (error) {
    if (error instanceof ApiError) throw new UsageError(error.message);
    throw error;
  }
}

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Copy a data folder into an empty PostgreSQL database (for a team server), verified table by table',
  description:
    'Creates the schema in the database and copies every table with its ids — companies, shops, orders, issued documents, apps with their sealed secrets, webhook queues, the outbox and the clock — in one transaction: an interruption leaves the database as empty as it was. ' +
    'Then compares the row count of every table and the sum of its money columns on both sides and prints them; any difference undoes the copy. ' +
    'Refuses a database that is not empty (naming what it found) and a data folder another process has open (stop serve, console, the desktop app or listen first). ' +
    "The folder is left as it was. The apps' secrets stay sealed with the folder's secret.key: a team server needs that file (secrets sealed by the desktop app's OS keychain cannot be opened there: rotate those apps' secrets). " +
    'The URL may come from PARTNERDECK_DATABASE_URL; a password in it is never printed (PGPASSWORD and ~/.pgpass work too). What a team server runs today and what not yet: docs/team-server.md.',
  options: {
    from: { value: 'DIR', description: 'the data folder to copy (default: the --data-dir folder)', complete: 'dir' },
    to: { value: 'URL', description: 'postgres://user[:password]@host[:port]/dbname of an empty database (default: PARTNERDECK_DATABASE_URL)' },
    json: jsonOption('{"url", "rows", "seconds", "rowsPerSecond", "tables": [{"table", "sqlite", "postgres", "moneySqlite", "moneyPostgres"}], "secrets": {"keyFile", "osKeychain"}, "clockOffsetMs", "schemaVersion"}'),
  },
  examples: ['migrate --from ~/partnerdeck --to postgres://partnerdeck@db.internal:5432/partnerdeck', 'PARTNERDECK_DATABASE_URL=postgres://partnerdeck@localhost/pd migrate --json'],
  async run({ values, global, io, openPlatform, migrations }) {
    const url = targetUrl(str(values, 'to'), io.env);
    const from = resolve(str(values, 'from') ?? global.dataDir);
    const databasePath = join(from, DB_FILE_NAME);
    if (!existsSync(databasePath)) throw new UsageError(`--from: ${from} is not a PartnerDeck data folder (it has no ${DB_FILE_NAME})`);
    // Brings an older folder to this build's schema (a newer one is refused untouched) and names a running dispatcher.
    const platform = openPlatform('none', from);
    let holder: string | null;
    try {
      holder = folderHolder(platform);
    } finally {
      platform.close();
    }
    const progress = !values.json && io.stderrIsTTY;
    const report: CopyReport = await copyFolderToPostgres({
      databasePath,
      url,
      migrations,
      holder: () => holder,
      onProgress: progress ? (table, copied, total) => io.err(`  ${table}: ${copied.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`) : undefined,
    });
    if (values.json) {
      io.out(JSON.stringify(report));
      return 0;
    }
    printTable(io, report.tables.filter((t) => t.sqlite > 0).map((t) => ({ table: t.table, folder: t.sqlite, postgresql: t.postgres, money: t.moneySqlite === null ? '' : t.moneySqlite === t.moneyPostgres ? `${t.moneyPostgres} =` : `${t.moneySqlite} ≠ ${t.moneyPostgres}` })));
    const empty = report.tables.filter((t) => t.sqlite === 0).length;
    io.out(`Copied ${report.rows.toLocaleString('en-US')} rows in ${report.tables.length} tables (${empty} empty) to ${report.url} in ${report.seconds.toFixed(1)} s (${report.rowsPerSecond.toLocaleString('en-US')} rows/s): every count and money sum matches.`);
    io.out(`Schema version ${report.schemaVersion}; platform clock offset ${report.clockOffsetMs} ms (moved with the data).`);
    if (report.secrets.keyFile > 0) io.out(`${report.secrets.keyFile} sealed secret(s) open with ${join(from, SECRET_KEY_FILE_NAME)}: the team server needs a copy of that file (mode 0600).`);
    if (report.secrets.osKeychain > 0) io.out(`${report.secrets.osKeychain} secret(s) were sealed by the desktop app's OS keychain and cannot be opened on a server: rotate those apps' secrets there.`);
    return 0;
  },
};
