// The README's CLI table against the commands themselves: every command has a row, and every flag a row
// shows exists on that command (or is global), so the table cannot drift from the help.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRegistry, GLOBAL_OPTIONS } from '../../../../src-main/cli/cli';

const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
const registry = defaultRegistry();
const BUILT_IN: Record<string, string[]> = { help: [], completion: [] };

/** Each row's first cell: the command names it documents (`documents list\|show` is two) and its flags. */
const rows = [...readme.matchAll(/^\| `partnerdeck ([^`]+)` \|/gm)].map((m) => {
  const cell = m[1].replace(/\\\|/g, '|');
  const words = cell.split(' ').filter((w) => /^[a-z][a-z-]*(\|[a-z-]+)*$/.test(w));
  const [first, second] = words;
  const group = registry.groups.some((g) => g.name === first);
  const names = group && second ? second.split('|').map((s) => `${first} ${s}`) : [first];
  return { cell, names, flags: [...cell.matchAll(/--[a-z][a-z-]*/g)].map((f) => f[0].slice(2)) };
});

describe('the README CLI table', () => {
  it('has a row for every command', () => {
    const documented = new Set(rows.flatMap((r) => r.names));
    for (const command of [...registry.commands.map((c) => c.name), ...Object.keys(BUILT_IN)]) expect(documented, command).toContain(command);
  });

  it.each(rows.map((r) => [r.cell, r] as const))('%s: names only flags the command has', (_cell, row) => {
    for (const name of row.names) {
      const command = registry.commands.find((c) => c.name === name);
      const known = command ? Object.keys(command.options) : BUILT_IN[name];
      expect(known, `no command "${name}"`).toBeDefined();
      for (const flag of row.flags) {
        // A combined row (documents list|show|pdf|correct) names flags of any of its commands.
        const anyOf = row.names.flatMap((n) => Object.keys(registry.commands.find((c) => c.name === n)?.options ?? {}));
        expect([...anyOf, ...Object.keys(GLOBAL_OPTIONS)], `${name} --${flag}`).toContain(flag);
      }
    }
  });
});
