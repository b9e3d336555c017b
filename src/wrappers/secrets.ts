// Keeps credentials out of everything an error carries: message, body, headers, cause.

export const REDACTED = "[REDACTED]";

/** Headers whose values are never copied into an error. */
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);

/** The strings to scrub: each secret as given, plus any encoded form the wire carries. */
export class SecretSet {
  readonly #values: string[] = [];

  add(...values: string[]): void {
    for (const value of values) if (value.length >= 4 && !this.#values.includes(value)) this.#values.push(value);
    this.#values.sort((a, b) => b.length - a.length);
  }

  /** The text with every known secret replaced by `[REDACTED]`. */
  scrub(text: string): string {
    let out = text;
    for (const value of this.#values) if (out.includes(value)) out = out.split(value).join(REDACTED);
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

/**
 * A plain copy of a thrown value for `cause`: name, message and code, scrubbed, three levels
 * deep. The original may hold a request with its Authorization header (a custom fetch's error).
 */
export function safeCause(error: unknown, secrets: SecretSet, depth = 0): Error {
  const source = error instanceof Error ? error : new Error(String(error));
  const copy = new Error(secrets.scrub(source.message));
  copy.name = source.name;
  const code = (source as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") Object.assign(copy, { code });
  copy.stack = `${copy.name}: ${copy.message}`;
  if (source.cause !== undefined && depth < 2) copy.cause = safeCause(source.cause, secrets, depth + 1);
  return copy;
}
