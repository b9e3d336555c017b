// Commands are declared as data (usage, options, positionals, help text) and parsed with Node's
// util.parseArgs: no dependency, and the help is written from the same declaration, so every
// command's --help lists exactly the options it accepts.
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { LiveChatAuth, LiveChatClient } from "../index.js";
import type { Env } from "./credentials.js";
import { CliError } from "./failure.js";
import type { Output } from "./output.js";

export const BIN = "livechat-rest-v2";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** Positionals right after this option are more of its values (`--data-type chat visitor`). */
  variadic?: boolean;
  /** The value's placeholder in help, e.g. `N`. */
  value?: string;
  description: string;
  required?: boolean;
}

export interface PositionalSpec {
  name: string;
  description: string;
  /** Takes every remaining positional (at least one). */
  variadic?: boolean;
}

/** What a command's run() gets. */
export interface Context {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  output: Output;
  env: Env;
  cwd: string;
  /** The credentials from the environment (read on first use; throws CliError when there are none). */
  auth(): LiveChatAuth;
  /** A client with those credentials at the base URL (read on first use). */
  client(): LiveChatClient;
}

export interface Command {
  /** The words that name it: `["tags", "list"]`. */
  path: string[];
  summary: string;
  /** Paragraphs after the usage line. */
  description?: string[];
  positionals?: PositionalSpec[];
  options?: Record<string, OptionSpec>;
  /** Whether it calls the API (adds --base-url and the environment note to its help). */
  api: boolean;
  examples?: string[];
  /** Exit code: 0 success, 1 failure, 2 (plan) changes pending. */
  run(context: Context): Promise<number>;
}

export const JSON_OPTION: OptionSpec = { type: "boolean", description: "print the result as JSON on stdout (messages stay on stderr)" };
const BASE_URL_OPTION: OptionSpec = {
  type: "string",
  value: "URL",
  description: "the API's base URL (default: LIVECHAT_BASE_URL, else https://api.livechatinc.com); plain http:// only for 127.0.0.1/localhost, such as `npm run mock`",
};
const HELP_OPTION: OptionSpec = { type: "boolean", short: "h", description: "show this help" };

/** Every option a command accepts, its own and the shared ones. */
export function optionsOf(command: Command): Record<string, OptionSpec> {
  return { ...command.options, ...(command.api ? { "base-url": BASE_URL_OPTION } : {}), help: HELP_OPTION };
}

function optionLabel(name: string, spec: OptionSpec): string {
  const flag = `${spec.short ? `-${spec.short}, ` : ""}--${name}`;
  return spec.type === "string" ? `${flag} ${spec.value ?? "VALUE"}${spec.variadic ? "…" : ""}` : flag;
}

/** The usage line: `livechat-rest-v2 tags create NAME --group N [--author EMAIL] [options]`. */
export function usage(command: Command): string {
  const words = [BIN, ...command.path];
  for (const p of command.positionals ?? []) words.push(p.variadic ? `${p.name}…` : p.name);
  for (const [name, spec] of Object.entries(command.options ?? {})) {
    const flag = spec.short ? `-${spec.short}` : `--${name}`;
    const label = `${flag}${spec.type === "string" ? ` ${spec.value ?? "VALUE"}${spec.variadic ? "…" : ""}` : ""}`;
    words.push(spec.required ? label : `[${label}]`);
  }
  return words.join(" ");
}

