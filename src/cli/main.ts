// The CLI as a function of its arguments, environment and streams, returning the exit code:
// finds the command by its words, parses its options, runs it, and turns any failure into one
// line on stderr and exit code 1.
import { PACKAGE_VERSION, type LiveChatAuth, type LiveChatClient } from "../index.js";
import { BIN, helpText, parseCommand, type Command, type Context } from "./args.js";
import { CONFIG_COMMANDS } from "./commands/config.js";
import { MOCK_COMMAND } from "./commands/mock.js";
import { RESOURCE_COMMANDS } from "./commands/resources.js";
import { authFromEnv, clientFor, type Env } from "./credentials.js";
import { describeFailure } from "./failure.js";
import { Output, type Streams } from "./output.js";
import { closest } from "./suggest.js";

export const COMMANDS: Command[] = [...RESOURCE_COMMANDS, ...CONFIG_COMMANDS, MOCK_COMMAND];
const GROUPS = [...new Set(COMMANDS.filter((c) => c.path.length > 1).map((c) => c.path[0]!))];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(" ").length));
  return [
    `Usage: ${BIN} <command> [options]`,
    "",
    "Manage a LiveChat account's tags and webhooks (REST API v2) from the shell, or keep them in a YAML file (plan / apply).",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.path.join(" ").padEnd(width)}  ${c.summary}`),
    "",
    `Run \`${BIN} <command> --help\` for a command's options. Every command that calls the API takes --base-url URL.`,
    "Credentials come from the environment only: LIVECHAT_LOGIN and LIVECHAT_API_KEY (HTTP Basic), or LIVECHAT_ACCESS_TOKEN (OAuth).",
    "Exit codes: 0 done, 1 error, 2 (plan) changes pending.",
  ].join("\n");
}

function groupHelp(group: string): string {
  const commands = COMMANDS.filter((c) => c.path[0] === group);
  const width = Math.max(...commands.map((c) => c.path.join(" ").length));
  return [`Usage: ${BIN} ${group} <${commands.map((c) => c.path[1]).join("|")}> [options]`, "", ...commands.map((c) => `  ${c.path.join(" ").padEnd(width)}  ${c.summary}`), "", `Run \`${BIN} ${group} <command> --help\` for its options.`].join("\n");
}

/** The command named by the first words of `argv`, and the rest. */
function findCommand(argv: string[]): { command?: Command; rest: string[]; group?: string } {
  for (const command of COMMANDS) {
    if (command.path.every((word, i) => argv[i] === word)) return { command, rest: argv.slice(command.path.length) };
  }
  return GROUPS.includes(argv[0]!) ? { group: argv[0]!, rest: argv.slice(1) } : { rest: argv };
}

/** The error for a first word that names no command: the closest, or where they are listed. */
function unknownCommand(word: string): string {
  const best = closest(word, [...new Set(COMMANDS.map((c) => c.path[0]!))]);
  return `unknown command ${JSON.stringify(word)}; ${best ? `write ${best} instead (\`${BIN} --help\` lists the commands)` : `run \`${BIN} --help\` for the commands`}`;
}

export interface RunOptions extends Streams {
  env: Env;
  cwd: string;
}

/** Runs the CLI once; resolves with the exit code. Never throws. */
export async function main(argv: string[], options: RunOptions): Promise<number> {
  const output = new Output(options);
  const { command, rest, group } = findCommand(argv);
  if (!command) {
    const first = argv[0];
    if (first === "--version" || first === "-v") return (output.out(PACKAGE_VERSION), 0);
    if (first === "--help" || first === "-h" || first === "help") return (output.out(overview()), 0);
    if (first === undefined) return (output.err(overview()), 1);
    if (!group) return (output.err(`error: ${unknownCommand(first)}`), 1);
    if (rest[0] === "--help" || rest[0] === "-h") return (output.out(groupHelp(group)), 0);
    if (rest.length === 0) return (output.err(groupHelp(group)), 1);
    const words = COMMANDS.filter((c) => c.path[0] === group).map((c) => c.path[1]!);
    const best = closest(rest[0], words);
    const write = best ? `${group} ${best}` : `one of ${words.map((w) => `${group} ${w}`).join(", ")}`;
    return (output.err(`error: ${group} has no command ${JSON.stringify(rest[0])}; write ${write} instead`), 1);
  }
  const what = command.path.join(" ");
  try {
    const { values, positionals } = parseCommand(command, rest);
    if (values.help) return (output.out(helpText(command)), 0);
    output.json = values.json === true;
    let auth: LiveChatAuth | undefined;
    let client: LiveChatClient | undefined;
    const context: Context = {
      values,
      positionals,
      output,
      env: options.env,
      cwd: options.cwd,
      auth: () => (auth ??= authFromEnv(options.env, output)),
      client: () => (client ??= clientFor(context.auth(), (values["base-url"] as string | undefined) ?? (options.env.LIVECHAT_BASE_URL || undefined))),
    };
    return await command.run(context);
  } catch (error) {
    output.err(describeFailure(error, what));
    return 1;
  }
}
