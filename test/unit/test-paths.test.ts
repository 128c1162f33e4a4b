// Tests mirror the source paths (docs/architecture.md "Tests"): the unit test of `src-X/a/b.ts` is
// `test/unit/<x>/a/b.test.ts`, or `b.<aspect>.test.ts` when one file has several (`main.port-memory.test.ts`); a
// file outside the src- folders keeps its path (`scripts/check-fuses.mjs` -> `test/unit/scripts/check-fuses.test.ts`).
// So a file's tests are found by its path, and a test is found by the file it tests. Integration and e2e tests
// are named by the flow they walk and are not checked here.
import { existsSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const UNIT = join(ROOT, 'test', 'unit');
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mjs', '.cjs', '.js', '.yml', '.json'];
const MIRRORED = new Set(['main', 'shared', 'renderer']);

/**
 * The few unit tests that test no single file, each with its reason. Keep this list short: a test of one file
 * belongs beside that file's path.
 */
const EXCEPTIONS: Record<string, string> = {
  'layering.test.ts': 'the layering rule of eslint.config.mjs, case by case over the whole source tree',
  'test-paths.test.ts': 'this rule itself, over the whole test tree',
  'write-transactions.test.ts': 'the lock mode of every transaction (M4), over every file of src-main',
  'main/core/repositories/query-plans.test.ts': "the query plans of every hot query, across the repositories' SQL",
};

/** The source file a unit test's path names (relative to the repository), or null when it names none. */
function sourceOf(testPath: string, exists: (path: string) => boolean): string | null {
  const match = /^(.*?)([^/]+)\.test\.tsx?$/.exec(testPath);
  if (!match) return null;
  const [, dir, name] = match;
  const [top] = dir.split('/');
  const sourceDir = MIRRORED.has(top) ? `src-${dir}` : dir;
  // `b.<aspect>` first tries `b.<aspect>` itself (a file may have dots in its name), then `b`
  const bases = [name, name.split('.')[0]];
  for (const base of bases)
    for (const extension of SOURCE_EXTENSIONS) {
      const candidate = posix.join(sourceDir, base + extension);
      if (exists(candidate)) return candidate;
    }
  return null;
}

function unitTests(dir = UNIT, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? unitTests(join(dir, entry.name), `${prefix}${entry.name}/`)
      : /\.test\.tsx?$/.test(entry.name)
        ? [`${prefix}${entry.name}`]
        : [],
  );
}

describe('unit tests mirror the source paths', () => {
  const onDisk = (path: string) => existsSync(join(ROOT, path));

  it('every unit test names an existing source file by its path (or is a listed exception)', () => {
    const tests = unitTests();
    expect(tests.length).toBeGreaterThan(50);
    const unmapped = tests.filter((path) => !(path in EXCEPTIONS) && sourceOf(path, onDisk) === null);
    expect(unmapped, 'move each to test/unit/<main|shared|renderer>/<path of its source>/<name>[.<aspect>].test.ts').toEqual([]);
  });

  it('every listed exception still exists (a moved or deleted one leaves the list)', () => {
    const tests = new Set(unitTests());
    expect(Object.keys(EXCEPTIONS).filter((path) => !tests.has(path))).toEqual([]);
  });

  it('maps paths as the rule says', () => {
    const files = new Set(['src-main/core/clock.ts', 'src-main/electron/main.ts', 'src-renderer/ui/loadable.tsx', 'scripts/check-fuses.mjs', 'electron-builder.yml']);
    const has = (path: string) => files.has(path);
    expect(sourceOf('main/core/clock.test.ts', has)).toBe('src-main/core/clock.ts');
    expect(sourceOf('main/electron/main.port-memory.test.ts', has)).toBe('src-main/electron/main.ts');
    expect(sourceOf('renderer/ui/loadable.test.ts', has)).toBe('src-renderer/ui/loadable.tsx');
    expect(sourceOf('scripts/check-fuses.test.ts', has)).toBe('scripts/check-fuses.mjs');
    expect(sourceOf('electron-builder.test.ts', has)).toBe('electron-builder.yml');
    // the old layout (by layer and topic) names no file
    expect(sourceOf('core/clock.test.ts', has)).toBeNull();
    expect(sourceOf('main/core/clock-iso.test.ts', has)).toBeNull();
    expect(sourceOf('main/core/timer.test.ts', has)).toBeNull();
  });
});