/** The command's --help text. */
export function helpText(command: Command): string {
  const lines = [`Usage: ${usage(command)}`, "", command.summary];
  for (const paragraph of command.description ?? []) lines.push("", paragraph);
  const positionals = command.positionals ?? [];
  if (positionals.length > 0) {
    lines.push("", "Arguments:");
    const width = Math.max(...positionals.map((p) => p.name.length + (p.variadic ? 1 : 0)));
    for (const p of positionals) lines.push(`  ${(p.variadic ? `${p.name}…` : p.name).padEnd(width)}  ${p.description}`);
  }
  const options = Object.entries(optionsOf(command));
  const labels = options.map(([name, spec]) => optionLabel(name, spec));
  const width = Math.max(...labels.map((l) => l.length));
  lines.push("", "Options:");
  options.forEach(([, spec], i) => lines.push(`  ${labels[i]!.padEnd(width)}  ${spec.description}${spec.required ? " (required)" : ""}`));
  if (command.api) {
    lines.push("", "Credentials come from the environment only: LIVECHAT_LOGIN and LIVECHAT_API_KEY (HTTP Basic), or LIVECHAT_ACCESS_TOKEN (OAuth).");
  }
  if (command.examples?.length) lines.push("", "Examples:", ...command.examples.map((e) => `  ${e}`));
  return lines.join("\n");
}

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses `args` (after the command's words) against the command's declaration; CliError on misuse. */
export function parseCommand(command: Command, args: string[]): Parsed {
  const specs = optionsOf(command);
  const what = command.path.join(" ");
  const see = `see \`${BIN} ${what} --help\``;
  const parsed = strictParse(specs, args, what, see);
  const values: Parsed["values"] = { ...(parsed.values as Parsed["values"]) };
  if (values.help) return { values, positionals: [] };
  const positionals = takeVariadics(parsed.tokens ?? [], specs, values);
  const declared = command.positionals ?? [];
  const max = declared.some((p) => p.variadic) ? Infinity : declared.length;
  if (positionals.length < declared.length) {
    const missing = declared[positionals.length]!;
    throw new CliError(`${what} needs ${missing.name} (${missing.description}); ${see}.`);
  }
  if (positionals.length > max) {
    throw new CliError(`${what} takes ${max === 0 ? "no arguments" : `${max} argument${max === 1 ? "" : "s"}`}, got also ${JSON.stringify(positionals[max])}; ${see}.`);
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && values[name] === undefined) throw new CliError(`${what} needs --${name}${spec.value ? ` ${spec.value}` : ""}; ${see}.`);
  }
  return { values, positionals };
}

/** util.parseArgs, strict, with its errors reworded to name the command and its --help. */
function strictParse(specs: Record<string, OptionSpec>, args: string[], what: string, see: string): ReturnType<typeof parseArgs> {
  const config: ParseArgsConfig = {
    args,
    options: Object.fromEntries(
      Object.entries(specs).map(([name, s]) => [name, { type: s.type, ...(s.short ? { short: s.short } : {}), ...(s.multiple ? { multiple: true } : {}) }]),
    ),
    allowPositionals: true,
    strict: true,
    tokens: true,
  };
  try {
    return parseArgs(config);
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    if ((error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown) throw new CliError(`${what} has no option ${unknown}; ${see}.`);
    const missing = /Option '([^' ]+)[^']*' argument missing/.exec(message)?.[1];
    if (missing) throw new CliError(`${missing} needs a value; ${see}.`);
    throw new CliError(`${message.split("\n")[0]}; ${see}.`);
  }
}

/** The positionals, after moving those right after a variadic option's value into its values. */
function takeVariadics(tokens: NonNullable<ReturnType<typeof parseArgs>["tokens"]>, specs: Record<string, OptionSpec>, values: Parsed["values"]): string[] {
  const positionals: string[] = [];
  let variadic: string | undefined;
  for (const token of tokens) {
    if (token.kind === "option") variadic = specs[token.name]?.variadic && !token.inlineValue ? token.name : undefined;
    else if (token.kind === "positional" && variadic) (values[variadic] as string[]).push(token.value);
    else if (token.kind === "positional") positionals.push(token.value);
    else variadic = undefined; // `--` ends a variadic option
  }
  return positionals;
}

/** A group ID from a flag: a whole number, 0 or more. */
export function groupValue(value: unknown, flag = "--group"): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^\d{1,9}$/.test(value)) {
    throw new CliError(`${flag} must be a group ID, a whole number such as 0 (the default group); got ${JSON.stringify(value)}.`);
  }
  return Number(value);
}
