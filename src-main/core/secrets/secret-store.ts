// Keeps small secrets (app shared secrets, keys) encrypted at rest. In the desktop app the implementation
// is Electron's safeStorage (the OS keychain); in plain Node (browser host, CLI, tests) it is a key file
// readable only by the user, which the console flags with a visible warning.

export interface SecretStore {
  readonly kind: 'os-keychain' | 'key-file';
  /** Shown in the console when the protection is weaker than the OS keychain; null when none is needed. */
  readonly warning: string | null;
  /** Encrypts a secret for storage; the result is an opaque printable string. */
  seal(plaintext: string): string;
  /** Reverses `seal`. Throws when the sealed text was not made by this store. */
  open(sealed: string): string;
}

/** The prefixes each store puts on what it seals, so a sealed text says which store can open it. */
export const KEY_FILE_SEAL_PREFIX = 'kf1:';
export const OS_KEYCHAIN_SEAL_PREFIX = 'ss1:';

/** Which kind of store sealed a text (null when neither). */
export function sealedBy(sealed: string): SecretStore['kind'] | null {
  if (sealed.startsWith(KEY_FILE_SEAL_PREFIX)) return 'key-file';
  if (sealed.startsWith(OS_KEYCHAIN_SEAL_PREFIX)) return 'os-keychain';
  return null;
}
