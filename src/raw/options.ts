// What a raw call may pass besides params and body, checked before anything is sent. openapi-fetch
// takes a per-call fetch, Request and serializers; each would send around the client's transport
// or encoders (a per-call baseUrl sent Basic credentials to any host in clear text), so they are
// refused, and a per-call baseUrl is held to the client's rules.
import { checkBaseUrl } from "../wrappers/base-url.js";
import { checkCallOptions } from "../wrappers/config.js";
import { LiveChatInputError } from "../wrappers/errors.js";
import type { AttemptOptions } from "../wrappers/transport.js";
import { shownKey, unknownKey } from "../wrappers/keys.js";

const TAKEN = ["params", "body", "headers", "signal", "timeoutMs", "baseUrl", "parseAs", "middleware"];
const PARSE_AS = new Set(["json", "text", "blob", "arrayBuffer", "stream"]);

const FIXED: Record<string, string> = {
  fetch: "every call goes through the client's transport (auth, timeouts, retries, scrubbed errors); pass fetch to createLiveChatRawClient instead",
  Request: "the raw client builds its own requests (middleware may replace one with a PlainRequest)",
  bodySerializer: "the client form-encodes every body as LiveChat expects",
  querySerializer: "the client encodes the query as the spec says",
  pathSerializer: "the client encodes each path value as exactly one segment",
  requestInitExt: "the client's transport builds the request's init",
};

/**
 * Checks a raw call's options; returns what the transport takes from them. `apiVersion` is the
 * X-API-Version the client sends, the only value `params.header` may repeat.
 */
export function checkRawOptions(init: Record<string, unknown> | undefined, apiVersion: string): AttemptOptions | undefined {
  if (init === undefined || init === null) return undefined;
  if (typeof init !== "object") throw new LiveChatInputError("A raw call's second argument must be an object such as { params, body }.");
  const key = unknownKey(init, TAKEN);
  if (key !== undefined) {
    if (Object.hasOwn(FIXED, key)) throw new LiveChatInputError(`${key} cannot be passed per call: ${FIXED[key]}.`);
    throw new LiveChatInputError(`Unknown option ${shownKey(key)} for a raw call; it takes ${TAKEN.join(", ")}.`);
  }
  if (init.baseUrl !== undefined) checkBaseUrl(init.baseUrl);
  if (init.parseAs !== undefined && !PARSE_AS.has(init.parseAs as string)) {
    throw new LiveChatInputError(`parseAs must be one of ${[...PARSE_AS].join(", ")}.`);
  }
  const header = (init.params as { header?: Record<string, unknown> } | undefined)?.header;
  for (const name in header) {
    if (name.toLowerCase() !== "x-api-version" || String(header[name]) !== apiVersion) {
      throw new LiveChatInputError(`params.header: the client sets ${/^[\w-]{1,64}$/.test(name) ? name : "that header"} itself; use the auth and apiVersion options instead of a header.`);
    }
  }
  return checkCallOptions(init as { signal?: AbortSignal; timeoutMs?: number; headers?: Record<string, string> });
}
