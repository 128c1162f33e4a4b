// A data folder written by a newer PartnerDeck is refused by every command of the built CLI (serve, console
// = browser mode, and each command that reads or writes the folder) with one line on stderr, exit code 1, and
// the folder byte for byte as it was: no WAL, no key file, no prefs, no server.json, no backup.
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_SCHEMA_VERSION } from '../../src-main/areas';
import { assertBuilt, runCliAsync } from '../helpers/cli';
import { snapshotFolder, writeNewerDataFolder } from '../helpers/data-folders';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-newer-');
let health: Server;
let healthUrl: string;

beforeAll(async () => {
  assertBuilt();
  writeNewerDataFolder(dir.path);
  // example-app checks that a platform answers before it opens the folder.
  health = createServer((_req, res) => res.end('{"ok":true}'));
  await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
  healthUrl = `http://127.0.0.1:${(health.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => health.close(resolve));
  dir.remove();
});

// Every command that opens the data folder, with arguments it accepts.
const COMMANDS: string[][] = [
  ['serve', '--port', '0'],
  ['console', '--no-open', '--port', '0'],
  ['company', 'list'],
  ['company', 'create', '--name', 'Fabrikam'],
  ['user', 'create', '--company', '1', '--email', 'a@example.com', '--password', 'correct horse battery', '--permissions', 'orders'],
  ['user', 'operator', '--email', 'a@example.com'],
  ['app', 'create', '--company', '1', '--name', 'X', '--redirect-uri', 'http://127.0.0.1:9/cb', '--scopes', 'orders'],
  ['app', 'list'],
  ['app', 'embed-url', '--app', '1', '--company', '1', '--user', '1'],
  ['app', 'review'],
  ['app', 'approve', '--app', '1', '--beta'],
  ['app', 'reject', '--app', '1', '--reason', 'no'],
  ['close-month', '2026-10', '--preview'],
  ['documents', 'list'],
  ['documents', 'show', '1'],
  ['documents', 'pdf', '1'],
  ['documents', 'correct', '1', '--type', 'credit_note', '--amount', '1.00', '--reason', 'r'],
  ['billing', 'rates'],
  ['seed', '--companies', '1'],
  ['trigger', 'orders/create', '--company', '1'],
  ['clock', 'show', '--offline'],
  ['clock', 'advance', '1d', '--offline'],
  ['webhooks', 'list'],
  ['webhooks', 'deliveries'],
  ['webhooks', 'replay', '1'],
];

describe('a data folder from a newer PartnerDeck, on the CLI', () => {
  it.each(COMMANDS.map((args) => [args.join(' '), args]))('partnerdeck %s refuses it in one line and leaves it untouched', async (_name, args) => {
    const before = snapshotFolder(dir.path);
    const result = await runCliAsync([...(args as string[]), '--data-dir', dir.path]);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^partnerdeck: .*partnerdeck\\.sqlite was written by a newer PartnerDeck \\(data version ${KNOWN_SCHEMA_VERSION + 1}; this PartnerDeck reads up to ${KNOWN_SCHEMA_VERSION}\\)\\. It was not opened or changed`));
    expect(result.status).toBe(1);
    expect(snapshotFolder(dir.path)).toEqual(before);
  });

  it('partnerdeck example-app refuses it too (once a platform answers)', async () => {
    const before = snapshotFolder(dir.path);
    const result = await runCliAsync(['example-app', '--app', '1', '--platform-url', healthUrl, '--port', '0', '--data-dir', dir.path]);
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/was written by a newer PartnerDeck/)]);
    expect(result.status).toBe(1);
    expect(snapshotFolder(dir.path)).toEqual(before);
  });
});
