// Checks on what a caller passes that the API would otherwise answer with a 400, or worse
// accept: a tag update without tags clears every tag of a chat (PHP client issue #24).
import { DATA_TYPES_BY_EVENT } from "../generated/data-types.js";
import type { components } from "../generated/schema.js";
import { CALL_OPTIONS, didYouMean, shownKey, unknownKey } from "./keys.js";
import { LiveChatInputError } from "./errors.js";
import { isDotSegment } from "./path.js";

export { DATA_TYPES_BY_EVENT };

type Schemas = components["schemas"];
export type EventType = Schemas["EventType"];
export type DataType = Schemas["DataType"];

/** The data types LiveChat sends with `eventType`, or undefined when it is not an event type. */
export function dataTypesFor(eventType: unknown): readonly string[] | undefined {
  return typeof eventType === "string" && Object.hasOwn(DATA_TYPES_BY_EVENT, eventType)
    ? DATA_TYPES_BY_EVENT[eventType as EventType]
    : undefined;
}

/** The data types allowed with event `E`. */
export type DataTypeFor<E extends EventType> = (typeof DATA_TYPES_BY_EVENT)[E][number];

/**
 * A webhook to create: `data_types` may hold only what LiveChat sends with `event_type`. The
 * method sends it as the spec's `CreateWebhookBody` (`data_types[]` on the wire).
 */
export type CreateWebhookInput = {
  [E in EventType]: {
    event_type: E;
    data_types: readonly DataTypeFor<E>[];
    /** Where LiveChat will POST; Basic credentials in it (`https://user:password@host/path`) are v2's only protection. */
    url: string;
  };
}[EventType];

const WEBHOOK_FIELDS = ["event_type", "data_types", "url"];

export function checkWebhook(input: unknown): void {
  checkFields(input, WEBHOOK_FIELDS, "webhooks.create");
  const { event_type, data_types, url } = input as Record<string, unknown>;
  const allowed = dataTypesFor(event_type);
  if (!allowed) {
    throw new LiveChatInputError(`event_type must be one of ${Object.keys(DATA_TYPES_BY_EVENT).join(", ")}.`);
  }
  if (!Array.isArray(data_types) || data_types.length === 0) {
    throw new LiveChatInputError(`data_types must be a non-empty array; with ${event_type} pass some of: ${allowed.join(", ")}.`);
  }
  for (const type of data_types) {
    if (!allowed.includes(type)) {
      const shown = typeof type === "string" && /^[a-z_]{1,40}$/.test(type) ? JSON.stringify(type) : "a value that is not a data type";
      throw new LiveChatInputError(`data_types cannot include ${shown} with ${event_type}; pass some of: ${allowed.join(", ")}.`);
    }
  }
  if (new Set(data_types).size !== data_types.length) throw new LiveChatInputError("data_types must not repeat a type.");
  if (typeof url !== "string" || !URL.canParse(url)) {
    throw new LiveChatInputError("url must be an absolute URL, such as https://example.com/livechat-webhook.");
  }
  // URL parsers drop tabs and line breaks anywhere, and spaces around: the URL would not be the one it reads as.
  if (/[\0-\x20\x7f]/.test(url)) {
    throw new LiveChatInputError("url must not contain spaces, tabs, line breaks or control characters (URL parsers drop some of them); percent-encode a space as %20.");
  }
  const parsed = new URL(url);
  if (!/^https?:$/.test(parsed.protocol)) {
    throw new LiveChatInputError("url must be an http:// or https:// URL (LiveChat POSTs each event to it), such as https://example.com/livechat-webhook.");
  }
  // Forms only the WHATWG parser reads as written; other parsers (curl, PHP's parse_url) read another host.
  if (!/^https?:\/\/[^/\\]/i.test(url)) {
    throw new LiveChatInputError("url must start with http:// or https:// and the host (two slashes, no more), such as https://example.com/livechat-webhook.");
  }
  if (url.includes("\\")) {
    throw new LiveChatInputError("url has a backslash, which URL parsers read differently (as / in a WHATWG parser, as part of the host in others); write it as %5C.");
  }
  if (/%(?![0-9A-Fa-f]{2})/.test(url)) throw new LiveChatInputError("url has a % not followed by two hex digits; write a literal % as %25.");
  checkUserinfo(url, parsed);
}

/**
 * A URL's user name and password (how a v2 receiver authenticates LiveChat) must be written
 * percent-encoded: a raw `@` or space there is read differently by different URL parsers (the
 * WHATWG parser ends the password at the authority's last `@`, others at the first), so the
 * receiver could expect another password than the one registered. The WHATWG parser encodes
 * what needs it; a userinfo it had to change was not written encoded.
 */
