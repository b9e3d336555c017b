// Reads a config file and checks it before any call: YAML syntax, `${NAME}` references, the
// config schema (generated from the spec, compiled to src/generated/config-validator.ts), URLs
// and duplicate entries. Every problem is reported at once, each as `file:line:column: …`: a
// value whose `${NAME}` cannot be read (NAME unset, or the reference malformed) is reported at the
// reference, and only the checks that depend on that value are skipped.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { validate as validateSchema } from "../../generated/config-validator.js";
import type { DataType, EventType } from "../../index.js";
import { CliError, ConfigProblems, type Position, type Problem } from "../failure.js";
import { maskRefusedUrl, maskUrl, userinfoProblem } from "../mask.js";
import { manageHint, schemaProblems, type PathProblem, type SchemaError } from "./problems.js";
import { substitute } from "./substitute.js";
import { isDotSegment } from "../../wrappers/path.js";

export type { Position } from "../failure.js";

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

/**
 * A checked config file. A kind whose key the file leaves out is undefined: not managed by the
 * file (plan and apply leave it alone, also with --prune); an empty list manages it, and wants none.
 */
export interface Config {
  file: string;
  /** The default author of created tags, if the file gives one. */
  author?: string;
  tags?: DesiredTag[];
  webhooks?: DesiredWebhook[];
}

const validate = validateSchema as ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

/** Reads `file` (as given, relative to `cwd`); CliError when it cannot be read. */
export function readConfigText(file: string, cwd: string): string {
  try {
    return readFileSync(resolve(cwd, file), "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new CliError(`cannot read ${file}: ${why}; pass -f FILE, or write one from what exists with \`livechat-rest-v2 export -o ${file}\`.`);
  }
}

type Locate = (offset: number) => Position;
type Where = (path: (string | number)[], key?: string) => Position;
/** A tag or webhook of the file, its values substituted, with where it is and its values as written. */
type Entry = Record<string, unknown> & { at: Position; written: Record<string, unknown> };

/**
 * Checks `text` (the contents of `file`) with `env` for `${NAME}`; throws ConfigProblems listing
 * every problem. Each value read from `env` is handed to `secret` as it is read, before any
 * problem is built; problems quote values as written in the file (`${NAME}`, not the value).
 */
export function parseConfig(file: string, text: string, env: Record<string, string | undefined>, secret: (value: string) => void = () => {}): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate: Locate = (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const syntax = doc.errors.map((e) => ({ ...locate(e.pos[0]), message: yamlMessage(e.code, e.message) }));
  if (syntax.length > 0) throw new ConfigProblems(file, syntax);
  const nothing = emptiness(doc, text);
  if (nothing) {
    // The schema refuses it too (null is not a map): it is what an export that failed half-way
    // leaves, not a deliberate file. (A map with neither tags nor webhooks is refused by the schema.)
    throw new ConfigProblems(file, [{ line: 1, column: 1, message: `${nothing}; ${manageHint(file)}` }]);
  }
  const written = doc.toJS() ?? {};
  const { problems, unread } = substituteReferences(doc, text, env, locate, secret);
  const known: Known = (path) => !unread.has(pathKey(path));

  const data = doc.toJS() ?? {};
  const where: Where = (path, key) => nodePosition(doc, path, key, locate);
  const pathProblems: PathProblem[] = validate(data) ? [] : schemaProblems(validate.errors ?? [], data, written, known, file);
  problems.push(...pathProblems.map((p) => ({ ...where(p.path, p.key), message: p.message })));
  /** The key's entries; undefined when the file has no such key (that kind is not managed). */
  const entries = (key: "tags" | "webhooks"): Entry[] | undefined => {
    if (!data || typeof data !== "object" || !Object.hasOwn(data, key)) return undefined;
    const list = (data as Record<string, unknown>)[key];
    const asWritten = (written as Record<string, unknown>)[key] as Record<string, unknown>[];
    return Array.isArray(list) ? list.map((item: Record<string, unknown>, i): Entry => ({ ...item, at: where([key, i]), written: asWritten[i] ?? {} })) : [];
  };
  const tags = entries("tags");
  const webhooks = entries("webhooks");
  problems.push(...entryProblems(tags ?? [], webhooks ?? [], where, known));
  if (problems.length > 0) throw new ConfigProblems(file, problems);
  const { author } = data as { author?: string };
  const desired = (list: Entry[]) => list.map(({ written: _written, ...entry }) => entry);
  return {
    file,
    ...(author === undefined ? {} : { author }),
    ...(tags === undefined ? {} : { tags: desired(tags) as unknown as DesiredTag[] }),
    ...(webhooks === undefined ? {} : { webhooks: desired(webhooks) as unknown as DesiredWebhook[] }),
  };
}

/** Why the document declares nothing (empty, comments only, null), or undefined when it has content. */
function emptiness(doc: Document, text: string): string | undefined {
  const root = doc.contents;
  if (root !== null && !(isScalar(root) && root.value === null)) return undefined;
  // No node, or an empty one (a document of `---` alone): the text holds comments at most.
  if (root === null || root.range?.[0] === root.range?.[1]) return /^\s*#/m.test(text) ? "the file holds only comments" : "the file is empty";
  return "the file is null, not a map";
}

/** Whether the value at a path of the data is known: false when a `${NAME}` in it could not be read. */
type Known = (path: readonly (string | number)[]) => boolean;
const pathKey = (path: readonly (string | number)[]) => path.join("\0");

/** The path into the data of the node at the end of `ancestors` (as `visit` gives them) and `node`. */
function dataPath(ancestors: readonly unknown[], node: unknown): string[] {
  const chain = [...ancestors, node];
  return chain.flatMap((n, i) => {
    if (isPair(n)) return [String(isScalar(n.key) ? n.key.value : n.key)];
    if (isSeq(n)) return [String(n.items.indexOf(chain[i + 1] as never))];
    return [];
  });
}

/**
 * Replaces every `${NAME}` in the document's values from `env`, handing each value read to
 * `secret`; the problems, each at its reference, and the paths of the values left unread.
 */
function substituteReferences(doc: Document, text: string, env: Record<string, string | undefined>, locate: Locate, secret: (value: string) => void): { problems: Problem[]; unread: Set<string> } {
  const problems: Problem[] = [];
  const unread = new Set<string>();
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (key === "key" || typeof node.value !== "string" || !node.value.includes("$")) return;
      const { value, problems: found, names } = substitute(node.value, env);
      for (const name of names) {
        const read = env[name];
        if (read !== undefined) secret(read);
      }
      const [start = 0, end = start] = node.range ?? [];
      const source = text.slice(start, end);
      for (const p of found) {
        const reference = /\$\{[^}]*\}?/.exec(node.value.slice(p.index))?.[0] ?? "${";
        problems.push({ ...locate(start + Math.max(source.indexOf(reference), 0)), message: p.message });
      }
      if (found.length > 0) unread.add(pathKey(dataPath(ancestors, node)));
      node.value = value;
    },
  });
  return { problems, unread };
}

