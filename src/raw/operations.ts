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

/** Refuses a method and path template that are not one of the spec's operations. */
export function checkOperation(method: string, template: unknown): void {
  if (!KNOWN_OPERATIONS.has(`${method} ${String(template)}`)) {
    throw new LiveChatInputError(
      `Unknown operation ${method} ${String(template)}: the API has ${[...KNOWN_OPERATIONS].join(", ")}.`,
    );
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
