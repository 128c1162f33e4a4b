// Test helpers: a platform on a temporary folder with a manual clock and seeded ids.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createManualClock } from '../../src-main/core/clock';
import { createSeededIds } from '../../src-main/core/ids';
import type { CorePlatform, OpenPlatformOptions, SeedChoice } from '../../src-main/core/platform';
import { internalsOf } from '../../src-main/core/platform-internals';
import { openPlatform } from '../../src-main/areas';
import { seedDemoIfEmpty } from '../../src-main/core/seed/demo-seed';
import { createKeyFileSecretStore } from '../../src-main/core/secrets/key-file-secret-store';

export const T0 = Date.parse('2026-11-01T09:00:00Z');

/** For tests that run scrypt at the product's cost (128 MiB, ~0.3 s quiet, seconds on a loaded machine). */
export const SCRYPT_TEST_TIMEOUT = 60_000;

/** A valid password hash for users a test makes but never signs in as (the demo password's; no scrypt run). */
export { DEMO_PASSWORD_HASH as TEST_PASSWORD_HASH } from '../../src-main/core/seed/demo-seed';

export function tempDir(prefix = 'pd-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Tests see the core's view (repositories, database, service context: internalsOf), to arrange and inspect state
 * the services do not offer; the product's outer layers see only the sealed Platform.
 */
export function openTestPlatform(seed: SeedChoice = 'demo', dir = tempDir()): CorePlatform & { dir: string; dispose(): void } {
  return openPlatformIn(dir, seed, { clock: () => createManualClock(T0), ids: createSeededIds('test') });
}

/**
 * A platform on `dir` (key-file secrets, seeded with the demo when asked) with this clock and these ids, in the
 * core's view; `dispose` closes it and removes the folder.
 */
export function openPlatformIn(
  dir: { path: string; remove(): void },
  seed: SeedChoice,
  time: Pick<OpenPlatformOptions, 'clock' | 'ids'>,
): CorePlatform & { dir: string; dispose(): void } {
  const opened = openPlatform({ dataDir: dir.path, secretStore: createKeyFileSecretStore(join(dir.path, 'secret.key')), ...time });
  if (seed === 'demo') seedDemoIfEmpty(opened);
  const platform = internalsOf(opened);
  return Object.assign(platform, {
    dir: dir.path,
    dispose() {
      platform.close();
      dir.remove();
    },
  });
}

/** A test platform that is disposed when the test calling this finishes (no afterEach list in the test file). */
export function openPlatformForTest(seed: SeedChoice = 'demo'): ReturnType<typeof openTestPlatform> {
  const platform = openTestPlatform(seed);
  onTestFinished(() => platform.dispose());
  return platform;
}
