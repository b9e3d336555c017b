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
  for (const [name, value] of Object.entries(headers)) {
    if (!NAME.test(name)) throw new LiveChatInputError(`${where}: "${name}" is not a valid header name.`);
    if (RESERVED.has(name.toLowerCase())) {
      throw new LiveChatInputError(`${where}: the client sets ${name} itself; use the auth and apiVersion options instead of a header.`);
    }
    if (typeof value !== "string" || !VALUE.test(value) || value !== value.trim()) {
      throw new LiveChatInputError(`${where}: the value of ${name} must be a string without line breaks or surrounding spaces.`);
    }
  }
  return headers as Record<string, string>;
}
