// The desktop app's "Connect to team server" (src-main/electron/team-server.ts) against the electron fake: the
// address check and its refusals in words, the probe of the server before the choice is kept (a PartnerDeck team
// server, another web server, a redirect, an untrusted certificate, nothing answering), and the remote window: no
// preload, the locked-down preferences, its own persistent partition, navigation and new windows only on the
// server's origin, permissions denied, foreign downloads cancelled, the title naming the server, a failed load
// reported, certificate errors never overridden.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../src-shared/api/errors';
import { TEAM_SERVER_HEADER } from '../../../../src-shared/api/team-console';
import { LOCKED_DOWN_WEB_PREFERENCES } from '../../../../src-main/electron/window-security';
import {
  checkTeamServerUrl,
  createTeamServerWindow,
  isOnOrigin,
  logCertificateErrors,
  probeTeamServer,
  readTeamServerUrl,
  teamServerPartition,
  teamServerTitle,
  type FetchLike,
} from '../../../../src-main/electron/team-server';
import type { Prefs } from '../../../../src-main/console/prefs';
import { DEFAULT_PREFS } from '../../../../src-main/console/prefs';
import { FakeBrowserWindow, FakeDownloadItem, FakeEvent, app, resetElectronFake, session } from '../../../fakes/electron-fake';

vi.mock('electron', async () => {
  const fake = await import('../../../fakes/electron-fake');
  return { ...fake, default: fake };
});

const ORIGIN = 'https://deck.example.com';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('validation_failed');
    const problem = (error as ApiError).fields.url?.[0];
    expect(problem, 'the url field names the problem').toBeTruthy();
    return problem!;
  }
  throw new Error('accepted');
}

async function probeRefusal(fetchLike: FetchLike): Promise<string> {
  try {
    await probeTeamServer(ORIGIN, fetchLike);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).fields.url![0];
  }
  throw new Error('accepted');
}

const answer = (status: number, headers: Record<string, string> = {}, body = ''): FetchLike => async () => ({
  status,
  headers: { get: (name: string) => Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? null },
  text: async () => body,
});
const failing = (message: string): FetchLike => () => Promise.reject(new Error(message));

