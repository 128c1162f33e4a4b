// `serve` and `console` as a person runs them: on a terminal they print the address, the data folder and
// "Ctrl+C to stop" (the JSON line stays for --json and pipes); the platform keeps its port per data folder
// across launches unless it is taken or --port says otherwise; the first Ctrl+C stops cleanly even with a
// webhook delivery in flight (checkpointed, no -wal/-shm left), a second says it is still stopping, a third
// quits at once and the folder still opens.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIT_NOW, STILL_STOPPING } from '../../src-main/cli/cli-io';
import { assertBuilt, BIN, runCliAsync, startCli, stop } from '../helpers/cli';
import { tempDir } from '../helpers/platform';
import { insertApp, insertHook, openRealClockPlatform, shopCompanyId, startReceiver } from '../helpers/webhooks';

const dir = tempDir('pd-cli-process-');
beforeAll(() => assertBuilt());
afterAll(() => dir.remove());

const portOf = (url: string) => Number(new URL(url).port);
const journalLeft = (data: string) => ['-wal', '-shm', '-journal'].filter((suffix) => existsSync(join(data, `partnerdeck.sqlite${suffix}`)));

function exited(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

/** A folder whose serve has a webhook delivery hanging in flight: its stop waits for it (up to 2 s). */
async function serveWithDeliveryInFlight(name: string) {
  const data = join(dir.path, name);
  const receiver = await startReceiver('hang');
  const setup = openRealClockPlatform({ path: data, remove: () => undefined }, 'demo');
  const company = shopCompanyId(setup);
  const app = insertApp(setup, { companyId: company });
  insertHook(setup, { appId: app.id, companyId: company, topic: 'product/create', address: receiver.url });
  setup.close();
  const { child } = await startCli(['serve', '--data-dir', data]);
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const triggered = await runCliAsync(['trigger', 'product/create', '--company', String(company), '--data-dir', data]);
  expect(triggered.status, triggered.stderr).toBe(0);
  await receiver.waitForCount(1);
  return { data, child, receiver, stderr: () => stderr };
}

describe('Ctrl+C', () => {
  it('the first stops cleanly while a delivery is in flight, a second says it is still stopping; no -wal or -shm is left', { timeout: 90_000 }, async () => {
    const { data, child, receiver, stderr } = await serveWithDeliveryInFlight('twice');
    expect(journalLeft(data)).toContain('-wal');
    child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(child.exitCode, 'still stopping: the delivery in flight holds it up to 2 s').toBeNull();
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
    await receiver.close();
    expect(stderr()).toContain(STILL_STOPPING);
    expect(journalLeft(data)).toEqual([]);
    expect(existsSync(join(data, 'server.json'))).toBe(false);
  });

  it('a third quits at once (exit 130), and the folder opens and serves again', { timeout: 90_000 }, async () => {
    const { data, child, receiver, stderr } = await serveWithDeliveryInFlight('thrice');
    child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGINT');
    expect(await exited(child)).toBe(130);
    await receiver.close();
    expect(stderr()).toContain(QUIT_NOW);
    const again = await startCli(['serve', '--data-dir', data]);
    expect((await fetch(`${again.first.url}/health`)).ok).toBe(true);
    expect(await stop(again.child, 'SIGINT')).toBe(0);
    expect(journalLeft(data)).toEqual([]);
  });
});

describe('the platform port of a data folder', () => {
  const data = join(dir.path, 'ports');
  let blocker: Server | undefined;
  afterAll(() => blocker?.close());

  // Five launches of serve in a row: allowed more than the 30 s default on a loaded machine.
  it('stays the same across launches, moves (and says so) when another program holds it, and --port wins', { timeout: 120_000 }, async () => {
    const first = await startCli(['serve', '--data-dir', data, '--seed', 'none']);
    const port = portOf(first.first.url);
    await stop(first.child, 'SIGINT');
    expect(JSON.parse(readFileSync(join(data, 'ports.json'), 'utf8'))).toEqual({ platform: port });

    const second = await startCli(['serve', '--data-dir', data]);
    expect(portOf(second.first.url)).toBe(port);
    await stop(second.child, 'SIGINT');

    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(port, '127.0.0.1', resolve));
    const moved = spawn(process.execPath, [BIN, 'serve', '--data-dir', data], { stdio: 'pipe' });
    let stderr = '';
    moved.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const line = await new Promise<string>((resolve) => moved.stdout.once('data', (c: Buffer) => resolve(c.toString())));
    const movedPort = portOf(JSON.parse(line).url);
    expect(movedPort).not.toBe(port);
    await expect.poll(() => stderr).toContain(`port ${port} (this data folder's usual one) is taken by another program: using ${movedPort} instead`);
    await stop(moved as never, 'SIGINT');
    expect(JSON.parse(readFileSync(join(data, 'ports.json'), 'utf8'))).toEqual({ platform: movedPort });

    const taken = await runCliAsync(['serve', '--data-dir', data, '--port', String(port)]);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toBe(`partnerdeck: --port ${port} is in use by another program (give another, 0 for any free port, or leave --port out for this folder's usual one)\n`);
    expect(journalLeft(data)).toEqual([]);
  });
});

