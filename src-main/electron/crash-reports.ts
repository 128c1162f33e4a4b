// Crash reports and unexpected errors in the desktop app. Native crashes (main, renderer, GPU, utility
// processes) are written as local minidumps by Electron's crashReporter, never uploaded; Help → Open Crash
// Reports shows the folder. A JavaScript error nobody caught in the main process, or one that stopped the
// webhook worker, is logged with its stack and explained to the user in a message box (one at a time; the
// worker's only once per run, since the dispatcher restarts it), with a button that shows the log.
import type { CrashReporter, MessageBoxOptions } from 'electron';
import type { Logger } from '../core/logging/logger';

export const CRASH_REPORTER_OPTIONS = {
  productName: 'PartnerDeck',
  // Local minidumps only: nothing leaves the computer.
  uploadToServer: false,
  submitURL: '',
  compress: true,
  ignoreSystemCrashHandler: false,
} as const;

/** Starts local crash dumps (call before `ready`, once the data folder is settled: dumps go under it). */
export function startCrashReports(crashReporter: Pick<CrashReporter, 'start'>): void {
  crashReporter.start({ ...CRASH_REPORTER_OPTIONS });
}

export interface ErrorReporterOptions {
  logger: Logger;
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
  showLogs(): void;
  quit(): void;
}

export interface ErrorReporter {
  /** An error nobody caught in the main process (uncaughtException / unhandledRejection). */
  uncaught(kind: 'exception' | 'rejection', error: unknown): Promise<void>;
  /** The webhook worker stopped with an error (the dispatcher restarts it). */
  workerFailed(error: unknown): Promise<void>;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export function createErrorReporter(options: ErrorReporterOptions): ErrorReporter {
  let showing = false;
  let workerReported = false;
  const log = options.logger.scope('crash');

  async function ask(box: MessageBoxOptions, buttons: { showLogs: number; quit?: number }): Promise<void> {
    if (showing) return;
    showing = true;
    try {
      const { response } = await options.showMessageBox(box);
      if (response === buttons.showLogs) options.showLogs();
      else if (response === buttons.quit) options.quit();
    } catch (error) {
      log.error('could not show the error message', error);
    } finally {
      showing = false;
    }
  }

  return {
    async uncaught(kind, error) {
      log.error(kind === 'exception' ? 'uncaught exception in the main process' : 'unhandled promise rejection in the main process', error);
      await ask(
        {
          type: 'error',
          title: 'PartnerDeck hit an unexpected error',
          message: 'PartnerDeck hit an unexpected error and may not work correctly until you restart it.',
          detail: `${describe(error)}\n\nThe details are in the log${options.logger.file ? ` (${options.logger.file})` : ''}. Your data is saved after every change.`,
          buttons: ['Quit PartnerDeck', 'Show Log', 'Continue'],
          defaultId: 2,
          cancelId: 2,
          noLink: true,
        },
        { quit: 0, showLogs: 1 },
      );
    },
    async workerFailed(error) {
      log.error('the webhook worker stopped with an error; the dispatcher restarts it', error);
      if (workerReported) return;
      workerReported = true;
      await ask(
        {
          type: 'warning',
          title: 'Webhook delivery restarted',
          message: 'Webhook delivery stopped because of an error and was restarted.',
          detail: `${describe(error)}\n\nNo notification is lost: what was not delivered is sent again. The details are in the log.`,
          buttons: ['OK', 'Show Log'],
          defaultId: 0,
          cancelId: 0,
          noLink: true,
        },
        { showLogs: 1 },
      );
    },
  };
}

/** Routes the process's uncaught errors to `reporter`; returns a function that removes the handlers. */
export function catchUncaughtErrors(target: NodeJS.Process, reporter: ErrorReporter): () => void {
  const onException = (error: Error) => void reporter.uncaught('exception', error);
  const onRejection = (reason: unknown) => void reporter.uncaught('rejection', reason);
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
