// `partnerdeck completion bash|zsh|fish`: shell completion scripts generated from the declared commands,
// so they always match the help. They are static (no call back into node on each Tab, which would cost a
// Node start per keypress) and need nothing but the shell itself (bash without the bash-completion package).
// Offered: commands and subcommands, each command's flags, the values of flags and arguments with fixed
// choices, folders for --data-dir and files for file flags.
import { UsageError } from './cli-io';
import type { Command, CommandGroup, CommandOption } from './command-kit';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface Flag {
  names: string[];
  description: string;
  takesValue: boolean;
  choices: readonly string[];
  complete?: 'file' | 'dir';
}

interface Node {
  /** '' for the program, else the command words joined by a space. */
  path: string;
  summary: string;
  children: Node[];
  flags: Flag[];
  /** Choices of the first argument, if it has fixed ones. */
  argumentChoices: readonly string[];
}

/** The shape completion needs, built from the same declarations as the program. */
export interface CompletionRegistry {
  commands: readonly Command[];
  groups: readonly CommandGroup[];
  globalOptions: Record<string, CommandOption>;
}

function flagOf(name: string, option: CommandOption): Flag {
  return {
    names: [`--${name}`, ...(option.short ? [`-${option.short}`] : [])],
    description: option.description,
    takesValue: option.value !== undefined,
    choices: option.choices ?? [],
    complete: option.complete,
  };
}

const HELP_FLAG: Flag = { names: ['--help', '-h'], description: 'show help', takesValue: false, choices: [] };
const VERSION_FLAG: Flag = { names: ['--version', '-v'], description: 'print the version', takesValue: false, choices: [] };

export function completionTree(registry: CompletionRegistry): Node {
  const globals = Object.entries(registry.globalOptions).map(([n, o]) => flagOf(n, o));
  const root: Node = { path: '', summary: '', children: [], flags: [...globals, HELP_FLAG, VERSION_FLAG], argumentChoices: [] };
  const groups = new Map<string, Node>();
  for (const command of registry.commands) {
    const words = command.name.split(' ');
    let parent = root;
    if (words.length === 2) {
      let group = groups.get(words[0]);
      if (!group) {
        const declared = registry.groups.find((g) => g.name === words[0]);
        group = { path: words[0], summary: declared?.summary ?? '', children: [], flags: [...globals, HELP_FLAG], argumentChoices: [] };
        groups.set(words[0], group);
        root.children.push(group);
      }
      parent = group;
    }
    parent.children.push({
      path: command.name,
      summary: command.summary,
      children: [],
      flags: [...Object.entries(command.options).map(([n, o]) => flagOf(n, o)), ...globals, HELP_FLAG],
      argumentChoices: command.name === 'help' ? [] : (command.arguments?.[0]?.choices ?? command.arguments?.[0]?.suggest ?? []),
    });
  }
  // `help <command>` completes the commands.
  const help = root.children.find((c) => c.path === 'help');
  if (help) help.argumentChoices = root.children.map((c) => c.path).filter((p) => p !== 'help');
  return root;
}

function nodes(root: Node): Node[] {
  return [root, ...root.children.flatMap(nodes)];
}

const lastWord = (path: string) => path.split(' ').pop() ?? '';
/** Text safe inside single quotes in bash, zsh and fish. */
const sq = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
/** One line, for descriptions shown by zsh and fish. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const fishQuote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Shell `case` arms mapping a command path to a space-separated word list. */
function caseArms(all: Node[], words: (node: Node) => string[], indent: string): string {
  return all
    .map((node) => ({ node, list: words(node) }))
    .filter(({ list }) => list.length > 0)
    .map(({ node, list }) => `${indent}${sq(node.path)}) echo ${sq(list.join(' '))} ;;`)
    .join('\n');
}

const valueFlags = (node: Node) => node.flags.filter((f) => f.takesValue).flatMap((f) => f.names);

/** `case "$cmdpath|$flag"` arms for the values of flags: choices, folders or files. */
function valueArms(all: Node[], choices: (words: string) => string, dir: string, file: string, indent: string): string {
  const arms: string[] = [];
  for (const node of all) {
    for (const flag of node.flags.filter((f) => f.takesValue)) {
      const pattern = flag.names.map((n) => sq(`${node.path}|${n}`)).join('|');
      if (flag.choices.length > 0) arms.push(`${indent}${pattern}) ${choices(flag.choices.join(' '))} ;;`);
      else if (flag.complete === 'dir') arms.push(`${indent}${pattern}) ${dir} ;;`);
      else if (flag.complete === 'file') arms.push(`${indent}${pattern}) ${file} ;;`);
    }
  }
  return arms.join('\n');
}

