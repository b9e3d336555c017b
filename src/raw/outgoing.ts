// What middleware returns, checked again just before it is sent: nothing a user passes can make
// the client call another endpoint than the one asked for, and credentials go only to the API's
// origin. So the request must keep the origin and base path of the call's base URL (the
// client's baseUrl, or the call's own), be one of the spec's operations under it, carry a body
// only where the operation takes one, a tag update must still name a tag, and a webhook must pass
// the checks webhooks.create makes.
import { LiveChatInputError } from "../wrappers/errors.js";
import { checkNewTagName, checkWebhook } from "../wrappers/input.js";
import { shownKey } from "../wrappers/keys.js";
import type { SecretSet } from "../wrappers/secrets.js";
import { KNOWN_OPERATIONS, OPERATION_NAMES } from "./operations.js";
import type { PlainRequest } from "./request.js";

/** A call's base URL as the checks compare it: parsed once per client (or per call that has its own). */
export interface CallBase {
  /** As checkBaseUrl returned it: no trailing slash, no credentials, no query. */
  readonly href: string;
  readonly origin: string;
  /** The base URL's path without a trailing slash ("" for none). */
  readonly path: string;
}

/** `href` (a checked base URL) as the outgoing check compares it. */
export function callBase(href: string): CallBase {
  const url = new URL(href);
  return { href, origin: url.origin, path: url.pathname.replace(/\/+$/, "") };
}

/** Each operation's path template as a pattern over the path after the base URL's. */
const PATTERNS = Object.keys(OPERATION_NAMES).map((operation) => {
  const [method, template] = operation.split(" ") as [string, string];
  const fields = OPERATION_NAMES[operation]!.body;
  return { operation, method, body: fields !== undefined, fields: fields ?? [], query: OPERATION_NAMES[operation]!.query, pattern: new RegExp(`^${template.replace(/\{[^{}]+\}/g, "[^/]+")}$`) };
});

/** A tag update replaces the whole list: one without a tag has cleared every tag of a chat. */
const TAG_UPDATE = /^PUT \/(chats|tickets)\/\{[a-z_]+\}\/tags$/;

/**
 * Refuses `request` unless it goes to the call's base URL as one of the spec's operations (see
 * the header). The URL is compared parsed, as fetch will read it: `..` segments and other
 * spellings of the same origin cannot slip past. What the messages echo of the URL is scrubbed
 * of the client's secrets, in case middleware wrote one into it.
 */
export function checkOutgoing(request: PlainRequest, base: CallBase, secrets: SecretSet): void {
  const instead = `a PlainRequest whose URL starts with ${base.href}/`;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new LiveChatInputError(`Middleware returned a request whose URL is not absolute; return ${instead}.`);
  }
  if (url.username || url.password) throw new LiveChatInputError("The request URL must not carry credentials; the client sends them as the auth option says.");
  if (url.origin !== base.origin) {
    const where = url.origin === "null" ? url.protocol : url.origin;
    throw new LiveChatInputError(`Middleware sent the request to ${secrets.scrub(where)}, not to the call's base URL ${base.href}: credentials go only to the API's origin. Return ${instead}.`);
  }
  if (!url.pathname.startsWith(`${base.path}/`)) {
    throw new LiveChatInputError(`Middleware sent the request to ${secrets.scrub(url.pathname)}, outside the call's base URL ${base.href}; return ${instead}.`);
  }
  const path = url.pathname.slice(base.path.length);
  const { method, body } = request;
  const found = PATTERNS.find((p) => p.method === method && p.pattern.test(path));
  if (!found) {
    throw new LiveChatInputError(`Middleware turned the request into ${method} ${secrets.scrub(path)}, which is not an operation of the API; return a PlainRequest for one of ${[...KNOWN_OPERATIONS].join(", ")}.`);
  }
  if (body !== null && body !== "" && !found.body) throw new LiveChatInputError(`Middleware gave ${found.operation} a body, which it does not take.`);
  const form = new URLSearchParams(body ?? "");
  checkFormFields(found.operation, found.fields, form, secrets);
  if (url.search) checkQuery(found.operation, found.query, url.searchParams, secrets);
  if (found.operation === "POST /tags") checkNewTagName(form.get("tag") ?? undefined);
  if (found.operation === "POST /webhooks") {
    // The resource method's checks, on what is sent: an event type and the data types it sends, an
    // http(s) URL whose password cannot be read as a host (the raw client's own calls included).
    checkWebhook({ event_type: form.get("event_type") ?? undefined, data_types: arrayItems(form, "data_types"), url: form.get("url") ?? undefined });
  }
  if (TAG_UPDATE.test(found.operation)) {
    const tags = arrayItems(form, "tag");
    if (tags.length === 0 || tags.some((tag) => tag === "")) {
      throw new LiveChatInputError("A tag update must name at least one tag (tag[]=…), each non-empty: one without tags clears every tag of the chat or ticket. Middleware changed the body to one that does not.");
    }
  }
}

/** The items of the array field `name`, sent as `name[]` or `name[0]`, … (PHP reads both). */
const arrayItems = (form: URLSearchParams, name: string) => [...form].filter(([key]) => key.startsWith(name) && /^\[\d*\]$/.test(key.slice(name.length))).map(([, value]) => value);

/** A key as a message may quote it: a plain field name, scrubbed; anything else is not quoted. */
const quoted = (key: string, secrets: SecretSet) => shownKey(key, secrets, "a field name");

/**
 * The body's fields are the operation's, each once but an array's (`tag[]`, or `tag[0]`, … as PHP
 * also reads them): LiveChat's PHP keeps the last of a repeated key, so a second `url` from
 * middleware would be the one registered, unchecked.
 */
function checkFormFields(operation: string, fields: readonly string[], form: URLSearchParams, secrets: SecretSet): void {
  const seen = new Set<string>();
  for (const [key] of form) {
    const array = /^(.+)\[\d*\]$/.exec(key);
    if (array && fields.includes(`${array[1]}[]`)) continue;
    if (!fields.includes(key)) {
      throw new LiveChatInputError(`Middleware gave ${operation} a body field ${quoted(key, secrets)}, which it does not take; it takes ${fields.join(", ")}.`);
    }
    if (seen.has(key)) throw new LiveChatInputError(`Middleware gave ${operation} the body field "${key}" twice; LiveChat would read only the last: send it once.`);
    seen.add(key);
  }
}

/**
 * The query holds only the operation's query parameters, each once: a `url` or `group` added to
 * the query by middleware would reach LiveChat unchecked (and PHP's `$_REQUEST` reads the query too).
 */
function checkQuery(operation: string, names: readonly string[], query: URLSearchParams, secrets: SecretSet): void {
  const seen = new Set<string>();
  for (const [key] of query) {
    if (!names.includes(key)) {
      const takes = names.length ? `it takes ${names.join(", ")}` : "it takes no query parameters";
      throw new LiveChatInputError(`Middleware gave ${operation} a query parameter ${quoted(key, secrets)}, which it does not take; ${takes}.`);
    }
    if (seen.has(key)) throw new LiveChatInputError(`Middleware gave ${operation} the query parameter "${key}" twice; send it once.`);
    seen.add(key);
  }
}
