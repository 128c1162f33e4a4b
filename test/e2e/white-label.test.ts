// White label in Chromium: the partner uploads its logo in Company settings (a hostile SVG: stored inert, nothing
// runs), sees it top left, then a client's own user (Switch user…) sees the partner's logo top left too; a damaged
// file is refused with the error next to the field; the partner duties are shown word for word; the companies list
// finds a client by its token; the operator sets the CNAME target under Platform settings and partners see it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTNER_DUTIES } from '../../src-shared/domain/white-label';
import { DEMO_OPERATOR_EMAIL } from '../../src-main/core/seed/demo-seed';
import { assertBuilt, runCli } from '../helpers/cli';
import { closeConsoleInChromium, openConsoleInChromium, screenshot, WAIT, type ConsoleInChromium } from '../helpers/console-e2e';
import { switchUser } from '../helpers/console-page';
import { HOSTILE_SVG, pngOf } from '../helpers/logos';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-e2e-white-label-');
const dataDir = join(dir.path, 'data');
let c: ConsoleInChromium;

beforeAll(async () => {
  assertBuilt();
  c = await openConsoleInChromium(dataDir, { args: ['--seed', 'demo'], viewport: { width: 1440, height: 900 } });
});
afterAll(async () => {
  await closeConsoleInChromium(c ?? {});
  dir.remove();
});

describe('white label', () => {
  it('the partner uploads a logo (a hostile SVG is stored inert) and sees it top left', async () => {
    const { page, origin } = c;
    await page.goto(`${origin}/#/company/settings`);
    await page.getByTestId('logo-card').getByTestId('logo-none').waitFor();
    expect(await page.getByTestId('brand-logo').count()).toBe(0);
    const title = await page.title();

    // A damaged PNG: the error names the file, nothing is stored.
    await page.getByTestId('logo-file').setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: pngOf(64, 64).subarray(0, 90) });
    await page.getByTestId('logo-save').click();
    await expect.poll(() => page.getByTestId('logo-error').textContent(), WAIT).toBe('broken.png is damaged or incomplete: it is not a readable PNG image');
    expect(await page.getByTestId('brand-logo').count()).toBe(0);

    await page.getByTestId('logo-file').setInputFiles({ name: 'acme.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(HOSTILE_SVG) });
    await page.getByTestId('logo-chosen').waitFor();
    await page.getByTestId('logo-save').click();
    await page.getByTestId('logo-removed').waitFor(WAIT);
    expect(await page.getByTestId('logo-removed').textContent()).toContain('<script> element');
    await expect.poll(() => page.getByTestId('brand-logo').count(), WAIT).toBe(1);
    expect(await page.getByTestId('brand-logo').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await page.getByTestId('brand-logo').getAttribute('alt')).toBe('Northwind Commerce Partners GmbH');
    // The SVG's script and onload never ran (they would have changed the title).
    expect(await page.title()).toBe(title);
    expect(c.pageErrors).toEqual([]);

    const duties = await page.getByTestId('partner-duty').allTextContents();
    expect(duties).toEqual([...PARTNER_DUTIES]);
    await screenshot(page, 'white-label-settings');
  });

  it("a client's own user sees the partner's logo top left", async () => {
    const { page, origin } = c;
    await switchUser(page, origin, 'anna@alpenglueck.example', 'Anna');
    await expect.poll(() => page.getByTestId('brand-logo').count(), WAIT).toBe(1);
    const logo = page.getByTestId('logo');
    expect(await logo.getAttribute('aria-label')).toBe('Northwind Commerce Partners GmbH home');
    const box = (await page.getByTestId('brand-logo').boundingBox())!;
    expect(box.x).toBeLessThan(60);
    expect(box.y).toBeLessThan(40);
    expect(box.height).toBeGreaterThan(20);
    await screenshot(page, 'white-label-client-user');
  });

  it('the companies list finds a client by its token', async () => {
    const { page, origin } = c;
    await switchUser(page, origin, 'dana@northwind-partners.example', 'Dana');
    const nordlys = JSON.parse(runCli(['company', 'list', '--json', '--data-dir', dataDir]).stdout).find((x: { name: string }) => x.name === 'Nordlys Outdoor AS').id;
    expect(runCli(['company', 'list', '--data-dir', dataDir]).status).toBe(0);
    await page.goto(`${origin}/#/companies/${nordlys}`);
    await page.getByTestId('company-settings').getByLabel('Token', { exact: true }).fill('ERP-77-NORD');
    await page.getByTestId('company-settings').getByRole('button', { name: /Save changes/ }).click();
    await expect.poll(() => runCli(['company', 'list', '--token', 'ERP-77-NORD', '--json', '--data-dir', dataDir]).stdout, WAIT).toContain('Nordlys Outdoor AS');
    await page.goto(`${origin}/#/companies`);
    await page.getByTestId('companies-search').fill('erp-77');
    await expect.poll(() => page.getByTestId('company-row').count(), WAIT).toBe(1);
    expect(await page.getByTestId('company-token-match').textContent()).toBe('Token ERP-77-NORD');
    await screenshot(page, 'white-label-token-search');
  });

  it("the operator sets the CNAME target under Platform settings; the partner's White label card shows it", async () => {
    const { page, origin } = c;
    await switchUser(page, origin, DEMO_OPERATOR_EMAIL, 'Olivia');
    await page.getByTestId('nav-platform-settings').click();
    const field = page.getByTestId('cname-target-card').getByLabel('CNAME target', { exact: true });
    await expect.poll(() => field.inputValue(), WAIT).toBe('admin.flickrocket.com');
    await field.fill('not a host');
    await page.getByTestId('platform-settings').getByRole('button', { name: /Save changes/ }).click();
    await expect.poll(() => page.getByTestId('error-cnameTarget').textContent(), WAIT).toContain('is not a host name');
    expect(runCli(['branding', 'cname-target', '--json', '--data-dir', dataDir]).stdout).toContain('"isDefault":true');
    await field.fill('admin.northwind-hosting.example');
    await page.getByTestId('platform-settings').getByRole('button', { name: /Save changes/ }).click();
    await expect.poll(() => runCli(['branding', 'cname-target', '--json', '--data-dir', dataDir]).stdout, WAIT).toContain('admin.northwind-hosting.example');
    await screenshot(page, 'platform-settings');

    await switchUser(page, origin, 'dana@northwind-partners.example', 'Dana');
    expect(await page.getByTestId('nav-platform-settings').count()).toBe(0);
    await page.goto(`${origin}/#/company/settings`);
    await expect.poll(() => page.getByTestId('cname-target').textContent(), WAIT).toBe('admin.northwind-hosting.example');
  });
});
