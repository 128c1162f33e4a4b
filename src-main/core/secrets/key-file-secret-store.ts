// The Node fallback of the secret store: AES-256-GCM with a random key kept in a file that only the
// current user may read (mode 0600). Weaker than the OS keychain, so it carries a warning.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEY_FILE_SEAL_PREFIX as PREFIX, type SecretStore } from './secret-store';

export function createKeyFileSecretStore(keyPath: string): SecretStore {
  const wasLoose = tightenLoosePermissions(keyPath);
  const key = loadOrCreateKey(keyPath);
  return {
    kind: 'key-file',
    warning:
      `Secrets are encrypted with a key file (${keyPath}) readable only by your user account, ` +
      'not by the operating system keychain. Use the desktop app for keychain protection.' +
      (wasLoose
        ? ` The key file was readable by other users of this computer; PartnerDeck has made it private (0600). ` +
          'Rotate the shared secrets of your apps if other people use this computer.'
        : ''),
    seal(plaintext: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed: string): string {
      if (!sealed.startsWith(PREFIX)) throw new Error('secret was not sealed by the key-file store');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** On POSIX systems: makes an existing key file private again if group or others could read it, and says so. */
function tightenLoosePermissions(keyPath: string): boolean {
  if (process.platform === 'win32' || !existsSync(keyPath)) return false;
  if ((statSync(keyPath).mode & 0o077) === 0) return false;
  chmodSync(keyPath, 0o600);
  return true;
}

function loadOrCreateKey(keyPath: string): Buffer {
  if (existsSync(keyPath)) {
    const key = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${keyPath} does not hold a 32-byte key`);
    return key;
  }
  mkdirSync(dirname(keyPath), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(keyPath, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(keyPath, 0o600);
  return key;
}
