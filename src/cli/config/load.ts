// Reads a config file and checks it before any call: YAML syntax, `${NAME}` references, the
// config schema (generated from the spec, compiled to src/generated/config-validator.ts), URLs
// and duplicate entries. Every problem is reported at once, each as `file:line:column: …`.
import { readFileSync } from "node:fs";
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { validate as validateSchema } from "../../generated/config-validator.js";
import type { DataType, EventType } from "../../index.js";
import { CliError, ConfigProblems, type Problem } from "../failure.js";
import { schemaProblems, type PathProblem, type SchemaError } from "./problems.js";
import { substitute } from "./substitute.js";

/** A line and column, both from 1. */
export type { Position } from "../failure.js";
import type { Position } from "../failure.js";

export interface DesiredTag {
  name: string;
  group: number;
  author?: string;
  at: Position;
}

export interface DesiredWebhook {
  event_type: EventType;
  data_types: DataType[];
  url: string;
  at: Position;
}

/** A checked config file. */
export interface Config {
  file: string;
  /** The default author of created tags, if the file gives one. */
  author?: string;
  tags: DesiredTag[];
  webhooks: DesiredWebhook[];
}

const validate = validateSchema as ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

/** Reads `file` (as given, relative to `cwd`); CliError when it cannot be read. */
export function readConfigText(file: string, cwd: string): string {
  try {
    return readFileSync(file.startsWith("/") ? file : `${cwd}/${file}`, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new CliError(`cannot read ${file}: ${why}; pass -f FILE, or write one from what exists with \`livechat-rest-v2 export -o ${file}\`.`);
  }
}

/** Checks `text` (the contents of `file`) with `env` for `${NAME}`; throws ConfigProblems listing every problem. */
export function parseConfig(file: string, text: string, env: Record<string, string | undefined>): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems: Problem[] = doc.errors.map((e) => ({ ...position(e.pos[0]), message: `${yamlMessage(e.code, e.message)}` }));
  const fail = () => {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    return new ConfigProblems(file, problems);
  };
  if (problems.length > 0) throw fail();

  visit(doc, {
    Scalar(key, node) {
      if (key === "key" || typeof node.value !== "string" || !node.value.includes("$")) return;
      const { value, problems: found } = substitute(node.value, env);
      const [start = 0, end = start] = node.range ?? [];
      const source = text.slice(start, end);
      for (const p of found) {
        const reference = /\$\{[^}]*\}?/.exec(node.value.slice(p.index))?.[0] ?? "${";
        const offset = source.indexOf(reference);
        problems.push({ ...position(start + Math.max(offset, 0)), message: p.message });
      }
      node.value = value;
    },
  });
  if (problems.length > 0) throw fail();

  const data = doc.toJS() ?? {};
  const pathProblems: PathProblem[] = validate(data) ? [] : schemaProblems(validate.errors ?? [], data);
  const where = (path: (string | number)[], key?: string): Position => nodePosition(doc, path, key, position);
  for (const p of pathProblems) problems.push({ ...where(p.path, p.key), message: p.message });

  // What the schema cannot say: a URL that parses, each identity once. Checked on the entries
  // well-formed enough to have one, so one run reports every problem of the file.
  const entries = <T>(key: string) => (Array.isArray((data as Record<string, unknown>)?.[key]) ? ((data as Record<string, T[]>)[key] ?? []) : []);
  type Entry = Record<string, unknown> & { at: Position };
  const tags = entries<Record<string, unknown>>("tags").map((t, i): Entry => ({ ...t, at: where(["tags", i]) }));
  const webhooks = entries<Record<string, unknown>>("webhooks").map((w, i): Entry => ({ ...w, at: where(["webhooks", i]) }));
  webhooks.forEach((w, i) => {
    if (typeof w.url === "string" && /^https?:\/\/\S+$/i.test(w.url) && !isHttpUrl(w.url)) {
      problems.push({ ...where(["webhooks", i, "url"]), message: `url ${JSON.stringify(w.url)} is not a valid URL; write url: https://user:\${PASSWORD}@example.com/livechat instead` });
    }
  });
  const tagIds = tags.filter((t) => typeof t.name === "string" && Number.isInteger(t.group));
  const webhookIds = webhooks.filter((w) => typeof w.event_type === "string" && typeof w.url === "string");
  duplicates(tagIds, (t) => `${String(t.group)}\0${String(t.name)}`, (t, first) => `tag ${JSON.stringify(t.name)} in group ${String(t.group)} is listed twice (first at line ${first.line}); write each tag once instead`, problems);
  duplicates(webhookIds, (w) => `${String(w.event_type)}\0${String(w.url)}`, (w, first) => `webhook ${String(w.event_type)} → ${String(w.url)} is listed twice (first at line ${first.line}); write each once instead, with all its data types`, problems);
  if (problems.length > 0) throw fail();
  const config = data as { author?: string };
  return {
    file,
    ...(config.author === undefined ? {} : { author: config.author }),
    tags: tags as unknown as DesiredTag[],
    webhooks: webhooks as unknown as DesiredWebhook[],
  };
}

/** Reads and checks `file`. */
export function loadConfig(file: string, cwd: string, env: Record<string, string | undefined>): Config {
  return parseConfig(file, readConfigText(file, cwd), env);
}

function isHttpUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  return (protocol === "https:" || protocol === "http:") && hostname !== "";
}

function duplicates<T extends { at: Position }>(items: T[], key: (item: T) => string, message: (item: T, first: Position) => string, problems: Problem[]): void {
  const first = new Map<string, Position>();
  for (const item of items) {
    const k = key(item);
    const seen = first.get(k);
    if (seen) problems.push({ ...item.at, message: message(item, seen) });
    else first.set(k, item.at);
  }
}

/** Where the node at `path` starts (its key's start with `key`); the nearest existing parent otherwise. */
function nodePosition(doc: Document, path: (string | number)[], key: string | undefined, position: (offset: number) => Position): Position {
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | null | undefined;
    if (!node) continue;
    if (key !== undefined && n === path.length && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return position(keyNode.range[0]);
    }
    if (node.range) return position(node.range[0]);
  }
  return { line: 1, column: 1 };
}

/** YAML's own message, with what to do for the common ones. */
function yamlMessage(code: string, message: string): string {
  const first = message.split("\n")[0]!.replace(/ at line \d+, column \d+.*$/, "");
  if (code === "DUPLICATE_KEY") return `${first}: this key appears twice in the same map; write it once instead`;
  if (code === "MULTIPLE_DOCS") return `${first}: write one document (remove the extra ---) instead`;
  return `YAML syntax: ${first}; fix the syntax here`;
}
