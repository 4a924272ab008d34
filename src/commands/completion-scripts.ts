import type { CommandSpec, FlagSpec, ProgramSpec, ValueCompletion } from "./completion-spec.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

const functionName = (program: string) => `_${program.replace(/[^A-Za-z0-9]/g, "_")}`;
const firstLine = (text: string) => text.split("\n")[0] ?? "";
const valueFlags = (flags: FlagSpec[]) => flags.filter((f) => f.value.kind !== "none");

/** One `case` branch of bash: what follows a flag that takes a value. */
function bashValue(value: ValueCompletion): string {
  switch (value.kind) {
    case "words":
      return `COMPREPLY=($(compgen -W "${value.words.join(" ")}" -- "$cur"))`;
    case "files":
      return `COMPREPLY=($(compgen -f -- "$cur"))`;
    default:
      return "COMPREPLY=()";
  }
}

function bashCommand(command: CommandSpec): string {
  const takesValue = valueFlags(command.flags);
  const free = takesValue.filter((f) => f.value.kind === "free").flatMap((f) => f.names);
  const branches = takesValue
    .filter((f) => f.value.kind !== "free")
    .map((f) => `        ${f.names.join("|")}) ${bashValue(f.value)}; return ;;`);
  // A free value (a URL, a number): offer nothing rather than flags or file names.
  if (free.length > 0) branches.push(`        ${free.join("|")}) COMPREPLY=(); return ;;`);
  const words = command.flags.flatMap((f) => f.names).join(" ");
  const argument =
    command.argument.kind === "none"
      ? "COMPREPLY=()"
      : bashValue(command.argument.kind === "free" ? { kind: "files" } : command.argument);
  return [
    `    ${command.name})`,
    ...(branches.length > 0 ? ['      case "$prev" in', ...branches, "      esac"] : []),
    `      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "${words}" -- "$cur")); else ${argument}; fi`,
    "      ;;",
  ].join("\n");
}

function bash(spec: ProgramSpec): string {
  const fn = functionName(spec.name);
  const names = spec.commands.map((c) => c.name).join(" ");
  const topFlags = spec.flags.flatMap((f) => f.names).join(" ");
  return `# ${spec.name} completion for bash.
# Load it in this shell:   source <(${spec.name} completion bash)
# For every new shell:     ${spec.name} completion bash > ~/.local/share/bash-completion/completions/${spec.name}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ \${COMP_WORDS[i]} != -* ]]; then command="\${COMP_WORDS[i]}"; break; fi
  done
  case "$command" in
    "")
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "${topFlags}" -- "$cur"))
      else COMPREPLY=($(compgen -W "${names}" -- "$cur")); fi
      ;;
${spec.commands.map(bashCommand).join("\n")}
  esac
}
complete -o filenames -o bashdefault -F ${fn} ${spec.name}
`;
}

// zsh's _arguments: a description goes in [...], which must not hold ] or an unescaped colon.
const zshText = (text: string) =>
  firstLine(text).replace(/[\\[\]:']/g, (c) => (c === "'" ? "'\\''" : `\\${c}`));

function zshValue(value: ValueCompletion, label: string): string {
  switch (value.kind) {
    case "none":
      return "";
    case "words":
      return `:${label}:(${value.words.join(" ")})`;
    case "files":
      return `:${label}:_files`;
    default:
      return `:${label}: `;
  }
}

function zshFlag(flag: FlagSpec): string {
  const label = flag.names.at(-1)?.replace(/^-+/, "") ?? "value";
  const value = zshValue(flag.value, label);
  const description = zshText(flag.description);
  if (flag.names.length === 1) return `'${flag.names[0]}[${description}]${value}'`;
  const group = `(${flag.names.join(" ")})`;
  return `'${group}'{${flag.names.join(",")}}'[${description}]${value}'`;
}

function zshCommand(command: CommandSpec): string {
  const specs = command.flags.map(zshFlag);
  if (command.argument.kind === "words") specs.push(`'1${zshValue(command.argument, "argument")}'`);
  else if (command.argument.kind === "free") specs.push(`'*:argument:_files'`);
  return `    ${command.name})\n      _arguments -s \\\n        ${specs.join(" \\\n        ")}\n      ;;`;
}

function zsh(spec: ProgramSpec): string {
  const fn = functionName(spec.name);
  const described = spec.commands.map((c) => `    '${c.name}:${zshText(c.description)}'`).join("\n");
  return `#compdef ${spec.name}
# ${spec.name} completion for zsh.
# Load it in this shell:   source <(${spec.name} completion zsh)
# For every new shell:     ${spec.name} completion zsh > "\${fpath[1]}/_${spec.name}"
${fn}() {
  local -a commands
  commands=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'command' commands
    return
  fi
  local command="$words[2]"
  shift words
  (( CURRENT-- ))
  case "$command" in
${spec.commands.map(zshCommand).join("\n")}
  esac
}
if [[ "\${funcstack[1]}" == "${fn}" ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${spec.name}
fi
`;
}

const fishText = (text: string) => `'${firstLine(text).replace(/[\\']/g, (c) => `\\${c}`)}'`;

function fishFlag(program: string, command: string, flag: FlagSpec): string {
  const parts = [`complete -c ${program} -n '__fish_seen_subcommand_from ${command}'`];
  for (const name of flag.names)
    parts.push(name.startsWith("--") ? `-l ${name.slice(2)}` : `-s ${name.slice(1)}`);
  if (flag.value.kind === "words") parts.push(`-x -a '${flag.value.words.join(" ")}'`);
  else if (flag.value.kind === "files") parts.push("-r -F");
  else if (flag.value.kind === "free") parts.push("-x");
  parts.push(`-d ${fishText(flag.description)}`);
  return parts.join(" ");
}

function fish(spec: ProgramSpec): string {
  const p = spec.name;
  const lines = [
    `# ${p} completion for fish.`,
    `# Load it in this shell:   ${p} completion fish | source`,
    `# For every new shell:     ${p} completion fish > ~/.config/fish/completions/${p}.fish`,
    `complete -c ${p} -f`,
  ];
  for (const c of spec.commands)
    lines.push(`complete -c ${p} -n __fish_use_subcommand -a ${c.name} -d ${fishText(c.description)}`);
  for (const c of spec.commands) {
    for (const flag of c.flags) lines.push(fishFlag(p, c.name, flag));
    const when = `-n '__fish_seen_subcommand_from ${c.name}'`;
    if (c.argument.kind === "words")
      lines.push(`complete -c ${p} ${when} -x -a '${c.argument.words.join(" ")}'`);
    else if (c.argument.kind === "free") lines.push(`complete -c ${p} ${when} -F`);
  }
  return `${lines.join("\n")}\n`;
}

/** The completion script of `shell` for the program described by `spec`. */
export function completionScript(shell: Shell, spec: ProgramSpec): string {
  if (shell === "bash") return bash(spec);
  if (shell === "zsh") return zsh(spec);
  return fish(spec);
}