/** The path -> words functions bash and zsh share: flags that take a value, and fixed argument values. */
function shellLookups(all: Node[]): string {
  return `_partnerdeck_value_flags() {
  case "$1" in
${caseArms(all, valueFlags, '    ')}
  esac
}

_partnerdeck_arguments() {
  case "$1" in
${caseArms(all, (n) => [...n.argumentChoices], '    ')}
  esac
}
`;
}

function bash(root: Node): string {
  const all = nodes(root);
  return `# bash completion for partnerdeck (made by \`partnerdeck completion bash\`; it matches this version's commands)
# Use it: source <(partnerdeck completion bash)    or keep it where bash-completion finds it:
#         partnerdeck completion bash > ~/.local/share/bash-completion/completions/partnerdeck

_partnerdeck_subcommands() {
  case "$1" in
${caseArms(all, (n) => n.children.map((c) => lastWord(c.path)), '    ')}
  esac
}

_partnerdeck_flags() {
  case "$1" in
${caseArms(all, (n) => n.flags.map((f) => f.names[0]), '    ')}
  esac
}

${shellLookups(all)}
_partnerdeck() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" cmdpath="" word i expect=""
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ -n "$expect" ]]; then expect=""; continue; fi
    case "$word" in
      --*=*) ;;
      -*) if [[ " $(_partnerdeck_value_flags "$cmdpath") " == *" $word "* ]]; then expect="$word"; fi ;;
      *) if [[ " $(_partnerdeck_subcommands "$cmdpath") " == *" $word "* ]]; then cmdpath="\${cmdpath:+$cmdpath }$word"; fi ;;
    esac
  done
  if [[ -n "$expect" ]]; then
    case "$cmdpath|$expect" in
${valueArms(all, (w) => `COMPREPLY=($(compgen -W ${sq(w)} -- "$cur"))`, 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur"))', 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))', '      ')}
    esac
    return 0
  fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_partnerdeck_flags "$cmdpath")" -- "$cur"))
    return 0
  fi
  local words
  words="$(_partnerdeck_subcommands "$cmdpath")"
  [[ -n "$words" ]] || words="$(_partnerdeck_arguments "$cmdpath")"
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
  return 0
}

complete -F _partnerdeck partnerdeck
`;
}

/** zsh `_describe` entries: "name:description", with colons in names escaped. */
function describeArms(all: Node[], entries: (node: Node) => [string, string][], indent: string): string {
  return all
    .map((node) => ({ node, list: entries(node) }))
    .filter(({ list }) => list.length > 0)
    .map(({ node, list }) => `${indent}${sq(node.path)}) reply=(${list.map(([n, d]) => sq(`${n.replace(/:/g, '\\:')}:${oneLine(d)}`)).join(' ')}) ;;`)
    .join('\n');
}

function zsh(root: Node): string {
  const all = nodes(root);
  return `#compdef partnerdeck
# zsh completion for partnerdeck (made by \`partnerdeck completion zsh\`; it matches this version's commands)
# Use it: source <(partnerdeck completion zsh)    (after compinit), or save it as _partnerdeck in a folder
#         of your $fpath: partnerdeck completion zsh > "\${fpath[1]}/_partnerdeck"

_partnerdeck_subcommands() {
  case "$1" in
${describeArms(all, (n) => n.children.map((c) => [lastWord(c.path), c.summary]), '    ')}
    *) reply=() ;;
  esac
}

_partnerdeck_flags() {
  case "$1" in
${describeArms(all, (n) => n.flags.map((f) => [f.names[0], f.description]), '    ')}
    *) reply=() ;;
  esac
}

${shellLookups(all)}
_partnerdeck() {
  local cmdpath="" word expect="" i
  local -a reply names
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    if [[ -n "$expect" ]]; then expect=""; continue; fi
    case "$word" in
      --*=*) ;;
      -*) if [[ " $(_partnerdeck_value_flags "$cmdpath") " == *" $word "* ]]; then expect="$word"; fi ;;
      *)
        _partnerdeck_subcommands "$cmdpath"
        names=("\${(@)reply%%:*}")
        if (( \${names[(Ie)$word]} )); then cmdpath="\${cmdpath:+$cmdpath }$word"; fi
        ;;
    esac
  done
  if [[ -n "$expect" ]]; then
    case "$cmdpath|$expect" in
${valueArms(all, (w) => `compadd -- ${w}`, '_files -/', '_files', '      ')}
    esac
    return 0
  fi
  if [[ "\${words[CURRENT]}" == -* ]]; then
    _partnerdeck_flags "$cmdpath"
    _describe -t options 'option' reply
    return 0
  fi
  _partnerdeck_subcommands "$cmdpath"
  if (( \${#reply} )); then
    _describe -t commands 'command' reply
  else
    local choices="$(_partnerdeck_arguments "$cmdpath")"
    [[ -n "$choices" ]] && compadd -- \${=choices}
  fi
  return 0
}

if [[ "\${funcstack[1]}" == "_partnerdeck" ]]; then
  _partnerdeck "$@"
else
  compdef _partnerdeck partnerdeck
fi
`;
}

