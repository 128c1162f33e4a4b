// `partnerdeck completion bash|zsh|fish`: the generated scripts loaded into the real shells and asked to
// complete command lines. bash: the completion function run with COMP_WORDS/COMP_CWORD as bash's
// programmable completion sets them; fish: its own `complete -C`; zsh: the function run with the completion
// builtins recorded (they only exist inside zle). zsh and fish are skipped, saying so, where not installed.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-completion-');
const script = (shell: string) => {
  const result = runCli(['completion', shell]);
  expect(result.status, result.stderr).toBe(0);
  const file = join(dir.path, `partnerdeck.${shell}`);
  writeFileSync(file, result.stdout);
  return file;
};
const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

beforeAll(() => assertBuilt());
afterAll(() => dir.remove());

// Each case: the words typed (the last one being completed) and what must be offered (exactly, in order).
const CASES: [string[], string[]][] = [
  [['partnerdeck', ''], ['serve', 'console', 'company', 'branding', 'user', 'doctor', 'migrate', 'seed', 'app', 'trigger', 'listen', 'webhooks', 'clock', 'example-app', 'close-month', 'documents', 'billing', 'logs', 'oauth', 'snapshot', 'logistics', 'shipments', 'help', 'completion']],
  [['partnerdeck', 'comp'], ['company', 'completion']],
  [['partnerdeck', 'company', ''], ['list', 'create', 'delete', 'payment-method']],
  [['partnerdeck', '--data-dir', '/tmp', 'app', 'l'], ['list']],
  [['partnerdeck', 'app', 'create', '--re'], ['--redirect-uri']],
  [['partnerdeck', 'serve', '--seed', ''], ['demo', 'none']],
  [['partnerdeck', 'documents', 'list', '--type', 'c'], ['credit_note']],
  [['partnerdeck', 'trigger', 'order'], ['order/create']],
  [['partnerdeck', 'completion', ''], ['bash', 'zsh', 'fish']],
  [['partnerdeck', 'help', 'we'], ['webhooks']],
  [['partnerdeck', 'webhooks', 'replay', '--j'], ['--json']],
];

describe('bash', () => {
  it.each(CASES)('%j', (words, expected) => {
    const file = script('bash');
    const line = words.map((w) => `'${w}'`).join(' ');
    const run = spawnSync('bash', ['--norc', '--noprofile', '-c', `source '${file}'; COMP_WORDS=(${line}); COMP_CWORD=${words.length - 1}; _partnerdeck; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n').filter(Boolean)).toEqual(expected);
  });

  it('completes folders for --data-dir and registers itself for `partnerdeck`', () => {
    const file = script('bash');
    const run = spawnSync('bash', ['--norc', '--noprofile', '-c', `source '${file}'; complete -p partnerdeck; COMP_WORDS=(partnerdeck --data-dir '${dir.path}/'); COMP_CWORD=2; _partnerdeck; printf '%s\\n' "\${COMPREPLY[@]}"`], {
      encoding: 'utf8',
    });
    expect(run.stdout).toContain('complete -F _partnerdeck partnerdeck');
    expect(run.stdout).not.toContain('partnerdeck.bash'); // folders only
  });
});

describe.runIf(has('fish'))('fish', () => {
  it.each(CASES)('%j', (words, expected) => {
    const file = script('fish');
    const run = spawnSync('fish', ['--no-config', '-c', `source '${file}'; complete -C '${words.join(' ')}'`], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const offered = run.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
    expect([...offered].sort()).toEqual([...expected].sort());
  });
});

describe.runIf(has('zsh'))('zsh', () => {
  it.each(CASES)('%j', (words, expected) => {
    const file = script('zsh');
    // compadd/_describe exist only inside zle's completion; record what the function hands them, filtered by
    // the typed prefix as zsh's matcher would.
    const probe = `
compdef() { :; }
source '${file}'
typeset -a offered
compadd() { [[ $1 == -- ]] && shift; offered+=("$@"); }
_describe() { local -a entries; entries=("\${(@P)\${@[-1]}}"); offered+=("\${(@)\${(@)entries%%:*}//\\\\/}"); }
_files() { offered+=(FILES); }
words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}
_partnerdeck
for o in "\${offered[@]}"; do [[ $o == "\${words[CURRENT]}"* ]] && print -r -- $o; done
`;
    const run = spawnSync('zsh', ['-f', '-c', probe], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n').filter(Boolean)).toEqual(expected);
  });
});

if (!has('zsh') || !has('fish')) {
  describe('shells not installed here', () => {
    it.skip('zsh or fish is missing on this machine (apt-get install zsh fish): their completion tests did not run', () => undefined);
  });
}
