// Path parameters: each value is percent-encoded as exactly one segment, and a value that
// could name another resource once a URL parser normalises it (empty, `.`, `..` and their
// percent-encoded forms) is refused before anything is sent. Replaces openapi-fetch's
// default path serializer (its `pathSerializer` seam), which would pass `..` through.
import { LiveChatInputError } from "./errors.js";
import { isWellFormed } from "./strings.js";

/** The spec's operations as `METHOD /template`; a raw call to anything else is refused. */
export const KNOWN_OPERATIONS: ReadonlySet<string> = new Set([
  "PUT /chats/{chat_id}/tags",
  "GET /tags",
  "POST /tags",
  "DELETE /tags/{tag}",
  "PUT /tickets/{ticket_id}/tags",
  "GET /webhooks",
  "POST /webhooks",
  "DELETE /webhooks/{webhook_id}",
]);

/** Refuses a method and path template that are not one of the spec's operations. */
export function checkOperation(method: string, template: unknown): void {
  if (!KNOWN_OPERATIONS.has(`${method} ${String(template)}`)) {
    throw new LiveChatInputError(
      `Unknown operation ${method} ${String(template)}: the API has ${[...KNOWN_OPERATIONS].join(", ")}.`,
    );
  }
}

const PARAM = /\{([^{}]+)\}/g;

/** One path segment for `value`, or a LiveChatInputError saying why it cannot be one. */
export function encodeSegment(name: string, value: unknown): string {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value !== "string") {
    throw new LiveChatInputError(`Path parameter ${name} must be a string; got ${value === null ? "null" : typeof value}.`);
  }
  if (value.length === 0) throw new LiveChatInputError(`Path parameter ${name} must not be empty.`);
  if (value === "." || value === "..") {
    throw new LiveChatInputError(`Path parameter ${name} cannot be "${value}": a URL parser would read it as a dot segment and call another endpoint.`);
  }
  if (!isWellFormed(value)) {
    throw new LiveChatInputError(`Path parameter ${name} contains a lone UTF-16 surrogate; pass well-formed Unicode text.`);
  }
  return encodeURIComponent(value);
}

/** openapi-fetch `pathSerializer`: fills the `{name}` placeholders of `url` (base URL + template). */
export function serializePath(url: string, params: Record<string, unknown>): string {
  return url.replace(PARAM, (_, name: string) => {
    if (params[name] === undefined) throw new LiveChatInputError(`Missing path parameter ${name}.`);
    return encodeSegment(name, params[name]);
  });
}
