// One class per kind of failure; all extend LiveChatError and carry a literal `name`.
// Guards compare `name` (and a brand), so they work across realms and package copies.

const BRAND = Symbol.for("livechat-rest-v2.error");

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
  405: "Method Not Allowed", 408: "Request Timeout", 409: "Conflict", 413: "Content Too Large",
  415: "Unsupported Media Type", 422: "Unprocessable Content", 429: "Too Many Requests",
  500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
};

/** The base of every error this client throws. */
export abstract class LiveChatError extends Error {
  abstract override readonly name: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** What `JSON.stringify` shows: name, message and the public fields (never a secret, never `cause`). */
  toJSON(): Record<string, unknown> {
    return { message: this.message, ...(this as object) };
  }
}

/** LiveChat (or a proxy in front of it) answered with a non-2xx status, or a 2xx without the promised JSON. */
export class LiveChatApiError extends LiveChatError {
  override readonly name = "LiveChatApiError" as const;
  /** The HTTP status. */
  readonly status: number;
  /** The request's method. */
  readonly method: string;
  /** The request's URL. */
  readonly url: string;
  /** The response's headers (any credential-bearing header redacted). */
  readonly headers: Record<string, string>;
  /** The response body: parsed JSON when it is JSON, else the text. */
  readonly body: unknown;
  /** The server's messages, from `error` / `errors`, or the status text when the body has none. */
  readonly messages: string[];

  constructor(init: { status: number; statusText?: string; method: string; url: string; headers: Record<string, string>; body: unknown; problem?: string }) {
    const statusText = init.statusText || STATUS_TEXT[init.status] || "";
    const messages = serverMessages(init.body);
    const shown = messages.length > 0 ? messages : [statusText || `HTTP ${init.status}`];
    const detail = init.problem ? `${init.problem}` : shown.join("; ");
    super(`${init.status}${statusText ? ` ${statusText}` : ""}: ${init.method} ${init.url} — ${detail}`);
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.headers = init.headers;
    this.body = init.body;
    this.messages = shown;
  }
}

/** The request never got an answer: DNS, refused or reset connection, TLS failure. */
export class LiveChatConnectionError extends LiveChatError {
  override readonly name = "LiveChatConnectionError" as const;
  readonly method: string;
  readonly url: string;

  /** The message names the cause and, when fetch wraps one ("fetch failed"), the innermost: `connect ECONNREFUSED 127.0.0.1:8787`. */
  constructor(init: { method: string; url: string; cause: Error }) {
    super(`Connection failed: ${init.method} ${init.url} — ${describeCause(init.cause)}`, { cause: init.cause });
    this.method = init.method;
    this.url = init.url;
  }
}

/** A cause's message, then its innermost cause's (the OS error under fetch's "fetch failed"), when that says more. */
function describeCause(cause: Error): string {
  let inner: unknown = cause;
  for (let depth = 0; depth < 3 && inner instanceof Error && inner.cause instanceof Error; depth++) inner = inner.cause;
  const detail = inner instanceof Error && inner !== cause ? inner.message : "";
  return detail && !cause.message.includes(detail) ? `${cause.message}: ${detail}` : cause.message;
}

/** An attempt took longer than `timeoutMs`, or a token function took longer than that to return a token. */
export class LiveChatTimeoutError extends LiveChatError {
  override readonly name = "LiveChatTimeoutError" as const;
  readonly method: string;
  readonly url: string;
  readonly timeoutMs: number;

  /** `problem` replaces the default detail ("raise timeoutMs if the API is slow"). */
  constructor(init: { method: string; url: string; timeoutMs: number; problem?: string }) {
    super(`Timed out after ${init.timeoutMs} ms: ${init.method} ${init.url} — ${init.problem ?? "raise timeoutMs if the API is slow"}`);
    this.method = init.method;
    this.url = init.url;
    this.timeoutMs = init.timeoutMs;
  }
}

/** The client refused the call before sending anything; the message says what to pass instead. */
export class LiveChatInputError extends LiveChatError {
  override readonly name = "LiveChatInputError" as const;
}

function serverMessages(body: unknown): string[] {
  if (!body || typeof body !== "object") return [];
  const { error, errors } = body as { error?: unknown; errors?: unknown };
  const out: string[] = [];
  if (typeof error === "string" && error) out.push(error);
  if (typeof errors === "string" && errors) out.push(errors);
  if (Array.isArray(errors)) for (const e of errors) if (typeof e === "string" && e) out.push(e);
  return out;
}

/** A type guard for the error class called `name`: compares the name and the brand, so it works across realms. */
export function isNamed<T>(name: string) {
  return (value: unknown): value is T =>
    typeof value === "object" && value !== null && (value as { name?: unknown }).name === name && BRAND in value;
}

/** True for any error this client throws, from any realm. */
export const isLiveChatError = (value: unknown): value is LiveChatError =>
  typeof value === "object" && value !== null && BRAND in value;
/** True for a {@link LiveChatApiError}, from any realm. */
export const isLiveChatApiError = /* @__PURE__ */ isNamed<LiveChatApiError>("LiveChatApiError");
/** True for a {@link LiveChatConnectionError}, from any realm. */
export const isLiveChatConnectionError = /* @__PURE__ */ isNamed<LiveChatConnectionError>("LiveChatConnectionError");
/** True for a {@link LiveChatTimeoutError}, from any realm. */
export const isLiveChatTimeoutError = /* @__PURE__ */ isNamed<LiveChatTimeoutError>("LiveChatTimeoutError");
/** True for a {@link LiveChatInputError}, from any realm. */
export const isLiveChatInputError = /* @__PURE__ */ isNamed<LiveChatInputError>("LiveChatInputError");
