// Exports in the desktop app (CSV lists, PDF and CSV documents) are saved through the system's save dialog:
// the renderer downloads a blob exactly as in browser mode, and the console session's will-download handler
// gives the download the dialog's options (the Downloads folder, the file name, a filter for the type).
// Downloads that do not come from the console's own origin are cancelled.
import type { DownloadItem, Session } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './app-origin';

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV (comma-separated values)', extensions: ['csv'] },
  pdf: { name: 'PDF document', extensions: ['pdf'] },
};

/** Whether a download URL is the console's own: a blob: or data: made by the page, or an app:// file. */
export function isConsoleDownload(url: string, origin: string = APP_ORIGIN): boolean {
  return url.startsWith(`blob:${origin}/`) || url.startsWith(`${origin}/`) || url.startsWith('data:');
}

/** The save dialog's options for a file name. */
export function saveDialogOptionsFor(fileName: string, downloadsDir: string): Electron.SaveDialogOptions {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const filter = FILTERS[extension];
  return {
    title: `Save ${fileName}`,
    defaultPath: join(downloadsDir, fileName),
    buttonLabel: 'Save',
    filters: filter ? [filter, { name: 'All files', extensions: ['*'] }] : [{ name: 'All files', extensions: ['*'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** `origin`: whose downloads are the console's (app://partnerdeck; a team server's window: that server). */
export function installSaveDialogs(session: Session, options: { origin?: string; downloadsDir: () => string; log?: (message: string, error?: unknown) => void }): void {
  session.on('will-download', (event, item: DownloadItem) => {
    const url = item.getURL();
    if (!isConsoleDownload(url, options.origin)) {
      event.preventDefault();
      options.log?.(`cancelled a download that did not come from the console: ${url.slice(0, 200)}`);
      return;
    }
    item.setSaveDialogOptions(saveDialogOptionsFor(item.getFilename(), options.downloadsDir()));
    item.once('done', (_event, state) => {
      if (state === 'completed') options.log?.(`saved ${item.getFilename()} to ${item.getSavePath()}`);
      else if (state === 'interrupted') options.log?.(`saving ${item.getFilename()} was interrupted`);
    });
  });
}