function fish(root: Node): string {
  const all = nodes(root);
  const lines: string[] = [];
  for (const node of all) {
    const when = `-n ${fishQuote(`test (__partnerdeck_path) = ${fishQuote(node.path || '-')}`)}`;
    for (const child of node.children) lines.push(`complete -c partnerdeck ${when} -f -a ${fishQuote(lastWord(child.path))} -d ${fishQuote(oneLine(child.summary))}`);
    if (node.argumentChoices.length > 0) lines.push(`complete -c partnerdeck ${when} -f -a ${fishQuote(node.argumentChoices.join(' '))}`);
    for (const flag of node.flags) {
      const long = flag.names.find((n) => n.startsWith('--'))!.slice(2);
      const short = flag.names.find((n) => /^-[^-]$/.test(n));
      let value = '';
      if (flag.takesValue) {
        if (flag.choices.length > 0) value = ` -x -a ${fishQuote(flag.choices.join(' '))}`;
        else if (flag.complete === 'dir') value = ` -x -a '(__fish_complete_directories)'`;
        else if (flag.complete === 'file') value = ' -r -F';
        else value = ' -x';
      }
      lines.push(`complete -c partnerdeck ${when} -l ${long}${short ? ` -s ${short.slice(1)}` : ''}${value} -d ${fishQuote(oneLine(flag.description))}`);
    }
  }
  const fishCase = (words: (node: Node) => string[]) =>
    all
      .map((node) => ({ node, list: words(node) }))
      .filter(({ list }) => list.length > 0)
      .map(({ node, list }) => `        case ${fishQuote(node.path || '-')}\n            printf '%s\\n' ${list.map(fishQuote).join(' ')}`)
      .join('\n');
  return `# fish completion for partnerdeck (made by \`partnerdeck completion fish\`; it matches this version's commands)
# Use it: partnerdeck completion fish | source    or keep it:
#         partnerdeck completion fish > ~/.config/fish/completions/partnerdeck.fish

function __partnerdeck_subcommands
    switch $argv[1]
${fishCase((n) => n.children.map((c) => lastWord(c.path)))}
    end
end

function __partnerdeck_value_flags
    switch $argv[1]
${fishCase(valueFlags)}
    end
end

# The command path typed so far ("-" for none): command words, skipping flags and their values.
function __partnerdeck_path
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l cmdpath '-'
    set -l expect 0
    for token in $tokens
        if test $expect = 1
            set expect 0
            continue
        end
        switch $token
            case '--*=*'
            case '-*'
                if contains -- $token (__partnerdeck_value_flags $cmdpath)
                    set expect 1
                end
            case '*'
                if contains -- $token (__partnerdeck_subcommands $cmdpath)
                    if test $cmdpath = '-'
                        set cmdpath $token
                    else
                        set cmdpath "$cmdpath $token"
                    end
                end
        end
    end
    echo $cmdpath
end

complete -c partnerdeck -e
${lines.join('\n')}
`;
}

export function completionScript(shell: Shell, registry: CompletionRegistry): string {
  const root = completionTree(registry);
  return shell === 'bash' ? bash(root) : shell === 'zsh' ? zsh(root) : fish(root);
}

/** The `completion` command, over the registry it completes (itself and `help` included by the caller). */
export function completionCommand(registry: { commands: readonly Command[]; groups: readonly CommandGroup[] }, globalOptions: Record<string, CommandOption>, extra: () => Command[]): Command {
  const self: Command = {
    name: 'completion',
    summary: 'Print the shell completion script for bash, zsh or fish',
    description: `Completes commands, subcommands, flags and the values of flags with fixed choices.
  bash:  source <(partnerdeck completion bash)          (e.g. in ~/.bashrc)
  zsh:   source <(partnerdeck completion zsh)           (after compinit, e.g. in ~/.zshrc)
  fish:  partnerdeck completion fish > ~/.config/fish/completions/partnerdeck.fish`,
    arguments: [{ name: 'shell', description: 'bash, zsh or fish', required: true, choices: SHELLS }],
    options: {},
    examples: ['completion bash', 'completion zsh', 'completion fish'],
    async run({ positionals, io }) {
      const shell = positionals[0] as Shell;
      if (!SHELLS.includes(shell)) throw new UsageError(`<shell> must be bash, zsh or fish (got "${positionals[0]}")`);
      io.out(completionScript(shell, { commands: [...registry.commands, ...extra()], groups: registry.groups, globalOptions }).replace(/\n$/, ''));
      return 0;
    },
  };
  return self;
}