describe('the team server address', () => {
  it('keeps the origin of an https address (a path, query or trailing slash dropped) and takes a bare host as https', () => {
    expect(checkTeamServerUrl('https://deck.example.com/').origin).toBe(ORIGIN);
    expect(checkTeamServerUrl('  https://Deck.Example.com:8443/sign-in?x=1 ').origin).toBe('https://deck.example.com:8443');
    expect(checkTeamServerUrl('deck.example.com').origin).toBe(ORIGIN);
    expect(checkTeamServerUrl('deck.example.com:8443').origin).toBe('https://deck.example.com:8443');
  });

  it('accepts plain http only on this computer (a server tried out here)', () => {
    expect(checkTeamServerUrl('http://localhost:8080').origin).toBe('http://localhost:8080');
    expect(checkTeamServerUrl('http://127.0.0.1:8080/').origin).toBe('http://127.0.0.1:8080');
    expect(checkTeamServerUrl('http://[::1]:8080').origin).toBe('http://[::1]:8080');
    expect(refusal(() => checkTeamServerUrl('http://deck.example.com'))).toMatch(/use https:\/\/deck\.example\.com: passwords and the sign-in cookie must not cross a network unencrypted/);
    expect(refusal(() => checkTeamServerUrl('http://192.168.1.20:8080'))).toMatch(/use https:\/\/192\.168\.1\.20:8080/);
  });

  it('refuses, in words, an empty address, another scheme, user info, a fragment and what is not an address', () => {
    expect(refusal(() => checkTeamServerUrl('   '))).toMatch(/enter the address of your team’s PartnerDeck server/);
    expect(refusal(() => checkTeamServerUrl('ftp://deck.example.com'))).toBe('it must start with https:// (not ftp://)');
    expect(refusal(() => checkTeamServerUrl('javascript:alert(1)'))).toMatch(/it must start with https:\/\//);
    expect(refusal(() => checkTeamServerUrl('file:///etc/passwd'))).toMatch(/it must start with https:\/\//);
    expect(refusal(() => checkTeamServerUrl('https://me:secret@deck.example.com'))).toMatch(/leave out a user name or password/);
    expect(refusal(() => checkTeamServerUrl('https://deck.example.com/#/settings'))).toBe('leave out the part after #');
    expect(refusal(() => checkTeamServerUrl('https://exa mple.com'))).toMatch(/is not a web address/);
  });

  it('reads the remembered choice only in a shape the check accepts (else: this computer)', () => {
    expect(readTeamServerUrl('https://deck.example.com')).toBe(ORIGIN);
    for (const bad of [null, undefined, 42, {}, '', 'http://deck.example.com', 'https://me@deck.example.com', 'ftp://x']) expect(readTeamServerUrl(bad)).toBeNull();
  });

  it('gives each server and port its own persistent partition, and a title naming it', () => {
    expect(teamServerPartition(ORIGIN)).toBe('persist:team-deck.example.com');
    expect(teamServerPartition('https://deck.example.com:8443')).toBe('persist:team-deck.example.com_8443');
    expect(teamServerPartition('http://localhost:8080')).toBe('persist:team-http-localhost_8080');
    expect(teamServerTitle(ORIGIN)).toBe('Team server deck.example.com — PartnerDeck');
  });

  it('compares origins exactly (scheme, host, port, no user info)', () => {
    expect(isOnOrigin(ORIGIN, `${ORIGIN}/sign-in`)).toBe(true);
    for (const other of ['http://deck.example.com/', 'https://deck.example.com:444/', 'https://deck.example.com.evil.example/', 'https://deck.example.com@evil.example/', 'https://someone@deck.example.com/', 'https://evil.example/?https://deck.example.com', 'not a url']) {
      expect(isOnOrigin(ORIGIN, other), other).toBe(false);
    }
  });
});

describe('asking the server before keeping it', () => {
  it('accepts a PartnerDeck team server (its header, or the sign-in page of an older one)', async () => {
    await expect(probeTeamServer(ORIGIN, answer(200, { [TEAM_SERVER_HEADER]: '1' }))).resolves.toBeUndefined();
    await expect(probeTeamServer(ORIGIN, answer(303, { [TEAM_SERVER_HEADER]: '1', Location: '/' }))).resolves.toBeUndefined();
    await expect(probeTeamServer(ORIGIN, answer(200, {}, '<html><head><title>Sign in · PartnerDeck</title>'))).resolves.toBeUndefined();
  });

  it('asks the sign-in page without following redirects', async () => {
    const asked: Array<[string, unknown]> = [];
    await probeTeamServer(ORIGIN, async (url, init) => {
      asked.push([url, init.redirect]);
      return answer(200, { [TEAM_SERVER_HEADER]: '1' })(url, init);
    });
    expect(asked).toEqual([[`${ORIGIN}/sign-in`, 'manual']]);
  });

  it('says when a server answers but is not a PartnerDeck team server, or redirects elsewhere', async () => {
    expect(await probeRefusal(answer(200, {}, '<html><title>Welcome to nginx!</title>'))).toBe(
      'deck.example.com answers (HTTP 200), but it is not a PartnerDeck team server. Its address is the one your team opens in a browser to sign in (started with `partnerdeck serve --console`).',
    );
    expect(await probeRefusal(answer(404))).toMatch(/answers \(HTTP 404\), but it is not a PartnerDeck team server/);
    expect(await probeRefusal(answer(301, { Location: 'https://www.example.com/' }))).toMatch(/answered with a redirect to https:\/\/www\.example\.com\/, not a PartnerDeck sign-in page/);
  });

  it('explains an untrusted certificate, an unknown name, a refused connection and a timeout, and never passes them', async () => {
    expect(await probeRefusal(failing('net::ERR_CERT_AUTHORITY_INVALID'))).toMatch(/^The certificate of deck\.example\.com is not trusted by this computer \(ERR_CERT_AUTHORITY_INVALID\)\. PartnerDeck does not skip this check/);
    expect(await probeRefusal(failing('net::ERR_CERT_DATE_INVALID'))).toMatch(/not trusted by this computer \(ERR_CERT_DATE_INVALID\)/);
    expect(await probeRefusal(failing('net::ERR_NAME_NOT_RESOLVED'))).toBe('No server called deck.example.com was found. Check the address for typing mistakes (and your network).');
    expect(await probeRefusal(failing('net::ERR_CONNECTION_REFUSED'))).toBe('Nothing answers at deck.example.com: the server is not running, or listens on another port.');
    const timeout = new Error('The operation was aborted due to timeout');
    timeout.name = 'TimeoutError';
    expect(await probeRefusal(() => Promise.reject(timeout))).toMatch(/did not answer within 10 seconds/);
  });
});

describe('the remote window', () => {
  const prefsStore = new Map<string, unknown>();
  const prefs: Prefs = { get: (key) => (prefsStore.has(key) ? prefsStore.get(key) : DEFAULT_PREFS[key]) as never, set: (key, value) => void prefsStore.set(key, value) };
  let links: string[];
  let failures: string[];

  beforeEach(() => {
    resetElectronFake();
    prefsStore.clear();
    links = [];
    failures = [];
  });

  const open = () =>
    createTeamServerWindow({
      origin: ORIGIN,
      prefs,
      workAreas: [{ x: 0, y: 0, width: 1920, height: 1080 }],
      backgroundColor: '#ffffff',
      openLink: (_contents, url) => links.push(url),
      downloadsDir: () => '/tmp/downloads',
      onLoadFailed: (_window, message) => failures.push(message),
    }) as unknown as FakeBrowserWindow;

  it('has no preload, the locked-down preferences and its own persistent partition, and loads the server', () => {
    const window = open();
    expect(window.options.webPreferences).toEqual({ ...LOCKED_DOWN_WEB_PREFERENCES, partition: 'persist:team-deck.example.com' });
    expect((window.options.webPreferences as Record<string, unknown>).preload).toBeUndefined();
    expect(window.loadedUrl).toBe(`${ORIGIN}/`);
    expect(window.title).toBe('Team server deck.example.com — PartnerDeck');
    window.pageTitleUpdated('Sign in · PartnerDeck');
    expect(window.title).toBe('Team server deck.example.com — PartnerDeck');
  });

  it('navigates only within the server: another origin is stopped and offered to the system browser', () => {
    const contents = open().webContents;
    expect(contents.attempt('will-navigate', { url: `${ORIGIN}/sign-in?signed-out` })).toBe(false);
    expect(contents.attempt('will-navigate', { url: 'https://evil.example/phish' })).toBe(true);
    expect(contents.attempt('will-navigate', { url: 'http://deck.example.com/' })).toBe(true);
    expect(contents.attempt('will-navigate', { url: 'app://partnerdeck/index.html' })).toBe(true);
    expect(links).toEqual(['https://evil.example/phish', 'http://deck.example.com/', 'app://partnerdeck/index.html']);
    expect(contents.attempt('will-redirect', { url: `${ORIGIN}/` })).toBe(false);
    expect(contents.attempt('will-redirect', { url: 'https://evil.example/' })).toBe(true);
  });

  it("opens new windows only of the server's origin, with no preload either", () => {
    const contents = open().webContents;
    const same = contents.windowOpenHandler!({ url: `${ORIGIN}/#/c/12/orders` }) as { action: string; overrideBrowserWindowOptions?: { webPreferences?: Record<string, unknown> } };
    expect(same.action).toBe('allow');
    expect(same.overrideBrowserWindowOptions?.webPreferences).toEqual({ ...LOCKED_DOWN_WEB_PREFERENCES, partition: 'persist:team-deck.example.com' });
    expect(contents.windowOpenHandler!({ url: 'https://docs.example.com/' })).toEqual({ action: 'deny' });
    expect(links).toEqual(['https://docs.example.com/']);
    // The new window gets the same rules.
    const child = new FakeBrowserWindow({});
    contents.emit('did-create-window', child);
    expect(child.webContents.attempt('will-navigate', { url: 'https://evil.example/' })).toBe(true);
  });

  it("denies every permission and cancels downloads that are not the server's", () => {
    open();
    const ses = session.partitions.get('persist:team-deck.example.com')!;
    const answers: boolean[] = [];
    ses.permissionRequestHandler!({}, 'notifications', (granted) => answers.push(granted), {});
    expect(answers).toEqual([false]);
    expect(ses.permissionCheckHandler!({}, 'clipboard-read', ORIGIN, {})).toBe(false);
    expect(ses.download(new FakeDownloadItem('https://evil.example/a.exe', 'a.exe'))).toBe(true);
    const own = new FakeDownloadItem(`blob:${ORIGIN}/5b1c`, 'orders.csv');
    expect(ses.download(own)).toBe(false);
    expect(own.saveDialogOptions).toMatchObject({ defaultPath: '/tmp/downloads/orders.csv' });
  });

  it('reports a page that did not load (not an aborted one) in words', () => {
    const contents = open().webContents;
    contents.emit('did-fail-load', new FakeEvent(), -3, 'ERR_ABORTED', `${ORIGIN}/`, true);
    contents.emit('did-fail-load', new FakeEvent(), -202, 'ERR_CERT_AUTHORITY_INVALID', `${ORIGIN}/x.png`, false);
    expect(failures).toEqual([]);
    contents.emit('did-fail-load', new FakeEvent(), -202, 'ERR_CERT_AUTHORITY_INVALID', `${ORIGIN}/`, true);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/certificate of deck\.example\.com is not trusted/);
  });

  it('never overrides a certificate error (the handler only logs it)', () => {
    const logged: string[] = [];
    logCertificateErrors(app as never, (message) => logged.push(message));
    const event = new FakeEvent();
    const callback = vi.fn();
    app.emit('certificate-error', event, {}, `${ORIGIN}/`, 'net::ERR_CERT_AUTHORITY_INVALID', {}, callback);
    expect(event.defaultPrevented).toBe(false);
    expect(callback).not.toHaveBeenCalledWith(true);
    expect(logged).toEqual([`refused ${ORIGIN}/: its certificate is not trusted (net::ERR_CERT_AUTHORITY_INVALID)`]);
  });
});
