// Where the installed electron package's binary is, without side effects. Since Electron 45,
// `require('electron')` in plain Node downloads the binary when it is missing (a network request at require
// time), so start.mjs, the e2e-electron suite and check-fuses.mjs read the package's path.txt instead.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** { path } of the Electron executable, or { reason } why there is none. Honours ELECTRON_OVERRIDE_DIST_PATH. */
export function findElectronBinary(root, env = process.env) {
  let packageDir;
  try {
    packageDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(path) ? { path } : { reason: `no Electron binary at ${path} (ELECTRON_OVERRIDE_DIST_PATH)` };
  }
  if (!relative) return { reason: 'the Electron binary has not been downloaded' };
  const path = join(packageDir, 'dist', relative);
  return existsSync(path) ? { path } : { reason: `the Electron binary is missing (${path})` };
}
