// Issue 16, the soak as a release gate: a CI-sized run of both crash soaks (scripts/soak.mjs) inside `npm test`.
// The full runs (`webhooks --kills 1000`, `writers --kills 200`) are a release step (README "Releasing"). All runs
// here share one data folder, so every run after the first starts on earlier data (the demo's customers, earlier
// runs' hooks, events and customers) and must count only what it made itself.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-soak-test-');
const data = join(dir.path, 'data');

function soak(...args: string[]): Promise<{ status: number; report: Record<string, unknown>; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'soak.mjs'), ...args, '--data-dir', data], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ status: code ?? -1, report: JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}'), stderr });
      } catch {
        reject(new Error(`soak printed no report (exit ${code}): ${stdout}\n${stderr}`));
      }
    });
  });
}

const passed = (report: Record<string, unknown>) => {
  expect(report).toMatchObject({ lost: 0, not_delivered: 0, unknown_received: 0, invalid_signatures: 0, outbox_mismatches: 0, integrity_check: 'ok' });
  expect(report.events).toBeGreaterThan(0);
  expect(report.delivered).toBe(report.events);
  expect(report.stopped_early).toBeUndefined();
};

beforeAll(() => assertBuilt());
afterAll(() => dir.remove());

describe('crash soaks, CI-sized', () => {
  it('webhooks: serves killed while a producer makes events, twice on one folder: nothing lost, only the run counted', async () => {
    const first = await soak('webhooks', '--kills', '3', '--rate', '40');
    expect(first.status, first.stderr).toBe(0);
    passed(first.report);
    expect(first.report).toMatchObject({ soak: 'webhooks', kills: 3, earlier_events: 0 });
    expect(first.report.events).toBe(first.report.customers_made);

    const second = await soak('webhooks', '--kills', '2', '--rate', '40');
    expect(second.status, second.stderr).toBe(0);
    passed(second.report);
    expect(second.report.earlier_events).toBe(first.report.events);
    expect(second.report.events).toBe(second.report.customers_made);
  }, 600_000);

  it('writers: serves killed while CLI writers write the same folder: no write fails, nothing lost', async () => {
    const run = await soak('writers', '--kills', '3', '--writers', '2');
    expect(run.status, run.stderr).toBe(0);
    passed(run.report);
    expect(run.report).toMatchObject({ soak: 'writers', kills: 3, failed_writes: 0 });
    expect(run.report.writes).toBeGreaterThan(0);
    expect(run.report.earlier_events).toBeGreaterThan(0);
    // Each customer/create trigger makes a customer, each order/create an order (and the customer it is for).
    expect(run.report.events).toBe(Number(run.report.customers_made) + Number(run.report.orders_made));
  }, 600_000);

  it('explains itself: --help names the release gate, a wrong scenario is a usage error', async () => {
    const help = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'scripts', 'soak.mjs'), '--help'], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.on('close', () => resolve(out));
    });
    expect(help).toContain('npm run soak -- webhooks --kills 1000');
    expect(help).toContain('npm run soak -- writers --kills 200');
    expect(help).toContain('Release gate');

    const wrong = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'scripts', 'soak.mjs'), 'writer'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('close', (status) => resolve({ status, stderr: err }));
    });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('usage: npm run soak -- webhooks|writers');
  });
});
