// What a raw call may name: one of the spec's operations, with the parameters and body fields the
// spec gives it, and path values encoded as exactly one segment each (openapi-fetch's
// `pathSerializer` seam).
import { didYouMean, shownKey, unknownKey } from "../wrappers/keys.js";
import { LiveChatInputError } from "../wrappers/errors.js";
import { encodeSegment } from "../wrappers/path.js";

/** What one operation takes, by the spec's names; `body`: its form fields, absent when it takes no body. */
interface OperationNames {
  readonly path: readonly string[];
  readonly query: readonly string[];
  readonly body?: readonly string[];
}

/**
 * The spec's operations as `METHOD /template`, with the names of their path and query
 * parameters and body fields (a test holds this table to spec/openapi.yaml). The types refuse
 * any other name; checkOperation refuses it at run time, as they do.
 */
export const OPERATION_NAMES: Readonly<Record<string, OperationNames>> = {
  "PUT /chats/{chat_id}/tags": { path: ["chat_id"], query: [], body: ["tag[]"] },
  "GET /tags": { path: [], query: ["group"] },
  "POST /tags": { path: [], query: [], body: ["tag", "group", "author"] },
  "DELETE /tags/{tag}": { path: ["tag"], query: [], body: ["group"] },
  "PUT /tickets/{ticket_id}/tags": { path: ["ticket_id"], query: [], body: ["tag[]"] },
  "GET /webhooks": { path: [], query: [] },
  "POST /webhooks": { path: [], query: [], body: ["event_type", "data_types[]", "url"] },
  "DELETE /webhooks/{webhook_id}": { path: ["webhook_id"], query: [] },
};

/** The spec's operations as `METHOD /template`; a raw call to anything else is refused. */
export const KNOWN_OPERATIONS: ReadonlySet<string> = new Set(Object.keys(OPERATION_NAMES));

/** What openapi-fetch reads from `params` (the spec has no cookie parameters: it would drop them unsent). */
const PARAMS = ["path", "query", "header", "cookie"];
const NONE: readonly string[] = [];

/**
 * Refuses a method and path template that are not one of the spec's operations, a body for one
 * that takes none, and a `params` key, path or query parameter or body field that the spec does
 * not give the operation (`params.header` is checkRawOptions'). Loops over keys, no allocation.
 */
export function checkOperation(method: string, template: unknown, init: { params?: unknown; body?: unknown } | undefined): void {
  const operation = `${method} ${String(template)}`;
  const names = Object.hasOwn(OPERATION_NAMES, operation) ? OPERATION_NAMES[operation] : undefined;
  if (!names) {
    throw new LiveChatInputError(`Unknown operation ${operation}: the API has ${[...KNOWN_OPERATIONS].join(", ")}.`);
  }
  if (!init || typeof init !== "object") return; // checkRawOptions refuses a non-object
  const { params, body } = init;
  if (body !== undefined && !names.body) {
    throw new LiveChatInputError(`${operation} takes no body; pass its parameters in params (path, query) instead.`);
  }
  if (params !== undefined) {
    if (!params || typeof params !== "object") throw new LiveChatInputError("params must be an object such as { path, query }.");
    checkNames(params, PARAMS, (key, near) => `params has no key ${shownKey(key)}${near}; it takes ${PARAMS.join(", ")}.`);
    const { path, query, cookie } = params as Record<string, unknown>;
    if (path !== undefined) checkGroup(operation, "path", path, names.path);
    if (query !== undefined) checkGroup(operation, "query", query, names.query);
    if (cookie !== undefined) checkGroup(operation, "cookie", cookie, NONE);
  }
  // A body that is not an object is the form encoder's to refuse.
  if (body && typeof body === "object" && !Array.isArray(body)) {
    checkNames(body, names.body!, (key, near) => `${operation} has no body field ${shownKey(key)}${near}; it takes ${names.body!.join(", ")}.`);
  }
}

/** Checks one of `params`' objects: `path`, `query` or `cookie`. */
function checkGroup(operation: string, where: string, value: unknown, known: readonly string[]): void {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new LiveChatInputError(known.length ? `${operation} takes params.${where} as an object: { ${known.join(", ")} }.` : `${operation} takes no params.${where}.`);
  }
  checkNames(value, known, (key, near) => `${operation} has no ${where} parameter ${shownKey(key)}${near}; it takes ${known.length ? known.join(", ") : `no ${where} parameters`}.`);
}

/** Throws the message `say` writes for the first own key of `value` that is not in `known`. */
function checkNames(value: object, known: readonly string[], say: (key: string, near: string) => string): void {
  const key = unknownKey(value, known);
  if (key !== undefined) throw new LiveChatInputError(say(key, didYouMean(key, known)));
}

const PARAM = /\{([^{}]+)\}/g;

/** openapi-fetch `pathSerializer`: fills the `{name}` placeholders of `url` (base URL + template). */
export function serializePath(url: string, params: Record<string, unknown>): string {
  return url.replace(PARAM, (_, name: string) => {
    if (params[name] === undefined) throw new LiveChatInputError(`Missing path parameter ${name}.`);
    return encodeSegment(name, params[name]);
  });
}
