// Writing the app's credentials into the developer's .env file without touching anything else in it: the keys
// PartnerDeck owns are replaced where they are (or appended), every other line — other keys, comments, blank
// lines — is kept as it was; the file is written atomically and readable only by the developer (0600).
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface EnvChanges {
  added: string[];
  updated: string[];
  unchanged: string[];
}

const LINE = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)(\s*=\s*)(.*)$/;

/** A value as a .env line carries it: bare when safe, else double-quoted with escapes. */
function quote(value: string): string {
  return /^[A-Za-z0-9_./:@+,-]*$/.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) return value.slice(1, -1).replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) return value.slice(1, -1);
  return value.replace(/\s+#.*$/, '');
}

/** The values of a .env text (last one wins, as dotenv). */
export function readEnvValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = LINE.exec(line);
    if (match) values.set(match[2], unquote(match[4]));
  }
  return values;
}

/** The merged text and what changed. */
export function mergeEnv(text: string, wanted: Readonly<Record<string, string>>): { text: string; changes: EnvChanges } {
  const changes: EnvChanges = { added: [], updated: [], unchanged: [] };
  const lines = text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/);
  const done = new Set<string>();
  const out = lines.map((line) => {
    const match = LINE.exec(line);
    if (!match || !(match[2] in wanted)) return line;
    const key = match[2];
    if (done.has(key)) return line; // a repeated key: the first is ours, the rest stay as they were
    done.add(key);
    const value = wanted[key];
    if (unquote(match[4]) === value) {
      changes.unchanged.push(key);
      return line;
    }
    changes.updated.push(key);
    return `${match[1]}${key}${match[3]}${quote(value)}`;
  });
  const missing = Object.keys(wanted).filter((key) => !done.has(key));
  if (missing.length > 0 && out.length > 0 && out[out.length - 1].trim() !== '') out.push('');
  if (missing.length > 0) out.push('# Written by `partnerdeck app dev` (PartnerDeck, the local platform)');
  for (const key of missing) {
    changes.added.push(key);
    out.push(`${key}=${quote(wanted[key])}`);
  }
  return { text: out.join('\n') + '\n', changes };
}

/** Merges `wanted` into the file (created when missing), mode 0600, atomically. */
export function writeEnvFile(path: string, wanted: Readonly<Record<string, string>>): EnvChanges {
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const { text, changes } = mergeEnv(before, wanted);
  if (text !== before || !existsSync(path)) {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, text, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  }
  chmodSync(path, 0o600);
  return changes;
}