/** Runs the CLI on a pseudo-terminal (util-linux `script`), typing into it as a person would. */
function onTerminal(args: string[], env: NodeJS.ProcessEnv = {}) {
  // `exec`: no shell stays between `script` and the CLI. dash (Debian's /bin/sh, `script`'s shell when SHELL is
  // unset or /bin/sh, as on CI) would otherwise get the Ctrl+C too and, lacking bash's wait-and-cooperative-exit,
  // re-raise it on itself after the CLI exited 0: exit 130.
  const command = 'exec ' + [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: 'pipe', env: { ...process.env, ...env, TERM: 'xterm-256color' } });
  let screen = '';
  child.stdout.on('data', (c: Buffer) => (screen += c.toString()));
  return { child, screen: () => screen, type: (text: string) => child.stdin.write(text) };
}

const hasScript = existsSync('/usr/bin/script') || existsSync('/bin/script');

describe.runIf(hasScript)('on a terminal', () => {
  it('serve prints the address, the data folder and "Ctrl+C to stop" in colour; Ctrl+C stops it', async () => {
    const data = join(dir.path, 'tty-serve');
    const term = onTerminal(['serve', '--data-dir', data, '--seed', 'none']);
    await expect.poll(term.screen, { timeout: 20_000 }).toContain('Ctrl+C to stop.');
    const screen = term.screen().replace(/\r/g, '');
    expect(screen).toContain('\u001b[');
    // eslint-disable-next-line no-control-regex
    const plain = screen.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/PartnerDeck platform running\n {2}Platform {5}http:\/\/127\.0\.0\.1:\d+\n {2}Data folder {2}.*tty-serve\n {2}Admin token {2}in .*server\.json\n/);
    expect(plain).not.toContain('{"url"');
    term.type('\u0003');
    expect(await exited(term.child)).toBe(0);
    expect(term.screen()).toContain('Stopping…');
    expect(journalLeft(data)).toEqual([]);
  });

  it('console prints both addresses and the data folder, without colour under NO_COLOR; --json keeps the JSON line', async () => {
    const data = join(dir.path, 'tty-console');
    const term = onTerminal(['console', '--no-open', '--data-dir', data, '--seed', 'none'], { NO_COLOR: '1' });
    await expect.poll(term.screen, { timeout: 20_000 }).toContain('Ctrl+C to stop.');
    const screen = term.screen().replace(/\r/g, '');
    expect(screen).not.toContain('\u001b[');
    expect(screen).toMatch(/PartnerDeck console running\n {2}Console {6}http:\/\/127\.0\.0\.1:\d+\/#launch=\S+ {2}\(opens once, within 5 minutes\)\n {2}Platform {5}http:\/\/127\.0\.0\.1:\d+\n {2}Data folder {2}.*tty-console\n/);
    term.type('\u0003');
    expect(await exited(term.child)).toBe(0);

    const json = onTerminal(['console', '--no-open', '--json', '--data-dir', data]);
    await expect.poll(json.screen, { timeout: 20_000 }).toMatch(/\{"consoleUrl":"[^"]+","platformUrl":"[^"]+"\}/);
    expect(json.screen()).not.toContain('Ctrl+C to stop');
    json.type('\u0003');
    expect(await exited(json.child)).toBe(0);
  });
});
