// Runs the built `partnerdeck` binary (bin/partnerdeck.cjs -> dist/cli) as a real process.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'partnerdeck.cjs');

export function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'partnerdeck.cjs'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
  }
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI without blocking this process: a long seed under spawnSync would stall the test worker's event
 * loop (and vitest's own messages), and a receiver or server in the test must keep answering meanwhile.
 */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

/** Starts a long-running command and resolves with its first stdout line (parsed as JSON). */
export function startCli(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; first: Record<string, string>; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], { stdio: 'pipe' });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => reject(new Error(`exited ${code} before printing: ${stderr}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      child.removeAllListeners('exit');
      resolve({ child, first: JSON.parse(line), ms: Date.now() - started });
    });
  });
}

export function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}
