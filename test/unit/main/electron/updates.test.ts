// Updates: electron-updater's real AppImageUpdater checks a generic feed served by a loopback HTTP server in
// this test (latest-linux.yml / beta-linux.yml and the AppImage), downloads and verifies the file, and the
// controller walks checking -> downloading -> ready (restart to update) or current / error; with no feed
// configured it stays off and asks nothing. Only the HTTP client differs from the app (Node's http instead
// of Chromium's net, which plain Node has not).
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type ClientRequest, type IncomingMessage, type RequestOptions, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppImageUpdater, type AppUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  checkFeedUrl,
  createUpdateController,
  resolveUpdateSettings,
  updateMenuLabel,
  type UpdateSettings,
  type UpdateState,
} from '../../../../src-main/electron/updates';

/** ElectronHttpExecutor's download, over Node's http (the shape of electron-updater's own executor). */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options as never, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers || undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      (this as unknown as { doDownload(o: RequestOptions, c: unknown, n: number): void }).doDownload(
        requestOptions,
        { destination, options, onCancel, callback: (error: Error | null) => (error == null ? resolve(destination) : reject(error)), responseHandler: null },
        0,
      );
    });
  }
}

const dir = mkdtempSync(join(tmpdir(), 'pd-updates-'));
const files: Record<string, Buffer> = {};
const requests: string[] = [];
let server: Server;
let feed: string;
const savedAppImage = process.env.APPIMAGE;

function release(version: string, name: string, corrupt = false): string {
  const body = Buffer.from(`PartnerDeck ${version} AppImage bytes `.repeat(500));
  files[`/${name}`] = corrupt ? Buffer.concat([body, Buffer.from('tampered')]) : body;
  const sha512 = createHash('sha512').update(body).digest('base64');
  return `version: ${version}\nfiles:\n  - url: ${name}\n    sha512: ${sha512}\n    size: ${body.length}\npath: ${name}\nsha512: ${sha512}\nreleaseDate: '2026-12-01T00:00:00.000Z'\n`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const path = (req.url ?? '').split('?')[0];
    const [, feedName, file] = /^\/(\w+)(\/.*)$/.exec(path) ?? [];
    const body = feedName ? files[`/${feedName}${file}`] ?? files[file] : undefined;
    if (!body || (feedName === 'current' && file.endsWith('.AppImage'))) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('content-length', body.length);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feed = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  files['/newer/latest-linux.yml'] = Buffer.from(release('0.2.0', 'PartnerDeck-0.2.0.AppImage'));
  files['/newer/beta-linux.yml'] = Buffer.from(release('0.3.0-beta.1', 'PartnerDeck-0.3.0-beta.1.AppImage'));
  files['/current/latest-linux.yml'] = Buffer.from(release('0.1.0', 'PartnerDeck-0.1.0.AppImage'));
  files['/tampered/latest-linux.yml'] = Buffer.from(release('0.2.0', 'PartnerDeck-0.2.0-t.AppImage', true));
  // What electron-builder writes into a packaged app (the cache folder's name; the feed comes from setFeedURL).
  writeFileSync(join(dir, 'app-update.yml'), 'provider: generic\nurl: http://127.0.0.1:9/unused\nupdaterCacheDirName: partnerdeck-updater\n');
  // The running AppImage the updater replaces.
  process.env.APPIMAGE = join(dir, 'PartnerDeck-0.1.0.AppImage');
  writeFileSync(process.env.APPIMAGE, 'old');
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  if (savedAppImage === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = savedAppImage;
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  requests.length = 0;
});

