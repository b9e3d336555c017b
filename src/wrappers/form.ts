// Form bodies: application/x-www-form-urlencoded, UTF-8 percent-encoded, arrays as repeated
// PHP-style bracket keys (`tag[]=a&tag[]=b`), which is what LiveChat's PHP backend parses.
// openapi-fetch's default serializer joins arrays with commas and sends JSON when the
// Content-Type carries a charset, so this replaces it (its `bodySerializer` seam).
import { LiveChatInputError } from "./errors.js";
import { isWellFormed } from "./strings.js";

/** The Content-Type of every request body this client sends. */
export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

type Scalar = string | number | boolean;

function encodeScalar(key: string, value: unknown): string {
  if (typeof value === "string") {
    if (!isWellFormed(value)) {
      throw new LiveChatInputError(`Body field "${key}" contains a lone UTF-16 surrogate; pass well-formed Unicode text.`);
    }
    return encodeURIComponent(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new LiveChatInputError(`Body field "${key}" must be a finite number.`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "1" : "0";
  throw new LiveChatInputError(`Body field "${key}" must be a string, number, boolean or an array of them.`);
}

/**
 * Encodes a flat body object; arrays become repeated `key[]=` pairs (a key that already ends in
 * `[]`, as the spec names array fields, is sent as it is), undefined fields are left out. An
 * empty array is refused: it would send nothing, which the API reads as an absent field.
 */
export function serializeForm(body: unknown): string {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new LiveChatInputError("The request body must be an object of form fields.");
  }
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(body as Record<string, Scalar | readonly Scalar[] | undefined>)) {
    if (value === undefined) continue;
    if (!isWellFormed(key)) throw new LiveChatInputError("A body field name contains a lone UTF-16 surrogate.");
    // The brackets go out literally, as LiveChat's own examples and clients send them.
    const bracketed = key.endsWith("[]");
    const name = encodeURIComponent(bracketed ? key.slice(0, -2) : key) + (bracketed || Array.isArray(value) ? "[]" : "");
    if (Array.isArray(value)) {
      if (value.length === 0) {
        // No key at all would go out; LiveChat read a tag update without tags as "clear every tag".
        const why = /^tag(\[\])?$/.test(key) ? "; a tag update without tags clears every tag of the chat or ticket" : "";
        throw new LiveChatInputError(`Body field "${key}" is an empty array: a form cannot carry one (no "${key}" key would be sent${why}). Pass at least one value.`);
      }
      for (const item of value) pairs.push(`${name}=${encodeScalar(key, item)}`);
    } else {
      pairs.push(`${name}=${encodeScalar(key, value)}`);
    }
  }
  return pairs.join("&");
}
