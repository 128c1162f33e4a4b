// Issue 24: the desktop path end to end with everything real but the Electron binary (test/helpers/desktop-harness.ts):
// the built renderer through the real app:// handler, the real preload bundle, the real main-side IPC bridge and
// the real console service on a demo data folder (real clock). The browser-mode stories (sign-in, switching
// clients, a product, Sales, an embedded app's view, closing a month), pushed events, then the refusals: a frame
// of another origin, a sub-frame, unknown channels, malformed replies, a page reaching for Node, a preload that
// requires more than `electron`.
import type { Frame } from 'playwright';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PARTNER_EMAIL } from '../../src-main/core/seed/demo-seed';
import { addMonths, monthOf } from '../../src-shared/domain/billing';
import { IPC_INVOKE_CHANNEL } from '../../src-shared/api/ipc';
import type { ManagedApp } from '../../src-shared/api/embedded-app-types';
import type { SignInCandidate, SwitcherEntry } from '../../src-shared/api/types';
import { switchUser } from '../helpers/console-page';
import { screenshot, switchCompany, WAIT } from '../helpers/console-e2e';
import { FOREIGN_ORIGIN, STAND_IN_ORIGIN, startDesktopHarness, type DesktopHarness } from '../helpers/desktop-harness';

vi.mock('electron', async () => (await import('../helpers/desktop-harness-electron')).harnessElectron);

const CLIENT = 'Rheinwerk Tools GmbH';
const PRODUCT = 'Harness Torque Wrench';

let h: DesktopHarness;
const byTestId = (id: string) => h.page.getByTestId(id);
/** A call as the page makes it: through window.partnerdeck (the preload), answered by the real bridge. */
const pageInvoke = (method: string, input: unknown) =>
  h.page.evaluate(([m, i]) => (window as unknown as { partnerdeck: { invoke(m: string, i: unknown): Promise<unknown> } }).partnerdeck.invoke(m, i), [method, input] as const);