let nextCache = 0;
function realUpdater(): AppUpdater {
  const cache = join(dir, `cache-${nextCache++}`);
  const adapter: AppAdapter = {
    version: '0.1.0',
    name: 'PartnerDeck',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: cache,
    baseCachePath: cache,
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  const updater = new AppImageUpdater(null, adapter);
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new NodeHttpExecutor();
  updater.logger = null;
  updater.disableDifferentialDownload = true;
  return updater;
}

function controllerFor(settings: UpdateSettings, updater = realUpdater()) {
  const states: UpdateState[] = [];
  const controller = createUpdateController({ updater, settings, hasBuiltInFeed: false, currentVersion: '0.1.0', onState: (s) => states.push(s) });
  return { controller, states, updater };
}

describe('updates from a generic feed (electron-updater against a loopback feed)', () => {
  it('stable: checks latest-linux.yml, downloads and verifies 0.2.0, then offers a restart', async () => {
    const { controller, states, updater } = controllerFor({ feedUrl: `${feed}/newer`, channel: 'stable' });
    expect(controller.enabled).toBe(true);
    const final = await controller.check();
    expect(final).toEqual({ kind: 'ready', version: '0.2.0' });
    expect(states[0]).toEqual({ kind: 'checking' });
    expect(states).toContainEqual({ kind: 'downloading', version: '0.2.0', percent: 0 });
    expect(requests[0]).toMatch(/^\/newer\/latest-linux\.yml/);
    expect(requests).toContain('/newer/PartnerDeck-0.2.0.AppImage');
    expect(updateMenuLabel(final)).toBe('Restart to Update to 0.2.0');
    const quit = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => undefined);
    expect(controller.restart()).toBe(true);
    expect(quit).toHaveBeenCalledWith(false, true);
  });

  it('beta: reads beta-linux.yml and takes the prerelease', async () => {
    const { controller } = controllerFor({ feedUrl: `${feed}/newer`, channel: 'beta' });
    expect(await controller.check()).toEqual({ kind: 'ready', version: '0.3.0-beta.1' });
    expect(requests[0]).toMatch(/^\/newer\/beta-linux\.yml/);
  });

  it('says the app is current when the feed has its version, and downloads nothing', async () => {
    const { controller, updater } = controllerFor({ feedUrl: `${feed}/current`, channel: 'stable' });
    expect(await controller.check()).toEqual({ kind: 'current', version: '0.1.0' });
    expect(requests.filter((r) => r.endsWith('.AppImage'))).toEqual([]);
    const quit = vi.spyOn(updater, 'quitAndInstall');
    expect(controller.restart()).toBe(false);
    expect(quit).not.toHaveBeenCalled();
  });

  it('refuses a download whose checksum does not match the feed', async () => {
    const { controller } = controllerFor({ feedUrl: `${feed}/tampered`, channel: 'stable' });
    const final = await controller.check();
    expect(final.kind).toBe('error');
    expect((final as { message: string }).message).toMatch(/sha512 checksum mismatch/);
  });

  it('reports a feed that does not answer', async () => {
    const { controller } = controllerFor({ feedUrl: `${feed}/missing`, channel: 'stable' });
    const final = await controller.check();
    expect(final.kind).toBe('error');
    expect(updateMenuLabel(final)).toBe('Check for Updates…');
  });

  it('is off without a feed: no request, no schedule', async () => {
    const { controller, states } = controllerFor({ feedUrl: null, channel: 'stable' });
    expect(controller.enabled).toBe(false);
    expect(controller.state()).toMatchObject({ kind: 'off' });
    expect(await controller.check()).toMatchObject({ kind: 'off' });
    const timers = { setTimeout: vi.fn(), setInterval: vi.fn(), clearTimeout: vi.fn(), clearInterval: vi.fn() };
    controller.schedule(timers as never)();
    expect(timers.setTimeout).not.toHaveBeenCalled();
    expect(requests).toEqual([]);
    expect(states).toEqual([]);
    expect(updateMenuLabel(controller.state())).toBe('Updates: not configured');
  });
});

describe('update settings', () => {
  it('takes the prefs feed, else the environment; stable unless beta', () => {
    expect(resolveUpdateSettings({ feedUrl: 'https://updates.example/partnerdeck/', channel: 'beta' }, {})).toEqual({ feedUrl: 'https://updates.example/partnerdeck', channel: 'beta', error: null });
    expect(resolveUpdateSettings(undefined, { PARTNERDECK_UPDATE_FEED: 'https://env.example/feed' })).toEqual({ feedUrl: 'https://env.example/feed', channel: 'stable', error: null });
    expect(resolveUpdateSettings({ channel: 'nightly' }, {})).toEqual({ feedUrl: null, channel: 'stable', error: null });
  });

  it('refuses a feed URL that is not https (http only on this computer) or carries credentials', () => {
    expect(checkFeedUrl('http://updates.example/feed')).toEqual({ error: expect.stringMatching(/must use https/) });
    expect(checkFeedUrl('http://127.0.0.1:8080/feed')).toEqual({ url: 'http://127.0.0.1:8080/feed' });
    expect(checkFeedUrl('https://user:pw@updates.example/')).toEqual({ error: expect.stringMatching(/user info/) });
    expect(checkFeedUrl('not a url')).toEqual({ error: expect.stringMatching(/is not a URL/) });
    expect(resolveUpdateSettings({ feedUrl: 'ftp://x/' }, {})).toMatchObject({ feedUrl: null, error: expect.stringMatching(/https/) });
  });
});
