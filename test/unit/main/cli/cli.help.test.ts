// Every help page of the CLI (the program, each group, each command): compared with the committed pages in
// ./help/ so that any change to a command's help shows in review (`npx vitest run test/unit/main/cli -u` after a
// deliberate change), and checked for form: the usage line, every declared flag, groups listing their
// subcommands, nothing wider than the terminal width. Also `help <command>`, "did you mean", -v/--version,
// colours and flag-named errors, in-process.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-shared/api/errors';
import { defaultRegistry, flagError, GLOBAL_OPTIONS, helpPages, runCli } from '../../../../src-main/cli/cli';
import type { Command } from '../../../../src-main/cli/command-kit';
import { APP_VERSION } from '../../../../src-main/console/version';
import { recordingIo } from '../../../helpers/cli-io';

const registry = defaultRegistry();
const pages = helpPages(recordingIo());
const fileName = (path: string) => `./help/${path === '' ? 'partnerdeck' : path.replace(/ /g, '-')}.txt`;
const commandOf = (path: string): Command | undefined => registry.commands.find((c) => c.name === path);

async function run(args: string[], options: Parameters<typeof recordingIo>[0] = {}) {
  const io = recordingIo(options);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

describe('help pages', () => {
  it('exist for the program, every group and every command', () => {
    const groups = [...new Set(registry.commands.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]))];
    expect([...pages.keys()].sort()).toEqual(['', ...groups, ...registry.commands.map((c) => c.name), 'help', 'completion'].sort());
  });

  it.each([...pages.keys()])('%j matches its committed page', async (path) => {
    await expect(pages.get(path)).toMatchFileSnapshot(fileName(path));
  });

  it.each([...pages.keys()])('%j is well formed', (path) => {
    const page = pages.get(path)!;
    const lines = page.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Usage: partnerdeck ${path.replace(/ /g, ' ')}${path ? ' ' : ''}`));
    for (const line of lines) {
      expect(line.length, line).toBeLessThanOrEqual(100);
      expect(line, 'no trailing blanks or tabs').not.toMatch(/[ \t]$|\t/);
    }
    for (const name of Object.keys(GLOBAL_OPTIONS)) expect(page).toContain(`--${name} <`);
    expect(page).toContain('-h, --help');
    const command = commandOf(path);
    if (command) {
      expect(lines[2]).toBe(command.summary.slice(0, lines[2].length));
      for (const [name, option] of Object.entries(command.options)) expect(page).toContain(`--${name}${option.value ? ` <${option.value}>` : ''}`);
      for (const argument of command.arguments ?? []) expect(lines[0]).toContain(argument.required ? `<${argument.name}>` : `[${argument.name}]`);
      for (const example of command.examples ?? []) expect(page).toContain(`  partnerdeck ${example}`);
    } else if (path === '' || registry.groups.some((g) => g.name === path)) {
      // The program and the groups list what runs under them, each with its summary.
      const children = registry.commands.filter((c) => (path === '' ? !c.name.includes(' ') : c.name.startsWith(`${path} `)));
      const childNames = path === '' ? [...children.map((c) => c.name), ...registry.groups.map((g) => g.name)] : children.map((c) => c.name.split(' ')[1]);
      expect(page).toMatch(/\nCommands:\n/);
      for (const name of childNames) expect(page).toMatch(new RegExp(`\\n  ${name}( |\\n)`));
    }
  });

  it('`help <command>` prints the same page as `<command> --help`, for every page', async () => {
    for (const path of pages.keys()) {
      const words = path === '' ? [] : path.split(' ');
      const viaHelp = await run(['help', ...words]);
      const viaFlag = await run([...words, '--help']);
      expect(viaHelp.code).toBe(0);
      expect(viaFlag.code).toBe(0);
      expect(viaHelp.stdout).toBe(viaFlag.stdout);
      expect(viaFlag.stdout).toBe(pages.get(path)!.replace(/\n$/, ''));
    }
    // Two in-process runs for each of ~90 pages: seconds on a loaded machine, and more with every command.
  }, 30_000);

  it('a group without a subcommand shows its help (stdout, exit 0); no arguments shows the program help', async () => {
    const company = await run(['company']);
    expect(company).toMatchObject({ code: 0, stderr: '' });
    expect(company.stdout).toMatch(/\n {2}list \[options\] +List companies/);
    expect(company.stdout).toMatch(/\n {2}create \[options\] +Create a company/);
    expect((await run([])).stdout).toBe(pages.get('')!.replace(/\n$/, ''));
  });
});

describe('mistakes', () => {
  it.each([
    [['compny'], "partnerdeck: unknown command 'compny' (did you mean company?)"],
    [['company', 'lst'], "partnerdeck: unknown command 'lst' (did you mean list?)"],
    [['company', 'create', '--nmae', 'X'], "partnerdeck: unknown flag '--nmae' (did you mean --name?)"],
    [['help', 'compny'], "partnerdeck: unknown command 'compny' (did you mean company?)"],
    [['company', 'create', '--name'], 'partnerdeck: --name needs a value (see `partnerdeck company create --help`)'],
    [['zzz'], "partnerdeck: unknown command 'zzz' (see `partnerdeck --help`)"],
    [['completion'], 'partnerdeck: completion needs <shell>, e.g. `partnerdeck completion bash`'],
    [['help', 'serve', 'now'], 'partnerdeck: "serve" has no subcommands (see `partnerdeck help serve`)'],
    [['completion', 'tcsh'], 'partnerdeck: <shell> must be one of bash, zsh, fish (got "tcsh")'],
    [['company', 'create', '--name', 'X', '--route', 'cash'], 'partnerdeck: --route must be direct or via_partner (got "cash")'],
    [['company', 'create'], 'partnerdeck: --name is required'],
    [['app', 'create', '--company', '5', '--name', 'A', '--scopes', 'orders'], 'partnerdeck: --redirect-uri is required (repeat it for several values)'],
    [['webhooks', 'replay', '1', '2'], "partnerdeck: too many arguments for 'replay'. Expected 1 argument but got 2. (see `partnerdeck webhooks replay --help`)"],
  ])('%j: one line on stderr, exit 2', async (args, message) => {
    const result = await run(args);
    expect(result).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('a validation error names the flag that set the field, with the list item that is wrong', () => {
    const appCreate = commandOf('app create')!;
    const values = { 'redirect-uri': ['https://ok.example/cb', 'ftp://x'], scopes: 'orders, everything', company: '5' };
    expect(flagError(ApiError.validation({ 'redirectUris.1': ['must be https'] }), appCreate, values)).toBe('--redirect-uri ftp://x: must be https');
    expect(flagError(ApiError.validation({ 'scopes.1': ['must be one of orders'] }), appCreate, values)).toBe('--scopes everything: must be one of orders');
    expect(flagError(ApiError.validation({ companyId: ['no such company'], name: ['is required'] }), appCreate, values)).toBe('--company: no such company; --name: is required');
    expect(flagError(ApiError.validation({ somethingElse: ['is wrong'] }), appCreate, values)).toBe('somethingElse is wrong');
  });
});

describe('version and colours', () => {
  it.each([['-v'], ['--version']])('%s prints the version', async (flag) => {
    expect(await run([flag])).toEqual({ code: 0, stdout: APP_VERSION, stderr: '' });
  });

  const ESC = '\u001b[';
  it('colours help and errors on a terminal only, and never with NO_COLOR', async () => {
    expect((await run(['--help'], { tty: true })).stdout).toContain(ESC);
    expect((await run(['zzz'], { tty: true })).stderr).toContain(`${ESC}31mpartnerdeck:`);
    expect((await run(['--help'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await run(['zzz'], { tty: true, env: { NO_COLOR: '1' } })).stderr).not.toContain(ESC);
    expect((await run(['--help'], { tty: true, env: { TERM: 'dumb' } })).stdout).not.toContain(ESC);
    expect((await run(['--help'], { tty: false })).stdout).not.toContain(ESC);
    expect((await run(['--help'], { tty: false, env: { FORCE_COLOR: '1' } })).stdout).toContain(ESC);
  });

  it('wraps help to a narrow terminal', async () => {
    const narrow = await run(['serve', '--help'], { tty: true, columns: 60, env: { NO_COLOR: '1' } });
    // Examples stay whole lines (to copy); everything else wraps.
    const lines = narrow.stdout.split('\n').filter((l) => !l.startsWith('  partnerdeck '));
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(60);
  });
});

describe('the command registry', () => {
  it('declares each group once, and no command twice', () => {
    const names = registry.commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const groupNames = registry.groups.map((g) => g.name);
    expect(new Set(groupNames).size).toBe(groupNames.length);
    for (const name of names.filter((n) => n.includes(' '))) expect(groupNames).toContain(name.split(' ')[0]);
    for (const group of groupNames) expect(names.some((n) => n.startsWith(`${group} `)), `group ${group} has commands`).toBe(true);
    for (const name of names) expect(name.split(' ').length).toBeLessThanOrEqual(2);
  });
});
