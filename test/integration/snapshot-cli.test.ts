// `partnerdeck snapshot save|restore|list` as real processes (issue 19 item 8): a snapshot saved while a serve
// runs holds the state and the clock of that moment; restore refuses, changing nothing, while the serve has the
// folder open, and once it stopped brings back exactly the saved state (later changes gone, the clock's offset back).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCliAsync, startCli, stop } from '../helpers/cli';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-snapshot-');
const data = join(dir.path, 'data');
const cli = (...args: string[]) => runCliAsync([...args, '--data-dir', data]);
const json = async (...args: string[]) => {
  const result = await cli(...args, '--json');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
};
const companyNames = async () => ((await json('company', 'list')) as { name: string }[]).map((c) => c.name);

beforeAll(() => assertBuilt());
afterAll(() => dir.remove());

describe('snapshots', () => {
  it('saves while a serve runs, refuses to restore while it runs, restores the saved state and clock once it stopped', async () => {
    const serve = (await startCli(['serve', '--data-dir', data, '--port', '0'])).child;
    let stopped = false;
    try {
      await json('company', 'create', '--name', 'Before Snapshot');
      const saved = await json('snapshot', 'save', 'demo-day');
      expect(saved).toMatchObject({ name: 'demo-day', schemaVersion: expect.any(Number) });
      expect(saved.bytes).toBeGreaterThan(10_000);
      await json('company', 'create', '--name', 'After Snapshot');
      await json('clock', 'advance', '3d');
      expect(await companyNames()).toContain('After Snapshot');

      const refused = await cli('snapshot', 'restore', 'demo-day');
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/Another process has this data folder open \(process \d+ dispatches its webhooks\): stop it first .* Nothing was changed\./);
      expect(await companyNames()).toContain('After Snapshot');

      await stop(serve);
      stopped = true;
      const restored = await json('snapshot', 'restore', 'demo-day');
      expect(restored).toMatchObject({ name: 'demo-day', savedAt: saved.savedAt });
      const names = await companyNames();
      expect(names).toContain('Before Snapshot');
      expect(names).not.toContain('After Snapshot');
      const clock = await json('clock', 'show', '--offline');
      expect(clock.offsetMs).toBe(0);
      const listed = await json('snapshot', 'list');
      expect(listed).toEqual([expect.objectContaining({ name: 'demo-day', savedAt: saved.savedAt })]);
    } finally {
      if (!stopped) await stop(serve);
    }
  }, 180_000);

  it('explains bad names and unknown snapshots in one line, changing nothing', async () => {
    for (const [args, message] of [
      [['snapshot', 'save', '../escape'], /a snapshot name is 1 to 64 letters/],
      [['snapshot', 'restore', 'nope'], /There is no snapshot "nope" \(there are: demo-day\)/],
    ] as const) {
      const result = await cli(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 60_000);
});
