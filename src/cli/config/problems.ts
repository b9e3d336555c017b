// Turns the generated validator's errors (the config schema, generated from the spec) into
// problems worded for the person editing the file: what is wrong and what to write instead.
import { DATA_TYPES_BY_EVENT, type EventType } from "../../index.js";
import { maskRefusedUrl, userinfoProblem } from "../mask.js";
import { suggest } from "../suggest.js";

/** One of Ajv's errors, as the standalone validator reports it. */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, any>;
}

/** A problem found in the file: where (a path into the data, and whether at the key) and what. */
export interface PathProblem {
  path: string[];
  /** Point at this key of the map at `path` instead of at the value. */
  key?: string;
  message: string;
}

const EVENTS = Object.keys(DATA_TYPES_BY_EVENT) as EventType[];
const DATA_TYPES = [...new Set(Object.values(DATA_TYPES_BY_EVENT).flat())] as string[];
const KEYS: Record<string, string[]> = { root: ["author", "tags", "webhooks"], tag: ["name", "group", "author"], webhook: ["event_type", "data_types", "url"] };
const EXAMPLES: Record<string, string> = {
  author: "author: john@example.com",
  name: "name: sales",
  group: "group: 0",
  event_type: "event_type: chat_started",
  data_types: "data_types: [chat]",
  url: "url: https://user:${PASSWORD}@example.com/livechat",
  tags: "tags: [{ name: sales, group: 0 }]",
  webhooks: "webhooks: [{ event_type: chat_started, data_types: [chat], url: https://… }]",
};

/** What to write in a file that manages nothing (empty, or with neither tags nor webhooks). */
export const manageHint = (file: string) =>
  `write what to manage (\`livechat-rest-v2 export -o ${file}\` writes what the account has), or tags: [] and/or webhooks: [] to have none of that kind`;

/** A value as a problem quotes it: a string that holds a URL with its userinfo masked whole, as in any refused value (see maskRefusedUrl). */
const show = (value: unknown) => (typeof value === "string" ? JSON.stringify(maskRefusedUrl(value)) : value === null ? "null" : Array.isArray(value) ? "a list" : typeof value === "object" ? "a map" : String(value));

function at(data: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), data);
}

/** Which kind of map `path` points at: the file, a tag, a webhook. */
function mapKind(path: string[]): "root" | "tag" | "webhook" {
  return path.length === 0 ? "root" : path[0] === "tags" ? "tag" : "webhook";
}

function typeMessage(path: string[], value: unknown): string {
  const field = path.at(-1)!;
  if (/^\d+$/.test(field)) {
    const parent = path.at(-2);
    if (parent === "data_types") return `a data type must be a name, not ${show(value)}; write one of ${DATA_TYPES.join(", ")} instead`;
    return `each ${parent === "tags" ? "tag" : "webhook"} must be a map, not ${show(value)}; write ${parent === "tags" ? "{ name: sales, group: 0 }" : "{ event_type: …, data_types: […], url: … }"} instead`;
  }
  if (path.length === 0) return `the file must be a map with tags, webhooks and author; write for example "${EXAMPLES.tags}" instead`;
  const want: Record<string, string> = {
    tags: "a list of tags",
    webhooks: "a list of webhooks",
    author: "an agent's login",
    name: "a non-empty name",
    group: "a group ID, a whole number 0 or more",
    event_type: "an event type",
    data_types: "a list of data types",
    url: "an http(s) URL",
  };
  return `${field} must be ${want[field] ?? "something else"}, not ${show(value)}; write ${EXAMPLES[field] ?? `${field}: …`} instead`;
}

/**
 * The message for one schema error, or undefined when another error says it better. `data` is
 * the file's data with `${NAME}` substituted, what is checked; `written` the same as written in
 * the file, what messages quote (a value from the environment may be a secret).
 */
