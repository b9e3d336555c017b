// Keeps credentials out of everything an error carries: message, body, headers, cause.
import { isWellFormed } from "./strings.js";

export const REDACTED = "[REDACTED]";

/** Headers whose values are never copied into an error. */
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);

/** Shorter strings are not worth scrubbing: they would mangle ordinary text. */
const MIN_LENGTH = 4;

/**
 * The strings to scrub: the fixed secrets (an API key, its Basic encoding, a fixed token), the
 * current and the previous token a token function returned, and, in a view made with
 * {@link including}, the token one call used. Older rotated tokens are forgotten, so a client
 * that refreshes its token for months holds two, not one per refresh.
 */
export class SecretSet {
  readonly #fixed: string[];
  #current: string | undefined;
  #previous: string | undefined;
  readonly #parent: SecretSet | undefined;

  constructor(parent?: SecretSet, extra?: string) {
    this.#parent = parent;
    this.#fixed = extra === undefined ? [] : [extra];
  }

  /** Adds secrets kept for the client's lifetime. */
  add(...values: string[]): void {
    for (const value of values) if (!this.#fixed.includes(value)) this.#fixed.push(value);
  }

  /** Records a token a token function returned: it becomes the current one, the current one the previous. */
  rotate(token: string): void {
    if (token === this.#current) return;
    this.#previous = this.#current;
    this.#current = token;
  }

  /** A view that also scrubs `secret` (the token one call used), whatever has rotated since. */
  including(secret: string | undefined): SecretSet {
    return secret === undefined ? this : new SecretSet(this, secret);
  }

  /**
   * Every string to scrub, longest first, so a secret inside another is not replaced first: each
   * secret as given and percent-encoded (a server may echo it from a URL or a form body), in
   * either case of the hex digits.
   */
  #values(): string[] {
    const all = [...this.#fixed, ...(this.#parent ? this.#parent.#values() : []), this.#current, this.#previous];
    const kept = all.filter((v): v is string => v !== undefined && v.length >= MIN_LENGTH).flatMap(encodings);
    return [...new Set(kept)].sort((a, b) => b.length - a.length);
  }

  /** The text with every known secret replaced by `[REDACTED]`. */
  scrub(text: string): string {
    let out = text;
    for (const value of this.#values()) if (out.includes(value)) out = out.split(value).join(REDACTED);
    return out;
  }

  /** A deep copy of parsed JSON with every string scrubbed. */
  scrubJson(value: unknown): unknown {
    if (typeof value === "string") return this.scrub(value);
    if (Array.isArray(value)) return value.map((v) => this.scrubJson(v));
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.scrubJson(v)]));
    }
    return value;
  }

  /** Plain-object headers with secret-bearing ones redacted and every value scrubbed. */
  scrubHeaders(headers: Headers): Record<string, string> {
    const out: Record<string, string> = {};
    headers.forEach((value, name) => {
      out[name] = SECRET_HEADERS.has(name) ? REDACTED : this.scrub(value);
    });
    return out;
  }
}

/** A secret and the forms a server may echo it in: percent-encoded (upper- and lower-case hex). */
function encodings(value: string): string[] {
  if (!isWellFormed(value)) return [value];
  const encoded = encodeURIComponent(value);
  return encoded === value ? [value] : [value, encoded, encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())];
}

/**
 * A plain copy of a thrown value for `cause`: name, message and code, scrubbed, three levels
 * deep. The original may hold a request with its Authorization header (a custom fetch's error).
 */
export function safeCause(error: unknown, secrets: SecretSet, depth = 0): Error {
  const source = error instanceof Error ? error : new Error(describe(error));
  const copy = new Error(secrets.scrub(source.message));
  copy.name = source.name;
  const code = (source as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") Object.assign(copy, { code });
  copy.stack = `${copy.name}: ${copy.message}`;
  if (source.cause !== undefined && depth < 2) copy.cause = safeCause(source.cause, secrets, depth + 1);
  return copy;
}

/**
 * A thrown non-Error as text. fetch under msw rejects with `cause` set to the Response a handler
 * answered with (`HttpResponse.error()`), whose text would be "[object Response]".
 */
function describe(value: unknown): string {
  const text = String(value);
  if (text === "[object Response]" && value instanceof Response) {
    return value.type === "error"
      ? "the connection ended without an answer (a network error Response, such as a mock's Response.error())"
      : `an HTTP ${value.status} Response`;
  }
  return text;
}
