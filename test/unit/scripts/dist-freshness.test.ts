// bin/partnerdeck.cjs and `prepare` rebuild dist/ only when a source is newer than the last build (and never
// outside a development checkout): scripts/dist-freshness.cjs decides, on a throwaway checkout.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const freshness = createRequire(__filename)('../../../scripts/dist-freshness.cjs') as {
  isDevCheckout(root: string): boolean;
  staleInput(root: string): string | null;
};

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function checkout(): string {
  root = mkdtempSync(join(tmpdir(), 'pd-fresh-'));
  mkdirSync(join(root, 'src-main', 'cli'), { recursive: true });
  mkdirSync(join(root, 'scripts'));
  writeFileSync(join(root, 'scripts', 'build.mjs'), '');
  writeFileSync(join(root, 'src-main', 'cli', 'cli.ts'), '');
  writeFileSync(join(root, 'package.json'), '{}');
  return root;
}

/** Sets a path's times `secondsAgo` in the past. */
const age = (path: string, secondsAgo: number) => utimesSync(path, new Date(Date.now() - secondsAgo * 1000), new Date(Date.now() - secondsAgo * 1000));

function built(at: number): void {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', 'build-info.json'), '{}');
  age(join(root, 'dist', 'build-info.json'), at);
}

describe('dist/ freshness', () => {
  it('is stale without a build, fresh after one, stale again when a source changes or a file is added', () => {
    checkout();
    expect(freshness.isDevCheckout(root)).toBe(true);
    expect(freshness.staleInput(root)).toBe('dist/');
    for (const path of ['src-main/cli/cli.ts', 'src-main/cli', 'src-main', 'scripts/build.mjs', 'package.json']) age(join(root, path), 60);
    built(30);
    expect(freshness.staleInput(root)).toBeNull();
    writeFileSync(join(root, 'src-main', 'cli', 'cli.ts'), 'changed');
    expect(freshness.staleInput(root)).toBe(join('src-main', 'cli', 'cli.ts'));
    // A build after that change: utimes takes whole milliseconds (Date), the kernel stamped the change with
    // nanoseconds, so within the same millisecond the change would look newer; the build is a second later.
    age(join(root, 'src-main', 'cli', 'cli.ts'), 1);
    built(0);
    expect(freshness.staleInput(root)).toBeNull();
    // A new file (or a removed one) changes its folder's time.
    age(join(root, 'dist', 'build-info.json'), 30);
    age(join(root, 'src-main', 'cli', 'cli.ts'), 60);
    writeFileSync(join(root, 'src-main', 'cli', 'new.ts'), '');
    age(join(root, 'src-main', 'cli', 'new.ts'), 60);
    expect(freshness.staleInput(root)).toBe(join('src-main', 'cli'));
  });

  it('an installed copy (no sources, no build script) is not a development checkout', () => {
    checkout();
    rmSync(join(root, 'src-main'), { recursive: true });
    expect(freshness.isDevCheckout(root)).toBe(false);
  });
});
