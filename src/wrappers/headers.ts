// Caller headers: checked before sending, and merged with the client's by name, ignoring case.
import { LiveChatInputError } from "./errors.js";

/** Headers the client owns; a caller setting them would break auth, versioning or encoding. */
const RESERVED = new Set(["authorization", "x-api-version", "content-type", "content-length", "host", "accept", "user-agent"]);
const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const VALUE = /^[\t\x20-\x7E\x80-\xFF]*$/;

/** Checks caller-supplied headers (`headers` option or per call); returns them unchanged. */
export function checkHeaders(headers: unknown, where: string): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (!headers || typeof headers !== "object" || Array.isArray(headers) || headers instanceof Headers) {
    throw new LiveChatInputError(`${where} must be a plain object of header names to string values, such as { "X-Region": "fra" }.`);
  }
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (!NAME.test(name)) throw new LiveChatInputError(`${where}: "${name}" is not a valid header name.`);
    const lower = name.toLowerCase();
    const before = seen.get(lower);
    if (before !== undefined) {
      throw new LiveChatInputError(`${where}: ${before} and ${name} name the same header (header names ignore case); pass it once.`);
    }
    seen.set(lower, name);
    if (RESERVED.has(name.toLowerCase())) {
      throw new LiveChatInputError(`${where}: the client sets ${name} itself; use the auth and apiVersion options instead of a header.`);
    }
    if (typeof value !== "string" || !VALUE.test(value) || value !== value.trim()) {
      throw new LiveChatInputError(`${where}: the value of ${name} must be a string without line breaks or surrounding spaces.`);
    }
  }
  return headers as Record<string, string>;
}

/**
 * The client's headers with a call's on top: a call's header replaces the client's of the same
 * name in any casing (`X-Region` and `x-region` are one header), as `Headers.set` would.
 */
export function mergeHeaders(base: Record<string, string>, extra: Record<string, string>): Record<string, string> {
  const out = { ...base };
  for (const name in extra) {
    const lower = name.toLowerCase();
    for (const existing in out) if (existing !== name && existing.toLowerCase() === lower) delete out[existing];
    out[name] = extra[name]!;
  }
  return out;
}
