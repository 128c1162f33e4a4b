import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyFileSecretStore } from '../../../../../src-main/core/secrets/key-file-secret-store';
import { tempDir } from '../../../../helpers/platform';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('key-file secret store', () => {
  it('round-trips, uses a fresh nonce each time, keeps the key file private and warns', () => {
    const dir = tempDir();
    dirs.push(dir);
    const keyPath = join(dir.path, 'secret.key');
    const store = createKeyFileSecretStore(keyPath);
    const a = store.seal('shh');
    const b = store.seal('shh');
    expect(a).not.toBe(b);
    expect(a).not.toContain('shh');
    expect(store.open(a)).toBe('shh');
    expect(createKeyFileSecretStore(keyPath).open(b)).toBe('shh');
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(store.kind).toBe('key-file');
    expect(store.warning).toContain(keyPath);
  });

  it('makes a key file that others could read private again, and says so in its warning', () => {
    const dir = tempDir();
    dirs.push(dir);
    const keyPath = join(dir.path, 'secret.key');
    const sealed = createKeyFileSecretStore(keyPath).seal('shh');
    chmodSync(keyPath, 0o644);
    const store = createKeyFileSecretStore(keyPath);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(store.warning).toContain('was readable by other users');
    expect(store.open(sealed)).toBe('shh');
    expect(createKeyFileSecretStore(keyPath).warning).not.toContain('was readable by other users');
  });

  it('refuses tampered or foreign sealed text', () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = createKeyFileSecretStore(join(dir.path, 'k'));
    const sealed = store.seal('secret');
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => store.open(tampered)).toThrow();
    expect(() => store.open('ss1:abc')).toThrow(/not sealed/);
    const other = createKeyFileSecretStore(join(dir.path, 'other'));
    expect(() => other.open(sealed)).toThrow();
  });
});
