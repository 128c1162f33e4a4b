// The layering rule of docs/architecture.md is enforced by ESLint; these cases prove the rule fires for
// each forbidden edge (and stays quiet for allowed ones), so a violation really fails `npm test`.
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('layering lint rule', () => {
  // The first lint loads the parser and the whole config (seconds on a busy machine); do it once, outside
  // the cases, so each case measures only the rule.
  beforeAll(() => eslint.lintText('export {};', { filePath: 'src-shared/warm-up.ts' }), 60_000);

  it.each([
    ['src-renderer/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['src-renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;"],
    ['src-renderer/x.ts', "import { openPlatform } from '../src-main/core/platform';\nexport const x = openPlatform;"],
    ['src-shared/x.ts', "import { join } from 'path';\nexport const x = join;"],
    ['src-shared/x.ts', "import { useState } from 'react';\nexport const x = useState;"],
    ['src-main/core/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['src-main/core/x.ts', "import { createConsoleService } from '../console/console-service';\nexport const x = createConsoleService;"],
    ['src-main/console/x.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;"],
    ['src-main/host/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['src-main/cli/x.ts', "import { x as y } from '../electron/main';\nexport const x = y;"],
    ['src-main/electron/x.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;"],
    // The composition root (src-main/areas.ts) assembles core and console; they never import it.
    ['src-main/console/x.ts', "import { CORE_AREAS } from '../areas';\nexport const x = CORE_AREAS;"],
    ['src-main/core/server/x.ts', "import { openPlatform } from '../../areas';\nexport const x = openPlatform;"],
    // The sealed core: outside src-main/core nothing reaches repositories, the database or the core's internals.
    ['src-main/console/x.ts', "import type { UserRow } from '../core/repositories/users-repository';\nexport type X = UserRow;"],
    ['src-main/console/handlers/x.ts', "import { createUsersRepository } from '../../core/repositories/users-repository';\nexport const x = createUsersRepository;"],
    ['src-main/cli/commands/x.ts', "import { openDatabase } from '../../core/db/database';\nexport const x = openDatabase;"],
    ['src-main/cli/x.ts', "import { startWalCheckpointer } from '../core/db/wal-checkpointer';\nexport const x = startWalCheckpointer;"],
    ['src-main/host/x.ts', "import { internalsOf } from '../core/platform-internals';\nexport const x = internalsOf;"],
    ['src-main/electron/x.ts', "import { internalsOf } from '../core/platform-internals';\nexport const x = internalsOf;"],
    ['src-main/electron/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;"],
    ['src-main/areas.ts', "import { migrate } from './core/db/database';\nexport const x = migrate;"],
  ])('%s may not import this', async (file, code) => {
    expect(await layeringErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['src-renderer/x.ts', "import { methods } from '../src-shared/api/contract';\nexport const x = methods;"],
    ['src-main/core/x.ts', "import { join } from 'node:path';\nexport const x = join;"],
    ['src-main/console/x.ts', "import { openPlatform } from '../core/platform';\nexport const x = openPlatform;"],
    ['src-main/electron/x.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;"],
    ['src-main/electron/x.ts', "import { openPlatform } from '../areas';\nexport const x = openPlatform;"],
    ['src-main/core/server/x.ts', "import { shopCore } from '../areas/shop';\nexport const x = shopCore;"],
    // Inside the core, repositories and the database are the services' own.
    ['src-main/core/services/x.ts', "import type { UserRow } from '../repositories/users-repository';\nexport type X = UserRow;"],
    ['src-main/core/webhooks/x.ts', "import { internalsOf } from '../platform-internals';\nexport const x = internalsOf;"],
    // The data-folder guard reads the file's header before anything is opened: no data, so the hosts may use it.
    ['src-main/cli/x.ts', "import { assertDatabaseNotNewer } from '../core/db/data-folder-guard';\nexport const x = assertDatabaseNotNewer;"],
    ['src-main/console/x.ts', "import { OPERATOR } from '../core/access';\nexport const x = OPERATOR;"],
  ])('%s may import this', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});

describe('no route addresses built while a module loads', () => {
  // The route table is built from the areas when the app starts; an href()/routePath() at a module's top level
  // runs before that and fails at app load (and would miss the window's acting company).
  beforeAll(() => eslint.lintText('export {};', { filePath: 'src-renderer/warm-up.ts' }), 60_000);

  it.each([
    "import { href } from '../../router/routes';\nexport const HOME = href({ name: 'overview' });",
    "import { routePath } from '../../router/routes';\nconst path = routePath({ name: 'sales' });\nexport default path;",
    "import { href } from '../../router/routes';\nexport const LINKS = [href({ name: 'sales' })];",
  ])('refuses %j in a screen', async (code) => {
    expect(await layeringErrors('src-renderer/screens/x/y.tsx', code)).not.toEqual([]);
  });

  it.each([
    "import { href } from '../../router/routes';\nexport const home = () => href({ name: 'overview' });",
    "import { href } from '../../router/routes';\nexport function Link() {\n  return href({ name: 'sales' });\n}",
    "import { routePath } from '../../router/routes';\nexport const paths = { sales: () => routePath({ name: 'sales' }) };",
  ])('allows %j (built when called)', async (code) => {
    expect(await layeringErrors('src-renderer/screens/x/y.tsx', code)).toEqual([]);
  });

  it('lets the router itself build them', async () => {
    expect(await layeringErrors('src-renderer/router/x.ts', "import { href } from './routes';\nexport const HOME = href({ name: 'overview' });")).toEqual([]);
  });
});

describe('file size lint rule (issue 20: no source file over 500 lines)', () => {
  const fileOf = (lines: number) => `// A file of ${lines} lines.\n${'export const x = 1;\n'.repeat(lines - 1)}`;
  const sizeErrors = async (filePath: string, code: string) => (await eslint.lintText(code, { filePath }))[0].messages.filter((m) => m.ruleId === 'max-lines');

  it.each(['src-main/core/x.ts', 'src-renderer/screens/x.tsx', 'src-shared/x.ts', 'bench/x.mjs', 'scripts/x.mjs'])('refuses 501 lines in %s, allows 500', async (filePath) => {
    expect(await sizeErrors(filePath, fileOf(501))).toHaveLength(1);
    expect(await sizeErrors(filePath, fileOf(500).replace(/\n$/, ''))).toEqual([]);
  });

  it.each(['src-main/core/db/migrations/099-x.ts', 'src-main/core/seed/x-seed.ts'])('lets migrations and seed data be longer: %s', async (filePath) => {
    expect(await sizeErrors(filePath, fileOf(900))).toEqual([]);
  });
});
