// The desktop app's secret store: Electron's safeStorage, i.e. the OS keychain (Keychain, DPAPI, libsecret
// or KWallet). Sealed text is "ss1:" + base64. Where no real keychain is available (safeStorage off, or
// Linux's hard-coded "basic_text" password) the key-file store is used instead, with its warning.
import type { SafeStorage } from 'electron';
import { OS_KEYCHAIN_SEAL_PREFIX as PREFIX, type SecretStore } from '../core/secrets/secret-store';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export interface SafeStorageSecretStoreOptions {
  /**
   * Opens text sealed by another store (the key-file store the CLI and the browser host use on the same
   * data folder), given as the store or as a factory called on first need. Sealing always uses the keychain.
   */
  openOther?: SecretStore | (() => SecretStore);
}

/** Throws when encryption is not available; use `chooseSecretStore` to fall back instead. */
export function createSafeStorageSecretStore(safeStorage: SafeStorageLike, options: SafeStorageSecretStoreOptions = {}): SecretStore {
  const requireEncryption = () => {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('OS keychain encryption (safeStorage) is not available');
  };
  requireEncryption();
  let other: SecretStore | null = null;
  const otherStore = (): SecretStore | null => {
    if (!options.openOther) return null;
    other ??= typeof options.openOther === 'function' ? options.openOther() : options.openOther;
    return other;
  };
  return {
    kind: 'os-keychain',
    warning: null,
    seal(plaintext: string): string {
      requireEncryption();
      return PREFIX + safeStorage.encryptString(plaintext).toString('base64');
    },
    open(sealed: string): string {
      if (!sealed.startsWith(PREFIX)) {
        const fallback = otherStore();
        if (fallback) return fallback.open(sealed);
        throw new Error('secret was not sealed by the OS keychain store');
      }
      requireEncryption();
      return safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
    },
  };
}

/** True when safeStorage would protect secrets with a real OS keychain. */
export function keychainUsable(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  // Linux without a secret service falls back to a password hard-coded in Chromium: no protection.
  return !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text');
}

/**
 * The keychain store when usable, otherwise the key-file store. The keychain store also opens what the CLI
 * and browser mode sealed with the data folder's key file (app secrets registered with `partnerdeck app
 * create`, say): the key-file store is loaded the first time such a secret is opened, so a key file made
 * after the app started is found too. (The other way round cannot work: plain Node has no keychain; see
 * AppsService.openSecret for the message it gives.) Call after `app` is ready: before that safeStorage
 * reports itself unavailable on Linux and Windows.
 */
export function chooseSecretStore(safeStorage: SafeStorageLike, keyFileStore: () => SecretStore, options: { platform?: NodeJS.Platform } = {}): SecretStore {
  if (!keychainUsable(safeStorage, options.platform)) return keyFileStore();
  return createSafeStorageSecretStore(safeStorage, { openOther: keyFileStore });
}