/**
 * What the schema cannot say: a URL that parses, with a userinfo every parser splits alike, each
 * identity once. Checked on the entries well-formed enough to have one, so that one run reports
 * every problem of the file. (A userinfo with a space fails the schema's pattern: see problems.ts.)
 * Checked on the values substituted; quoted as written, a refused URL with its userinfo masked
 * whole (see maskRefusedUrl). A value not `known` (its `${NAME}` unread) is not checked, nor
 * compared: its entry takes no part in the duplicate checks.
 */
function entryProblems(tags: Entry[], webhooks: Entry[], where: Where, known: Known): Problem[] {
  const problems: Problem[] = [];
  const urlAsWritten = (w: Entry) => (typeof w.url === "string" && isAccepted(w.url) ? maskUrl : maskRefusedUrl)(String(w.written.url));
  webhooks.forEach((w, i) => {
    if (typeof w.url !== "string" || !/^https?:\/\/\S+$/i.test(w.url) || !known(["webhooks", i, "url"])) return;
    const shown = JSON.stringify(maskRefusedUrl(String(w.written.url)));
    const userinfo = userinfoProblem(w.url);
    if (userinfo) problems.push({ ...where(["webhooks", i, "url"]), message: `url ${shown} ${userinfo} instead` });
    else if (!isHttpUrl(w.url)) problems.push({ ...where(["webhooks", i, "url"]), message: `url ${shown} is not a valid URL; write url: https://user:\${PASSWORD}@example.com/livechat instead` });
  });
  tags.forEach((t, i) => {
    // The API names a tag in its URL path (DELETE /tags/{tag}), where `.` and `..` are dot segments.
    if (isDotSegment(t.name) && known(["tags", i, "name"])) {
      problems.push({ ...where(["tags", i, "name"]), message: `tag name ${JSON.stringify(t.name)} could never be deleted (the API names a tag in its URL path, where it is a dot segment); write another name instead` });
    }
  });
  const all = (kind: string, i: number, keys: string[]) => keys.every((key) => known([kind, i, key]));
  const namedTags = tags.filter((t, i) => typeof t.name === "string" && Number.isInteger(t.group) && all("tags", i, ["name", "group"]));
  const namedHooks = webhooks.filter((w, i) => typeof w.event_type === "string" && typeof w.url === "string" && all("webhooks", i, ["event_type", "url"]));
  duplicates(namedTags, (t) => `${String(t.group)}\0${String(t.name)}`, (t, first) => `tag ${JSON.stringify(t.written.name)} in group ${String(t.group)} is listed twice (first at line ${first.line}); write each tag once instead`, problems);
  duplicates(namedHooks, (w) => `${String(w.event_type)}\0${String(w.url)}`, (w, first) => `webhook ${String(w.written.event_type)} → ${urlAsWritten(w)} is listed twice (first at line ${first.line}); write each once instead, with all its data types`, problems);
  return problems;
}

/** Reads and checks `file`; each value read from `env` is handed to `secret` first (see parseConfig). */
export function loadConfig(file: string, cwd: string, env: Record<string, string | undefined>, secret?: (value: string) => void): Config {
  return parseConfig(file, readConfigText(file, cwd), env, secret);
}

/** Whether the CLI takes `url` as a webhook URL: http(s), no whitespace, a userinfo every parser splits alike, and it parses. */
function isAccepted(url: string): boolean {
  return /^https?:\/\/\S+$/i.test(url) && userinfoProblem(url) === undefined && isHttpUrl(url);
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
