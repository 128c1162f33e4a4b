// Uncaught errors in the main process and a failed webhook worker: logged with the stack, explained in one
// message box at a time (the worker's once per run), with Show Log and Quit doing what they say.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../../src-main/core/logging/logger';
import { catchUncaughtErrors, createErrorReporter, CRASH_REPORTER_OPTIONS, startCrashReports } from '../../../../src-main/electron/crash-reports';
import { crashReporter } from '../../../fakes/electron-fake';

const dir = mkdtempSync(join(tmpdir(), 'pd-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup(response = 2) {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.log`);
  const logger = createLogger({ file, level: 'info' });
  let answer: (value: { response: number }) => void = () => undefined;
  const boxes: Array<Record<string, unknown>> = [];
  const actions = { showLogs: vi.fn(), quit: vi.fn() };
  const reporter = createErrorReporter({
    logger,
    showMessageBox: (options) => {
      boxes.push(options as unknown as Record<string, unknown>);
      return new Promise((resolve) => (answer = resolve));
    },
    ...actions,
  });
  return { reporter, boxes, actions, read: () => readFileSync(file, 'utf8'), answer: () => answer({ response }) };
}

describe('crash reports', () => {
  it('keeps minidumps on this computer', () => {
    startCrashReports(crashReporter);
    expect(crashReporter.started).toEqual(CRASH_REPORTER_OPTIONS);
    expect(crashReporter.started).toMatchObject({ uploadToServer: false });
  });

  it('logs an uncaught exception with its stack and tells the user, one box at a time', async () => {
    const { reporter, boxes, actions, read, answer } = setup(1);
    const emitter = new EventEmitter();
    const stop = catchUncaughtErrors(emitter as unknown as NodeJS.Process, reporter);
    emitter.emit('uncaughtException', new TypeError('cannot read properties of undefined'));
    emitter.emit('unhandledRejection', new Error('second failure'));
    await vi.waitFor(() => expect(boxes).toHaveLength(1));
    expect(boxes[0]).toMatchObject({ type: 'error', title: 'PartnerDeck hit an unexpected error', buttons: ['Quit PartnerDeck', 'Show Log', 'Continue'] });
    expect(boxes[0].detail).toMatch(/^TypeError: cannot read properties of undefined/);
    answer();
    await vi.waitFor(() => expect(actions.showLogs).toHaveBeenCalledTimes(1));
    expect(actions.quit).not.toHaveBeenCalled();
    const text = read();
    expect(text).toMatch(/uncaught exception in the main process: TypeError: cannot read properties of undefined\n\s+at /);
    expect(text).toMatch(/unhandled promise rejection in the main process: Error: second failure\n\s+at /);
    // The second error came while the first box was open: logged, not stacked.
    expect(boxes).toHaveLength(1);
    stop();
    expect(emitter.listenerCount('uncaughtException')).toBe(0);
  });

  it('quits when asked to', async () => {
    const { reporter, actions, answer } = setup(0);
    const done = reporter.uncaught('exception', new Error('x'));
    answer();
    await done;
    expect(actions.quit).toHaveBeenCalledTimes(1);
  });

  it('reports a failed webhook worker once per run, and logs every failure', async () => {
    const { reporter, boxes, read, answer } = setup(0);
    const first = reporter.workerFailed(new Error('worker blew up'));
    answer();
    await first;
    await reporter.workerFailed(new Error('worker blew up again'));
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({ type: 'warning', title: 'Webhook delivery restarted' });
    expect(read()).toMatch(/the webhook worker stopped with an error; the dispatcher restarts it: Error: worker blew up again\n\s+at /);
  });
});
