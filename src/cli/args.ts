// Commands are declared as data (usage, options, positionals, help text) and parsed with Node's
// util.parseArgs: no dependency, and the help is written from the same declaration, so every
// command's --help lists exactly the options it accepts. parseArgs reads the tokens (not strict);
// the checks are ours, so that each misuse is one line naming what was typed and what to write.
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { LiveChatAuth, LiveChatClient } from "../index.js";
import type { Env } from "./credentials.js";
import { CliError } from "./failure.js";
import type { Output } from "./output.js";
import { closest } from "./suggest.js";

export const BIN = "livechat-rest-v2";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** Positionals right after this option are more of its values (`--data-type chat visitor`). */
  variadic?: boolean;
  /** The value's placeholder in help, e.g. `N`. */
  value?: string;
  /** A value to show in messages, as typed in a shell: `livechat.yaml` (`-f livechat.yaml`). */
  example?: string;
  description: string;
  required?: boolean;
}

export interface PositionalSpec {
  name: string;
  description: string;
  /** Takes every remaining positional (at least one). */
  variadic?: boolean;
}

type Token = NonNullable<ReturnType<typeof parseArgs>["tokens"]>[number];

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
  /** Command lines to copy; the first is also shown when an argument is missing. */
  examples?: string[];
  /** Exit code: 0 success, 1 failure, 2 (plan) changes pending. */
  run(context: Context): Promise<number>;
}

export const JSON_OPTION: OptionSpec = { type: "boolean", description: "print the result as JSON on stdout (messages stay on stderr)" };
const BASE_URL_OPTION: OptionSpec = {
  type: "string",
  value: "URL",
  example: "http://127.0.0.1:8787",
  description: "the API's base URL (default: LIVECHAT_BASE_URL, else https://api.livechatinc.com); plain http:// only for 127.0.0.1/localhost, such as `livechat-rest-v2 mock`",
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

/** `livechat.yaml`, or `"VIP customer"`: a value as typed in a shell. */
const shellWord = (value: string) => (/^[\w./@:%+=,-]+$/.test(value) ? value : JSON.stringify(value));

/** `-f/--file`, or `--json`: an option as its messages name it. */
const flagName = (name: string, spec: OptionSpec) => `${spec.short ? `-${spec.short}/` : ""}--${name}`;

/** Parses `args` (after the command's words) against the command's declaration; CliError on misuse. */
export function parseCommand(command: Command, args: string[]): Parsed {
  const specs = optionsOf(command);
  const what = command.path.join(" ");
  const config: ParseArgsConfig = {
    args,
    options: Object.fromEntries(
      Object.entries(specs).map(([name, s]) => [name, { type: s.type, ...(s.short ? { short: s.short } : {}), ...(s.multiple ? { multiple: true } : {}) }]),
    ),
    allowPositionals: true,
    strict: false,
    tokens: true,
  };
  const parsed = parseArgs(config);
  const tokens = parsed.tokens ?? [];
  checkOptions(tokens, specs, what);
  const values: Parsed["values"] = { ...(parsed.values as Parsed["values"]) };
  if (values.help) return { values, positionals: [] };
  const positionals = takeVariadics(tokens, specs, values);
  checkPositionals(command, positionals, specs);
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && values[name] === undefined) {
      throw new CliError(`${what} needs --${name} ${spec.value ?? "VALUE"}${spec.variadic ? "…" : ""}: add --${name} ${spec.example ?? spec.value ?? "VALUE"}`);
    }
  }
  return { values, positionals };
}

/** Each option typed is one the command has, with a value when it takes one (and only then), once. */
function checkOptions(tokens: readonly Token[], specs: Record<string, OptionSpec>, what: string): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const spec = specs[token.name];
    const flag = token.rawName;
    if (!spec) {
      const names = Object.keys(specs).map((name) => `--${name}`);
      const best = closest(flag.replace(/^-+/, "--"), names);
      const choices = Object.entries(specs).map(([name, s]) => flagName(name, s));
      throw new CliError(`${what} has no option ${flag}; write ${best ?? `one of ${choices.join(", ")}`} instead`);
    }
    if (spec.type === "boolean") {
      if (token.value !== undefined) throw new CliError(`${flag} takes no value; write ${flag} alone`);
      continue;
    }
    const example = `${flag}${token.inlineValue ? "=" : " "}${spec.example ?? spec.value ?? "VALUE"}`;
    if (token.value === undefined) throw new CliError(`${flag} needs a value: ${example}`);
    if (token.value === "") throw new CliError(`${flag} needs a value, not an empty one: ${example}`);
    // What strict parseArgs calls ambiguous: `-f --json` reads --json as -f's value.
    if (!token.inlineValue && token.value.startsWith("-") && token.value !== "-") {
      throw new CliError(`${flag} needs a value: ${example} (${JSON.stringify(token.value)} after it is an option; write --${token.name}=${token.value} if that is the value)`);
    }
    if (seen.has(token.name) && !spec.multiple) throw new CliError(`${flagName(token.name, spec)} is given twice; give it once`);
    seen.add(token.name);
  }
}

/** As many positionals as the command declares: the missing one, or the one too many, with an example. */
function checkPositionals(command: Command, positionals: string[], specs: Record<string, OptionSpec>): void {
  const what = command.path.join(" ");
  const declared = command.positionals ?? [];
  const max = declared.some((p) => p.variadic) ? Infinity : declared.length;
  const example = command.examples?.[0] ?? usage(command);
  if (positionals.length < declared.length) {
    const missing = declared[positionals.length]!;
    throw new CliError(`${what} needs ${missing.name}, ${missing.description}: ${example}`);
  }
  if (positionals.length <= max) return;
  const extra = JSON.stringify(positionals[max]);
  if (max === 0 && specs.file) throw new CliError(`${what} takes no arguments, but got ${extra}; pass the file with -f: ${BIN} ${what} -f ${shellWord(positionals[0]!)}`);
  if (max === 0) throw new CliError(`${what} takes no arguments, but got ${extra}: ${usage(command)}`);
  const names = declared.map((p) => p.name).join(" ");
  throw new CliError(`${what} takes ${max === 1 ? "one argument" : `${max} arguments`}, ${names}, but got also ${extra} (quote a value that has spaces): ${example}`);
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
    throw new CliError(`${flag} must be a group ID, a whole number, not ${JSON.stringify(value)}: ${flag} 0 (the default group)`);
  }
  return Number(value);
}
