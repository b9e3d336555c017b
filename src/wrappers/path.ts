// Path parameters: each value is percent-encoded as exactly one segment, and a value that
// could name another resource once a URL parser normalises it (empty, `.`, `..` and their
// percent-encoded forms) is refused before anything is sent. The raw client uses it in place
// of openapi-fetch's default path serializer, which would pass `..` through.
import { LiveChatInputError } from "./errors.js";
import { isWellFormed } from "./strings.js";

/** `.` or `..`: a value no path segment can carry, since URL parsers read it as a dot segment. */
export const isDotSegment = (value: unknown) => value === "." || value === "..";

/** One path segment for `value`, or a LiveChatInputError saying why it cannot be one. */
export function encodeSegment(name: string, value: unknown): string {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value !== "string") {
    throw new LiveChatInputError(`Path parameter ${name} must be a string; got ${value === null ? "null" : typeof value}.`);
  }
  if (value.length === 0) throw new LiveChatInputError(`Path parameter ${name} must not be empty.`);
  if (isDotSegment(value)) {
    throw new LiveChatInputError(`Path parameter ${name} cannot be "${value}": a URL parser would read it as a dot segment and call another endpoint.`);
  }
  if (!isWellFormed(value)) {
    throw new LiveChatInputError(`Path parameter ${name} contains a lone UTF-16 surrogate; pass well-formed Unicode text.`);
  }
  return encodeURIComponent(value);
}
