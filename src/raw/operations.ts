// What a raw call may name: one of the spec's operations, with path values encoded as exactly
// one segment each (openapi-fetch's \`pathSerializer\` seam).
import { LiveChatInputError } from "../wrappers/errors.js";
import { encodeSegment } from "../wrappers/path.js";

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

/** The operations that take a (form) body. */
const WITH_BODY: ReadonlySet<string> = new Set(["PUT /chats/{chat_id}/tags", "POST /tags", "DELETE /tags/{tag}", "PUT /tickets/{ticket_id}/tags", "POST /webhooks"]);

/** Each operation's path template as a pattern over a URL's path: after any base path, the template's segments. */
const PATTERNS = [...KNOWN_OPERATIONS].map((operation) => {
  const [method, template] = operation.split(" ") as [string, string];
  return { operation, method, pattern: new RegExp(`^(/[^/]+)*${template.replace(/\{[^{}]+\}/g, "[^/]+")}$`) };
});

/** Refuses a method and path template that are not one of the spec's operations, and a body for one that takes none. */
export function checkOperation(method: string, template: unknown, body: unknown): void {
  const operation = `${method} ${String(template)}`;
  if (!KNOWN_OPERATIONS.has(operation)) {
    throw new LiveChatInputError(`Unknown operation ${operation}: the API has ${[...KNOWN_OPERATIONS].join(", ")}.`);
  }
  if (body !== undefined && !WITH_BODY.has(operation)) {
    throw new LiveChatInputError(`${operation} takes no body; pass its parameters in params (path, query) instead.`);
  }
}

/** A tag update replaces the whole list: one without a tag has cleared every tag of a chat. */
const TAG_UPDATE = /^PUT \/(chats|tickets)\/\{[a-z_]+\}\/tags$/;

/**
 * Checks what is about to be sent, after middleware ran: still one of the spec's operations
 * (`path` is the URL's path; a base path may precede the template), still with a body only where
 * the operation takes one, and a tag update still naming at least one tag.
 */
export function checkOutgoing(method: string, path: string, body: string | null): void {
  const found = PATTERNS.find((p) => p.method === method && p.pattern.test(path));
  if (!found) throw new LiveChatInputError(`Middleware turned the request into ${method} ${path}, which is not an operation of the API; return a PlainRequest for one of ${[...KNOWN_OPERATIONS].join(", ")}.`);
  if (body !== null && body !== "" && !WITH_BODY.has(found.operation)) {
    throw new LiveChatInputError(`Middleware gave ${found.operation} a body, which it does not take.`);
  }
  if (TAG_UPDATE.test(found.operation)) {
    const tags = [...new URLSearchParams(body ?? "")].filter(([key]) => /^tag\[\d*\]$/.test(key)).map(([, value]) => value);
    if (tags.length === 0 || tags.some((tag) => tag === "")) {
      throw new LiveChatInputError("A tag update must name at least one tag (tag[]=…), each non-empty: one without tags clears every tag of the chat or ticket. Middleware changed the body to one that does not.");
    }
  }
}

const PARAM = /\{([^{}]+)\}/g;

/** openapi-fetch `pathSerializer`: fills the `{name}` placeholders of `url` (base URL + template). */
export function serializePath(url: string, params: Record<string, unknown>): string {
  return url.replace(PARAM, (_, name: string) => {
    if (params[name] === undefined) throw new LiveChatInputError(`Missing path parameter ${name}.`);
    return encodeSegment(name, params[name]);
  });
}
