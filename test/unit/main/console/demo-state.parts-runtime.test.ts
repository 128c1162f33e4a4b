// partsRuntime (console/demo-state.ts): what a reset does with a host's parts, in order. The CLI's console stack
// and the desktop app both lend their parts this way, so the order is proved once here.
import { describe, expect, it } from 'vitest';
import { partsRuntime, type ConsoleSwitch, type ResettableParts } from '../../../../src-main/console/demo-state';

function fakeParts(name: string, port: number | null, log: string[]): ResettableParts {
  return {
    platform: { name } as never,
    server: port === null ? null : { port },
    consoleService: { name } as never,
    async close() {
      log.push(`close ${name}`);
    },
  };
}

function setUp(port: number | null) {
  const log: string[] = [];
  let parts = fakeParts('old', port, log);
  const consoleSwitch = {
    hold: () => void log.push('hold'),
    resume: (service: { name: string }, restored?: string) => void log.push(`resume ${service.name} ${restored ?? '(none)'}`),
  } as unknown as ConsoleSwitch;
  const runtime = partsRuntime({
    dataDir: '/data',
    knownSchemaVersion: 26,
    parts: () => parts,
    consoleSwitch: () => consoleSwitch,
    async restart(platformPort) {
      log.push(`restart on ${platformPort ?? 'any port'}`);
      parts = fakeParts('new', platformPort ?? null, log);
      return parts;
    },
  });
  return { log, runtime };
}

describe('partsRuntime', () => {
  it('holds the console before the parts close, starts them again on the same port, then resumes on the new console', async () => {
    const { log, runtime } = setUp(4321);
    expect(runtime.platform()).toEqual({ name: 'old' });
    await runtime.close();
    await runtime.reopen('demo-start');
    expect(log).toEqual(['hold', 'close old', 'restart on 4321', 'resume new demo-start']);
    expect(runtime.platform()).toEqual({ name: 'new' });
  });

  it('reopens after a refused restore with nothing to announce, and without a port when there was no server', async () => {
    const { log, runtime } = setUp(null);
    await runtime.close();
    await runtime.reopen();
    expect(log).toEqual(['hold', 'close old', 'restart on any port', 'resume new (none)']);
  });
});
