// The keychain secret store: seals to "ss1:" text that is not the plaintext, opens it again, refuses when
// safeStorage is unavailable, and the choice falls back to the key-file store where no keychain is usable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyFileSecretStore } from '../../../../src-main/core/secrets/key-file-secret-store';
import { chooseSecretStore, createSafeStorageSecretStore, keychainUsable } from '../../../../src-main/electron/safe-storage-secret-store';
import { resetElectronFake, safeStorage } from '../../../fakes/electron-fake';

let dir: string;
beforeEach(() => {
  resetElectronFake();
  dir = mkdtempSync(join(tmpdir(), 'pd-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('safe-storage secret store', () => {
  it('round-trips secrets as opaque ss1: text', () => {
    const store = createSafeStorageSecretStore(safeStorage);
    expect(store.kind).toBe('os-keychain');
    expect(store.warning).toBeNull();
    const sealed = store.seal('app-shared-secret-ÄÖÜ-42');
    expect(sealed.startsWith('ss1:')).toBe(true);
    expect(sealed).not.toContain('app-shared-secret');
    expect(Buffer.from(sealed.slice(4), 'base64').toString('utf8')).not.toContain('app-shared-secret');
    expect(store.open(sealed)).toBe('app-shared-secret-ÄÖÜ-42');
  });

  it('refuses to start, seal or open while encryption is unavailable', () => {
    const store = createSafeStorageSecretStore(safeStorage);
    const sealed = store.seal('s3cret');
    safeStorage.available = false;
    expect(() => store.seal('s3cret')).toThrow(/not available/);
    expect(() => store.open(sealed)).toThrow(/not available/);
    expect(() => createSafeStorageSecretStore(safeStorage)).toThrow(/not available/);
  });

  it('refuses text it did not seal', () => {
    const store = createSafeStorageSecretStore(safeStorage);
    expect(() => store.open('plain text')).toThrow(/not sealed/);
    expect(() => store.open('ss1:' + Buffer.from('garbage').toString('base64'))).toThrow();
  });

  it('opens key-file secrets of the same data folder, but seals with the keychain', () => {
    const keyFile = createKeyFileSecretStore(join(dir, 'secret.key'));
    const old = keyFile.seal('from the CLI');
    const store = createSafeStorageSecretStore(safeStorage, { openOther: keyFile });
    expect(store.open(old)).toBe('from the CLI');
    expect(store.seal('new').startsWith('ss1:')).toBe(true);
  });

  it('is chosen only with a real keychain; otherwise the key-file store with its warning', () => {
    const keyFile = () => createKeyFileSecretStore(join(dir, 'secret.key'));
    expect(chooseSecretStore(safeStorage, keyFile, { platform: 'linux' }).kind).toBe('os-keychain');
    safeStorage.backend = 'basic_text';
    expect(keychainUsable(safeStorage, 'linux')).toBe(false);
    const fallback = chooseSecretStore(safeStorage, keyFile, { platform: 'linux' });
    expect(fallback.kind).toBe('key-file');
    expect(fallback.warning).toMatch(/key file/);
    expect(chooseSecretStore(safeStorage, keyFile, { platform: 'win32' }).kind).toBe('os-keychain');
    safeStorage.available = false;
    expect(chooseSecretStore(safeStorage, keyFile, { platform: 'darwin' }).kind).toBe('key-file');
  });
});

describe('app secrets shared by the desktop app and the CLI on one data folder', () => {
  it('the chosen keychain store opens what the CLI sealed with a key file made after the app started', () => {
    const keyPath = join(dir, 'secret.key');
    let loaded = 0;
    const store = chooseSecretStore(safeStorage, () => {
      loaded += 1;
      return createKeyFileSecretStore(keyPath);
    }, { platform: 'darwin' });
    expect(loaded).toBe(0);
    const fromCli = createKeyFileSecretStore(keyPath).seal('registered with partnerdeck app create');
    expect(store.open(fromCli)).toBe('registered with partnerdeck app create');
    expect(store.open(createKeyFileSecretStore(keyPath).seal('again'))).toBe('again');
    expect(loaded).toBe(1);
  });
});
