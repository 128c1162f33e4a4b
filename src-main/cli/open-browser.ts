// Opening the console's launch link in the user's browser without putting it on a command line. Any local user
// can read another process's arguments (`ps`, /proc/<pid>/cmdline), and a browser started by the opener keeps
// its URL argument for as long as it runs. So the link goes into a small HTML file that only this user can read
// (0600, in a fresh 0700 folder) and the browser is started with the file's path; the page forwards to the link
// (Jupyter's approach). The file is deleted as soon as the link is used or has expired; the link works once.
//
// The browser: $BROWSER when set (a command, given the file's path; `none` opens nothing), else the system's
// opener (open, xdg-open, start).
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OpenableLink {
  url: string;
  settled: Promise<unknown>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The forwarding page: a meta refresh (no script), no referrer. */
export function launchPage(url: string): string {
  const href = escapeHtml(url);
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">' +
    `<meta http-equiv="refresh" content="0; url=${href}"><title>Opening PartnerDeck…</title></head>` +
    `<body style="font:15px system-ui;margin:15vh auto;max-width:36em">Opening the PartnerDeck console… <a href="${href}">Continue</a></body></html>`
  );
}

/** The command that opens `target` (a file path): $BROWSER, or the system opener; null for BROWSER=none. */
export function openerFor(target: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): [string, string[]] | null {
  const browser = env.BROWSER?.trim();
  if (browser === 'none') return null;
  if (browser) return [browser, [target]];
  if (platform === 'darwin') return ['open', [target]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', target]];
  return ['xdg-open', [target]];
}

/**
 * Opens the link in a browser through a private forwarding file. Returns the file's path (null when nothing was
 * opened); the file goes once the link settles (used or expired).
 */
export function openLaunchLink(link: OpenableLink, env: NodeJS.ProcessEnv): string | null {
  const folder = mkdtempSync(join(tmpdir(), 'partnerdeck-launch-'));
  chmodSync(folder, 0o700);
  const file = join(folder, 'open-console.html');
  writeFileSync(file, launchPage(link.url), { mode: 0o600 });
  chmodSync(file, 0o600);
  const remove = () => rmSync(folder, { recursive: true, force: true });
  void link.settled.then(remove, remove);
  process.once('exit', remove);
  const command = openerFor(file, env);
  if (!command) {
    remove();
    return null;
  }
  try {
    const child = spawn(command[0], command[1], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser opener on this machine: the printed link is enough.
  }
  return file;
}
