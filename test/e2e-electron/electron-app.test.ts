// Drives the real desktop app with Playwright's Electron support on a temporary data folder: the window,
// the console acting as Self, no Node in the page, the bridge, the CSP and the navigation guard. Where no
// Electron binary (or no display) exists, the suite is reported as skipped, with the reason.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallReply } from '../../src-shared/api/contract';
import { findElectronBinary } from '../../scripts/lib/electron-binary.mjs';

const root = join(__dirname, '..', '..');

/** The Electron binary to launch, or why there is none (read from the package: requiring it would download). */
function findElectron(): { path: string; reason?: undefined } | { path?: undefined; reason: string } {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display (DISPLAY and WAYLAND_DISPLAY unset; run under xvfb-run)' };
  }
  return findElectronBinary(root);
}

const electron = findElectron();
if (electron.reason) console.warn(`test/e2e-electron: SKIPPED, ${electron.reason}`);

interface PageWindow {
  partnerdeck?: { invoke(method: string, input: unknown): Promise<CallReply> } & Record<string, unknown>;
  require?: unknown;
  process?: unknown;
}

describe.skipIf(!electron.path)(electron.path ? 'desktop app' : `desktop app (SKIPPED: ${electron.reason})`, () => {
  let app: ElectronApplication | undefined;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    if (!existsSync(join(root, 'dist', 'main', 'electron-main.cjs'))) throw new Error('dist/ is not built: run `npm run build` first');
    const sqlite = spawnSync(process.execPath, [join(root, 'scripts', 'electron-sqlite.mjs')], { cwd: root, stdio: 'inherit' });
    if (sqlite.status !== 0) throw new Error('better-sqlite3 could not be built for Electron (scripts/electron-sqlite.mjs, output above)');
    dataDir = mkdtempSync(join(tmpdir(), 'pd-e2e-electron-'));
    const env = { ...process.env, PARTNERDECK_DATA_DIR: dataDir } as Record<string, string>;
    delete env.ELECTRON_RUN_AS_NODE;
    app = await _electron.launch({ executablePath: electron.path, args: [root], cwd: root, env });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the PartnerDeck window on the app origin', async () => {
    expect(await page.title()).toContain('PartnerDeck');
    expect(page.url()).toMatch(/^app:\/\/partnerdeck\//);
    const windows = await app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()));
    expect(windows).toHaveLength(1);
    expect(windows[0]).toContain('PartnerDeck');
  });

  it('shows the demo console acting as Self', async () => {
    await page.getByText('Self').filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('gives the page no Node: window.require, process and module are undefined', async () => {
    const types = await page.evaluate(() => {
      const w = window as unknown as PageWindow & { module?: unknown };
      return [typeof w.require, typeof w.process, typeof w.module];
    });
    expect(types).toEqual(['undefined', 'undefined', 'undefined']);
  });

  it('exposes the bridge, and a console call crosses it', async () => {
    const shape = await page.evaluate(() => Object.keys((window as unknown as PageWindow).partnerdeck ?? {}).sort());
    expect(shape).toEqual(['invoke', 'onEvent', 'onUiCommand']);
    const reply = await page.evaluate(() => (window as unknown as PageWindow).partnerdeck!.invoke('session.get', {}));
    expect(reply.ok).toBe(true);
    const refused = await page.evaluate(() => (window as unknown as PageWindow).partnerdeck!.invoke('no.such.method', {}));
    expect(refused).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('enforces the CSP: no eval', async () => {
    const outcome = await page.evaluate(() => {
      try {
        return String((0, eval)('"ran"'));
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(outcome).toBe('EvalError');
  });

  it('does not leave the app origin', async () => {
    await page.evaluate(() => {
      window.location.href = 'file:///etc/hosts';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/partnerdeck\//);
  });
});