function checkUserinfo(url: string, parsed: URL): void {
  // A raw `/`, `?` or `#` in a password ends the host early: `https://u:p@ss/w0rd@example.com/`
  // is password p at host ss, `https://u:2024/ab@example.com/` host u, port 2024. An `@` after the
  // host, with a userinfo with a `:` or a one-word host and a port before it, reads either way.
  const authority = url.slice(url.indexOf(":") + 1).replace(/^[/\\]*/, "").split(/[/?#\\]/, 1)[0]!;
  if (`${parsed.pathname}${parsed.search}${parsed.hash}`.includes("@") && unclearAuthority(authority)) {
    throw new LiveChatInputError(
      "url has an @ after its host while a : comes before it, which URL parsers read as a host, a port or a password ending early (https://u:p@ss/w0rd@example.com goes to host ss); write a password's @, /, ?, # as %40, %2F, %3F, %23, and an @ in the path as %40.",
    );
  }
  if (!parsed.username && !parsed.password) return;
  const userinfo = parsed.password ? `${parsed.username}:${parsed.password}@` : `${parsed.username}@`;
  if (!url.slice(url.indexOf("//") + 2).startsWith(userinfo)) {
    throw new LiveChatInputError(
      "url's user name or password has a character that must be percent-encoded (a raw @ is read differently by different URL parsers); write it encoded, such as https://livechat:p%40ssword@example.com/livechat-webhook.",
    );
  }
}

/**
 * Whether an authority followed by an `@` may hold a password that ended early: a userinfo with
 * a `:`, a userinfo and a port, a one-word host (no dot, not localhost, not a bracketed IP) and a
 * port, or a `:` with no port. A host with a dot and a port is read as one
 * (`https://hooks.example.com:8443/in?notify=ops@example.com`): a user name with a dot and a
 * password of digits up to a raw `/` (`https://john.doe:2024/x@host`) cannot be told from it.
 * (The CLI's masking of webhook URLs reads them the same way.)
 */
export function unclearAuthority(authority: string): boolean {
  const at = authority.lastIndexOf("@");
  // A userinfo with a `:`, or a user name and a port (`me@example.com:2024` of `https://me@example.com:2024/x@host/`).
  if (at >= 0) return authority.slice(0, at).includes(":") || /:\d*$/.test(authority.slice(at + 1));
  const hostAndPort = /^([^:[\]]*):(\d*)$/.exec(authority);
  if (!hostAndPort) return false;
  const [, host, port] = hostAndPort as unknown as [string, string, string];
  return port === "" || (!host.includes(".") && host.toLowerCase() !== "localhost");
}

/** A group ID: a non-negative integer. */
export function checkGroup(group: unknown, where: string): void {
  if (typeof group !== "number" || !Number.isSafeInteger(group) || group < 0) {
    throw new LiveChatInputError(`${where} must be a non-negative integer group ID (0 is the default group); got ${typeof group === "number" ? group : typeof group}.`);
  }
}

/** A non-empty string, such as a tag name or an agent login. */
export function checkText(value: unknown, where: string): void {
  if (typeof value !== "string" || value.length === 0) throw new LiveChatInputError(`${where} must be a non-empty string.`);
}

/** A new tag's name: non-empty, and one the API's path can name again (tags.delete), so not `.` or `..`. */
export function checkNewTagName(name: unknown): void {
  checkText(name, "tag");
  if (isDotSegment(name)) {
    throw new LiveChatInputError(`tag cannot be ${JSON.stringify(name)}: the API names a tag in its URL path (tags.delete), where a URL parser reads it as a dot segment, so it could never be deleted; choose another name.`);
  }
}

/** A tag list for an update: the whole new list, so never empty. */
export function checkTagList(tags: unknown, what: "chat" | "ticket"): void {
  if (!Array.isArray(tags) || tags.length === 0) {
    throw new LiveChatInputError(
      `A ${what}'s tag update replaces the whole list, and an empty one would clear every tag: pass at least one existing tag name.`,
    );
  }
  tags.forEach((tag, i) => checkText(tag, `tags[${i}]`));
}

/**
 * Refuses an argument object with a key the method does not read, so a misspelt field
 * (`data_type`) or one the API does not take is not dropped silently: the types forbid it, and
 * the call would go out without what the caller meant. `optional`: the method may be called
 * without the object. A loop over the keys, no allocation: the check runs on every call.
 */
export function checkFields(value: unknown, known: readonly string[], method: string, optional = false): void {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new LiveChatInputError(optional ? `${method} takes { ${known.join(", ")} } or nothing.` : `${method} needs { ${known.join(", ")} }.`);
  }
  const key = unknownKey(value, known);
  if (key === undefined) return;
  const elsewhere = CALL_OPTIONS.includes(key) ? ` Call options (${CALL_OPTIONS.join(", ")}) go in the last argument.` : "";
  throw new LiveChatInputError(`${method} has no field ${shownKey(key)}${didYouMean(key, known)}; it takes ${known.join(", ")}.${elsewhere}`);
}