function messageFor(error: SchemaError, data: unknown, written: unknown, file: string): PathProblem | undefined {
  const path = error.instancePath.split("/").slice(1).map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
  const value = at(data, path);
  const asWritten = at(written, path);
  const field = path.at(-1);
  // The root's anyOf (tags or webhooks required) is reported once, as a whole, not per branch.
  if (error.schemaPath.startsWith("#/anyOf/")) return undefined;
  switch (error.keyword) {
    case "if":
      return undefined; // the failing `then` reports the data type itself
    case "anyOf":
      return { path, message: `the file manages nothing: it has neither tags nor webhooks; ${manageHint(file)}` };
    case "additionalProperties": {
      const key = String(error.params.additionalProperty);
      const kind = mapKind(path);
      const where = kind === "root" ? "" : ` in a ${kind}`;
      return { path, key, message: `unknown key ${show(key)}${where}; ${suggest(key, KEYS[kind]!)}` };
    }
    case "required": {
      const missing = String(error.params.missingProperty);
      const kind = mapKind(path);
      return { path, message: `this ${kind} has no ${missing}; add ${EXAMPLES[missing] ?? `${missing}: …`}${missing === "group" ? " (0 is the default group)" : ""}` };
    }
    case "enum": {
      if (field === "event_type") return { path, message: `unknown event type ${show(asWritten)}; ${suggest(value, EVENTS)}` };
      const webhook = at(data, path.slice(0, -2)) as { event_type?: unknown } | undefined;
      if (!DATA_TYPES.includes(value as string)) return { path, message: `unknown data type ${show(asWritten)}; ${suggest(value, DATA_TYPES)}` };
      const event = webhook?.event_type as EventType;
      const allowed = DATA_TYPES_BY_EVENT[event];
      return { path, message: `${event} does not send data type ${show(asWritten)}; write ${allowed.length === 1 ? allowed[0] : `some of ${allowed.join(", ")}`} instead` };
    }
    case "minItems":
      return { path, message: `data_types is empty; write some of ${dataTypesHint(data, path)} instead` };
    case "uniqueItems": {
      const j = String(error.params.i);
      const list = asWritten as unknown[];
      return { path: [...path, j], message: `data type ${show(list[Number(j)])} is listed twice; write it once instead` };
    }
    case "minLength":
      return { path, message: `${field} is empty; write ${EXAMPLES[field!] ?? `${field}: …`} instead` };
    case "minimum":
      return { path, message: typeMessage(path, asWritten) };
    case "pattern": {
      // The schema's pattern is an http(s) URL without whitespace: a space in the password is told apart.
      const url = show(asWritten);
      const userinfo = typeof value === "string" && /^https?:\/\//i.test(value) ? userinfoProblem(value) : undefined;
      return { path, message: userinfo ? `url ${url} ${userinfo} instead` : `url ${url} is not an http(s) URL; write ${EXAMPLES.url} instead` };
    }
    case "type":
      return { path, message: typeMessage(path, asWritten) };
    default:
      return { path, message: `${field ?? "the file"} is not valid here (${error.keyword}); see the schema: livechat-rest-v2 export writes a valid file` };
  }
}

/** The data types `path`'s webhook may have, for hints. */
function dataTypesHint(data: unknown, path: string[]): string {
  const event = (at(data, path.slice(0, -1)) as { event_type?: unknown } | undefined)?.event_type;
  const allowed = typeof event === "string" && Object.hasOwn(DATA_TYPES_BY_EVENT, event) ? DATA_TYPES_BY_EVENT[event as EventType] : DATA_TYPES;
  return allowed.join(", ");
}

/**
 * One problem per place: the generated validator can report a value twice (base enum and the
 * event's). `written`: see messageFor. A value not `known` (a `${NAME}` in it could not be read) is
 * not judged, except by its type: substitution makes a string, whatever the variable holds.
 */
export function schemaProblems(
  errors: readonly SchemaError[],
  data: unknown,
  written: unknown,
  known: (path: readonly string[]) => boolean,
  file: string,
): PathProblem[] {
  const seen = new Set<string>();
  const out: PathProblem[] = [];
  // The base schema's errors first, so an unknown data type is reported as unknown, not as "not sent with".
  const ordered = [...errors].sort((a, b) => Number(a.schemaPath.includes("/allOf/")) - Number(b.schemaPath.includes("/allOf/")));
  // `grop: 0` is reported as an unknown key that should be group; "has no group" would repeat it.
  const misspelt = new Set(
    errors.flatMap((e) => {
      if (e.keyword !== "additionalProperties") return [];
      const path = e.instancePath.split("/").slice(1);
      const hint = suggest(String(e.params.additionalProperty), KEYS[mapKind(path)]!);
      return hint.startsWith("write one of") ? [] : [`${e.instancePath}#${hint.slice("write ".length, -" instead".length)}`];
    }),
  );
  for (const error of ordered) {
    if (error.keyword === "required" && misspelt.has(`${error.instancePath}#${String(error.params.missingProperty)}`)) continue;
    const problem = messageFor(error, data, written, file);
    if (!problem || (error.keyword !== "type" && !known(problem.path))) continue;
    const id = `${problem.path.join("/")}#${problem.key ?? ""}#${error.keyword === "required" ? problem.message : ""}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(problem);
  }
  return out;
}
