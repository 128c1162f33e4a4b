// Honest states in Chromium (demo data): an embedded app whose server cannot be reached shows the console's
// own "not reachable" frame (its Start URL, what was tried, how to start the example app) instead of the
// browser's error page — every seeded third-party app is like that in an offline demo — and Try again asks
// once more. A console whose server stopped says so ("PartnerDeck stopped", how to start it again).
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli, stop } from '../helpers/cli';
import { closeConsoleInChromium, openConsoleInChromium, screenshot, switchCompany, WAIT } from '../helpers/console-e2e';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-e2e-honest-');
const dataDir = join(dir.path, 'data');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
const byTestId = (id: string) => page.getByTestId(id);

beforeAll(async () => {
  assertBuilt();
  ({ child, browser, page, pageErrors } = await openConsoleInChromium(dataDir, { args: ['--seed', 'demo'], viewport: { width: 1280, height: 860 } }));
});

afterAll(async () => {
  await closeConsoleInChromium({ browser, child });
  dir.remove();
});

describe('an embedded app that cannot be reached', () => {
  it('shows the console\'s own frame with the URL, what was tried and how to start the example app', async () => {
    const apps = JSON.parse(runCli(['app', 'list', '--json', '--data-dir', dataDir]).stdout) as { id: number; name: string; start_url: string }[];
    const radar = apps.find((a) => a.name === 'Review Radar')!;
    expect(radar.start_url).toBe('https://review-radar.example/app');
    await switchCompany(page, 'Nordlys Outdoor');
    await byTestId('nav-manage-apps').click();
    await byTestId(`managed-app-${radar.id}`).waitFor(WAIT);
    await byTestId(`open-${radar.id}`).click();
    const frame = byTestId('app-unreachable');
    await frame.waitFor(WAIT);
    expect(await byTestId('embed-surface').getAttribute('data-embed-mode')).toBe('unreachable');
    expect(await page.locator('[data-testid="embed-surface"] iframe').count()).toBe(0);
    expect(await frame.locator('h2').textContent()).toBe('Review Radar is not reachable');
    expect(await byTestId('app-unreachable-url').textContent()).toBe('https://review-radar.example/app');
    expect(await byTestId('app-unreachable-tried').textContent()).toMatch(/^Connecting to review-radar\.example:443: /);
    expect(await byTestId('app-unreachable-help').textContent()).toContain('partnerdeck example-app');
    await screenshot(page, 'app-unreachable');
    // Try again asks once more (and still finds nothing).
    await byTestId('app-unreachable-retry').click();
    await frame.waitFor(WAIT);
    expect(pageErrors).toEqual([]);
  });
});

describe('a console whose server has stopped', () => {
  it('says "PartnerDeck stopped" and how to start it again, instead of a dead page', async () => {
    expect(await byTestId('console-stopped').count()).toBe(0);
    await stop(child);
    const stopped = byTestId('console-stopped');
    await stopped.waitFor({ timeout: 30_000 });
    expect(await stopped.locator('h1').textContent()).toBe('PartnerDeck stopped');
    expect(await stopped.textContent()).toContain('npm start');
    await screenshot(page, 'console-stopped');
  });
});
