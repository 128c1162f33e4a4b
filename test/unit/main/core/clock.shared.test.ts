// One platform clock per data folder (issue 21 item 3): two platforms opened on one folder are two connections,
// exactly as two processes are (SQLite's data_version sees the other connection's commits either way). A move by
// one is seen by the other's next now() (after a real millisecond), its listeners hear of it, concurrent moves
// add up, and time never moves backwards.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPlatform } from '../../../../src-main/areas';
import type { Platform } from '../../../../src-main/core/platform';
import { createKeyFileSecretStore } from '../../../../src-main/core/secrets/key-file-secret-store';
import { tempDir } from '../../../helpers/platform';

const HOUR = 3_600_000;
const open: Platform[] = [];
const dirs: { remove(): void }[] = [];
afterEach(() => {
  open.splice(0).forEach((p) => p.close());
  dirs.splice(0).forEach((d) => d.remove());
});

/** Two platforms (two connections, as two processes) on one new folder, with the product's real clock. */
function twoOnOneFolder(): [Platform, Platform] {
  const dir = tempDir('pd-clock-');
  dirs.push(dir);
  const openOne = () => {
    const platform = openPlatform({ dataDir: dir.path, secretStore: createKeyFileSecretStore(join(dir.path, 'secret.key')) });
    open.push(platform);
    return platform;
  };
  return [openOne(), openOne()];
}

/** Lets a real millisecond pass (the clock looks for other processes' moves at most once per millisecond). */
const nextMs = () => new Promise((resolve) => setTimeout(resolve, 2));

describe('the platform clock shared by the processes of one data folder', () => {
  it("sees another process's move at its next now(), and keeps it after", async () => {
    const [a, b] = twoOnOneFolder();
    expect(b.clock.offsetMs()).toBe(0);
    a.clock.advance(2 * HOUR);
    await nextMs();
    expect(b.clock.offsetMs()).toBe(2 * HOUR);
    const real = Date.now();
    expect(b.clock.now() - real).toBeGreaterThanOrEqual(2 * HOUR - 5);
    expect(b.clock.now() - Date.now()).toBeLessThanOrEqual(2 * HOUR + 5);
  });

  it("tells the other process's listeners (sync at once; now() right after the caller's work)", async () => {
    const [a, b] = twoOnOneFolder();
    const heard: number[] = [];
    b.clock.onAdvance((now) => heard.push(now));
    a.clock.advance(HOUR);
    b.clock.sync();
    expect(heard).toHaveLength(1);
    expect(heard[0] - Date.now()).toBeGreaterThan(HOUR - 1000);
    a.clock.advance(HOUR);
    await nextMs();
    b.clock.now();
    expect(heard).toHaveLength(1); // not from inside now(): the caller may be in a transaction
    await Promise.resolve();
    expect(heard).toHaveLength(2);
    b.clock.sync();
    expect(heard).toHaveLength(2); // nothing new: nobody is told twice
  });

  it('adds moves made at the same time by two processes, and never moves backwards', async () => {
    const [a, b] = twoOnOneFolder();
    a.clock.advance(10 * HOUR);
    // b has not looked since: its move is added to the stored offset, not to what it last saw.
    b.clock.advance(HOUR);
    expect(b.clock.offsetMs()).toBe(11 * HOUR);
    await nextMs();
    expect(a.clock.offsetMs()).toBe(11 * HOUR);
    let last = a.clock.now();
    for (let i = 0; i < 50; i++) {
      if (i % 10 === 0) b.clock.advance(1);
      const now = a.clock.now();
      expect(now).toBeGreaterThanOrEqual(last);
      last = now;
    }
  });

  it('keeps answering after its database closed (timers of a platform shutting down)', () => {
    const [a] = twoOnOneFolder();
    a.clock.advance(HOUR);
    a.close();
    expect(a.clock.offsetMs()).toBe(HOUR);
    expect(() => a.clock.sync()).not.toThrow();
  });
});
