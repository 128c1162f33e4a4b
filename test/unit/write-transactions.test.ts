// M4: every transaction in the main code says how it locks. `.immediate()` for anything that writes (the
// write lock at BEGIN, so a busy database is waited out instead of failing at the first write after a read),
// `.deferred()` only for read-only snapshots. A bare `db.transaction(fn)()` is deferred by accident and is
// refused here; `ctx.transact` is always immediate (service-context.ts), and so is the asynchronous data layer's
// `data.transaction` / `ctx.transaction` (db/sqlite-data.ts: BEGIN IMMEDIATE), which takes no mode.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Index just after the parenthesis that closes the one opening at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** Every `.transaction(` whose lock mode is not said, as `file:line`. */
export function unsaidTransactions(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\.transaction\(/g)) {
    // The data layer's transaction (db/data.ts) is IMMEDIATE on SQLite by construction.
    if (/\b(?:data|ctx|database)$/.test(text.slice(Math.max(0, match.index - 20), match.index))) continue;
    const end = closing(text, match.index + match[0].length - 1);
    const after = text.slice(end, end + 40).trimStart();
    if (after.startsWith('.immediate(') || after.startsWith('.deferred(')) continue;
    // Kept in a variable (or a cache that `<name>Of(…)` reads, db/transactions.ts): every call of it must say the mode.
    const assigned = /(?:(?:const|let)\s+)?(\w+)\s*=\s*[\w.]*$/.exec(text.slice(Math.max(0, match.index - 80), match.index));
    if (assigned) {
      const name = assigned[1];
      const calls = [...text.matchAll(new RegExp(`(?<![.\\w])${name}(?:Of\\([^)]*\\))?(\\.\\w+)?\\(`, 'g'))].map((m) => m[1]);
      if (calls.length > 0 && calls.every((mode) => mode === '.immediate' || mode === '.deferred')) continue;
    }
    found.push(`${file}:${text.slice(0, match.index).split('\n').length}`);
  }
  return found;
}

describe('write transactions (M4)', () => {
  it('every db.transaction in src-main is .immediate() (writes) or .deferred() (read-only snapshots)', () => {
    const unsaid = sources(join(ROOT, 'src-main')).flatMap((path) => unsaidTransactions(relative(ROOT, path), readFileSync(path, 'utf8')));
    expect(unsaid).toEqual([]);
  });

  it('the check finds a bare call and a stored transaction called without a mode', () => {
    expect(unsaidTransactions('a.ts', 'db.transaction(() => { x(); })();')).toEqual(['a.ts:1']);
    expect(unsaidTransactions('a.ts', 'const batch = db.transaction((a) => a);\nbatch(1);')).toEqual(['a.ts:1']);
    expect(unsaidTransactions('a.ts', 'const batch = db.transaction((a) => a);\nbatch.immediate(1);')).toEqual([]);
    expect(unsaidTransactions('a.ts', 'db.transaction(() => read()).deferred();')).toEqual([]);
    // One transaction function per connection, kept in a cache that runnerOf(db) reads: each use must say the mode.
    const kept = 'function runnerOf(db) {\n  let runner = runners.get(db);\n  if (!runner) runner = db.transaction((run) => run());\n  return runner;\n}\n';
    expect(unsaidTransactions('a.ts', `${kept}runnerOf(db).immediate(work);\nrunnerOf(db).deferred(read);`)).toEqual([]);
    expect(unsaidTransactions('a.ts', `${kept}runnerOf(db).immediate(work);\nrunnerOf(db)(read);`)).toEqual(['a.ts:3']);
    expect(unsaidTransactions('a.ts', 'await ctx.transaction(async () => x());\nawait data.transaction(async () => y());')).toEqual([]);
  });
});