describe('the desktop path in the harness', () => {
  beforeAll(async () => {
    h = await startDesktopHarness();
    await h.open();
    await byTestId('company-switcher').waitFor(WAIT);
    await h.page.locator('[data-testid="overview-self"], [data-testid="overview-company"]').first().waitFor(WAIT);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('loads the renderer, its chunks and styles through the app:// handler, with the CSP and nosniff Chromium enforces', async () => {
    await screenshot(h.page, 'desktop-harness-overview');
    expect(h.served.map((f) => f.url)).toEqual(expect.arrayContaining(['app://partnerdeck/', expect.stringMatching(/^app:\/\/partnerdeck\/app-[A-Z2-7]{8}\.js$/), expect.stringMatching(/^app:\/\/partnerdeck\/app-[A-Z2-7]{8}\.css$/)]));
    expect(h.served.some((f) => f.url.startsWith('app://partnerdeck/chunks/'))).toBe(true);
    for (const file of h.served) {
      expect(file.status).toBe(200);
      expect(file.headers['content-security-policy']).toContain("script-src 'self'");
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['content-type']).toMatch(file.url.endsWith('.js') ? /^text\/javascript/ : file.url.endsWith('.css') ? /^text\/css/ : /^text\/html/);
    }
    // The handler's CSP is in force: an inline script (no 'unsafe-inline' in script-src) does not run, and
    // Chromium reports the violation. (Playwright's evaluate itself runs outside the page's CSP.)
    const inline = await h.page.evaluate(
      () =>
        new Promise<{ ran: boolean; violated: string }>((resolve) => {
          let violated = '';
          document.addEventListener('securitypolicyviolation', (e) => (violated = e.violatedDirective), { once: true });
          const script = document.createElement('script');
          script.textContent = 'window.__inlineRan = true;';
          document.head.appendChild(script);
          setTimeout(() => resolve({ ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, violated }), 100);
        }),
    );
    expect(inline).toEqual({ ran: false, violated: expect.stringMatching(/^script-src/) });
    expect(h.preloadViolations).toEqual([]);
  });

  it('signs in as the demo user (it starts as the demo user; another user and back)', async () => {
    expect(await byTestId('user-menu').textContent()).toContain('Dana');
    const candidates = (await h.consoleService.invoke('session.signInCandidates', {})) as SignInCandidate[];
    const client = candidates.find((c) => c.companyName === CLIENT)!;
    await switchUser(h.page, STAND_IN_ORIGIN, client.email, client.name);
    const demo = candidates.find((c) => c.email === DEMO_PARTNER_EMAIL)!;
    await switchUser(h.page, STAND_IN_ORIGIN, demo.email, demo.name);
    await byTestId('overview-self').waitFor(WAIT);
  });

  it('shows Sales as Self', async () => {
    await byTestId('nav-sales').click();
    await byTestId('sales-figures').waitFor(WAIT);
    await screenshot(h.page, 'desktop-harness-sales');
  });

  it('switches to a client with the palette and creates a product there', async () => {
    await switchCompany(h.page, CLIENT);
    await byTestId('nav-products').click();
    await byTestId('products').waitFor(WAIT);
    await byTestId('new-item').click();
    const form = byTestId('product-form');
    await form.getByTestId('kind-service').check();
    await form.getByTestId('input-name').fill(PRODUCT);
    await form.getByTestId('input-priceMinor').fill('99');
    await form.getByTestId('save').click();
    await expect.poll(() => byTestId('product-form').count(), WAIT).toBe(0);
    await byTestId('list-search').fill('Harness');
    await expect.poll(() => byTestId('products-row').allTextContents(), WAIT).toEqual([expect.stringContaining(PRODUCT)]);
  });

  it('pushes events back: a change made in the main process reaches the page', async () => {
    // The window acts as the client it switched to (its address says which: #/c/<id>/…); the change is made
    // from the main side acting as that client too.
    const acting = Number(/#\/c\/(\d+)\//.exec(h.page.url())?.[1]);
    expect(acting, h.page.url()).toBeGreaterThan(0);
    const created = (await h.consoleService
      .invoke('products.create', { companyId: acting, kind: 'service', name: `${PRODUCT} II`, priceMinor: 1000 }, { acting })
      .catch((e: unknown) => e)) as { id?: number };
    expect(created.id, JSON.stringify(created)).toBeGreaterThan(0);
    // product.created travels main -> webContents.send -> the preload -> the store, which refreshes the list.
    await expect.poll(() => byTestId('products-row').allTextContents(), WAIT).toEqual(expect.arrayContaining([expect.stringContaining(`${PRODUCT} II`)]));
  });

  it("shows an embedded app in the desktop app's native view: the page keeps a placeholder, the main side gets its bounds", async () => {
    const switcher = (await h.consoleService.invoke('session.switcher', {})) as SwitcherEntry[];
    let found: { company: string; app: ManagedApp } | null = null;
    for (const entry of switcher.filter((e) => !e.isSelf)) {
      const apps = (await h.consoleService.invoke('embeddedApps.list', { companyId: entry.id })) as ManagedApp[];
      const app = apps.find((a) => a.startUrl);
      if (app) {
        found = { company: entry.name, app };
        break;
      }
    }
    expect(found, 'a demo client with an embedded app').not.toBeNull();
    await switchCompany(h.page, found!.company);
    await byTestId('nav-manage-apps').click();
    await byTestId(`open-${found!.app.appId}`).click();
    const surface = byTestId('embed-surface');
    await expect.poll(() => surface.getAttribute('data-embed-mode'), WAIT).toBe('view');
    await expect.poll(() => [...h.views.values()].find((v) => v.bounds !== null) ?? null, WAIT).not.toBeNull();
    const view = [...h.views.values()][0];
    expect(view.origin).toBe(new URL(found!.app.startUrl!).origin);
    expect(view.url).toMatch(/hmac=/);
    const box = (await surface.boundingBox())!;
    expect(view.bounds).toMatchObject({ x: Math.round(box.x), width: Math.round(box.width) });
    await screenshot(h.page, 'desktop-harness-embedded-app');
    // Leaving the app's screen closes its view.
    await byTestId('nav-manage-apps').click();
    await expect.poll(() => [...h.views.values()].filter((v) => v.bounds !== null).length, WAIT).toBe(0);
  });

  it('closes last month as the partner', async () => {
    await byTestId('self-button').click();
    await expect.poll(() => byTestId('acting-company-name').textContent(), WAIT).toContain('Northwind');
    const month = addMonths(monthOf(Date.now()), -1);
    await byTestId('nav-billing').click();
    await byTestId(`open-month-${month}`).click();
    await byTestId('close-preview').waitFor(WAIT);
    await byTestId('close-month').click();
    await byTestId('confirm-button').click();
    await byTestId('month-state-closed').waitFor(WAIT);
    await expect.poll(() => byTestId('month-documents-table').textContent(), WAIT).toMatch(/PD-INV-\d{4}-\d{6}/);
    expect(h.pageErrors).toEqual([]);
  });

  describe('refusals', () => {
    it('refuses a page of another origin in the console window (the preload runs there, the bridge says no)', async () => {
      await h.page.goto(`${FOREIGN_ORIGIN}/`);
      const reply = await pageInvoke('session.get', {});
      expect(reply).toEqual({ ok: false, error: { code: 'forbidden', message: 'Call refused: the sender is not on app://partnerdeck' } });
      expect(h.bridgeLog).toContain('refused IPC call: the sender is not on app://partnerdeck');
      await h.open();
      await byTestId('company-switcher').waitFor(WAIT);
    });

    it('refuses a sub-frame of the app origin (only the main frame may call)', async () => {
      // A file of the app's own (the style sheet, by its content-hashed name).
      const css = new URL(h.served.find((f) => /\/app-[A-Z2-7]{8}\.css$/.test(f.url))!.url).pathname;
      await h.page.evaluate((path) => {
        const frame = document.createElement('iframe');
        frame.src = path;
        frame.dataset.testid = 'sub-frame';
        document.body.appendChild(frame);
      }, css);
      await expect.poll(() => h.page.frames().length, WAIT).toBe(2);
      const sub = h.page.frames().find((f) => f !== h.page.mainFrame()) as Frame;
      // Electron runs no preload in sub-frames: it has no bridge at all.
      expect(await sub.evaluate(() => typeof (window as unknown as { partnerdeck?: unknown }).partnerdeck)).toBe('undefined');
      const outcome = await h.invokeFrom(sub, IPC_INVOKE_CHANNEL, 'session.get', {});
      expect(outcome).toEqual({ ok: true, value: { ok: false, error: { code: 'forbidden', message: 'Call refused: the sender is not the main frame' } } });
      await h.page.evaluate(() => document.querySelector('[data-testid="sub-frame"]')?.remove());
    });

    it('refuses unknown channels and unknown methods', async () => {
      const main = h.page.mainFrame();
      expect(await h.invokeFrom(main, 'partnerdeck:other', 'session.get', {})).toEqual({ ok: false, message: "Error invoking remote method 'partnerdeck:other': Error: No handler registered for 'partnerdeck:other'" });
      expect(await h.invokeFrom(main, 'electron-store-get-data')).toMatchObject({ ok: false, message: expect.stringContaining('No handler registered') });
      expect(await pageInvoke('fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    });

    it('turns a malformed or uncloneable reply into an error the console shows, never a crash', async () => {
      let undo = h.replaceInvokeHandler(() => 'not a reply');
      try {
        expect(await pageInvoke('session.get', {})).toEqual({ ok: false, error: { code: 'internal', message: 'The main process sent a malformed reply' } });
      } finally {
        undo();
      }
      undo = h.replaceInvokeHandler(() => ({ ok: true, result: { run: () => 1 } }));
      try {
        expect(await pageInvoke('session.get', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/^IPC failed: .*could not be cloned/) } });
      } finally {
        undo();
      }
      expect(await pageInvoke('session.get', {})).toMatchObject({ ok: true });
    });

    it('gives the page no Node and nothing of the preload but frozen copies', async () => {
      const seen = await h.page.evaluate(() => {
        const w = window as unknown as Record<string, unknown> & { partnerdeck: Record<string, (...args: unknown[]) => unknown> };
        const bridge = w.partnerdeck;
        let cloneError = '';
        return Promise.resolve(bridge.invoke('session.get', { evil: () => 1 }))
          .then((reply) => {
            cloneError = JSON.stringify(reply);
          })
          .catch((error: Error) => {
            cloneError = `threw ${error.message}`;
          })
          .then(() => {
            let replaced = true;
            try {
              (bridge as Record<string, unknown>).invoke = () => 1;
            } catch {
              replaced = false;
            }
            return {
              node: [typeof w.require, typeof w.process, typeof w.module, typeof w.Buffer, typeof w.global, typeof w.ipcRenderer],
              harness: Object.keys(w).filter((k) => k.startsWith('__pdHarness')),
              keys: Object.keys(bridge).sort(),
              frozen: Object.isFrozen(bridge) && Object.isFrozen(bridge.invoke),
              replaced: replaced && bridge.invoke() === 1,
              source: String(bridge.invoke),
              cloneError,
            };
          });
      });
      expect(seen.node).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
      expect(seen.harness).toEqual([]);
      expect(seen.keys).toEqual(['invoke', 'onEvent', 'onUiCommand']);
      expect(seen.frozen).toBe(true);
      expect(seen.replaced).toBe(false);
      expect(seen.source).not.toMatch(/ipcRenderer|IPC_INVOKE_CHANNEL|partnerdeck:invoke/);
      // A function cannot cross (structured clone), and the page is told so as an error reply.
      expect(seen.cloneError).toMatch(/"code":"internal".*could not be cloned/);
    });

    it('passes pushed events to the page without the IPC event object', async () => {
      const waiting = h.page.evaluate(
        () =>
          new Promise<unknown[]>((resolve) => {
            const bridge = (window as unknown as { partnerdeck: { onEvent(listener: (...args: unknown[]) => void): () => void } }).partnerdeck;
            const off = bridge.onEvent((...received: unknown[]) => {
              off();
              resolve(received);
            });
          }),
      );
      await h.consoleService.invoke('session.switch', { companyId: null });
      const received = await waiting;
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ name: expect.any(String), payload: expect.any(Object) });
    });
  });
});

describe('the harness itself', () => {
  it('fails a preload that requires anything but electron, as a sandboxed preload would', async () => {
    const harness = await startDesktopHarness({ preloadSource: "const fs = require('fs'); require('electron').contextBridge.exposeInMainWorld('partnerdeck', { read: () => fs });" });
    try {
      await harness.open();
      await expect.poll(() => [...new Set(harness.preloadViolations)], WAIT).toEqual(["require('fs')"]);
      expect(await harness.page.evaluate(() => typeof (window as unknown as { partnerdeck?: unknown }).partnerdeck)).toBe('undefined');
    } finally {
      await harness.close();
    }
  });
});
