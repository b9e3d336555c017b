// The request object of the raw client: what openapi-fetch builds per call (its `Request`
// seam), what middleware receives, and what the transport sends. A real Request parses the
// URL, creates an AbortSignal and wraps the body in a stream, which the transport would then
// undo to send (url, init): a good part of a raw call's overhead, most of it for calls with a
// body. This one keeps what the transport reads, as given, and its type says so: it is not a
// Request.

/** What a {@link PlainRequest} is built from; `body` is the encoded form (a string) or none. */
export interface PlainRequestInit {
  method?: string;
  /** What `new Headers(...)` takes (spelled so, since `HeadersInit` is a DOM-only name that @types/node lacks). */
  headers?: ConstructorParameters<typeof Headers>[0];
  body?: string | URLSearchParams | null;
  signal?: AbortSignal | null;
  /** This call's per-attempt timeout; undefined: the client's. */
  timeoutMs?: number | undefined;
}

/**
 * A request of the raw client: url, method, headers, the form-encoded body, signal and the
 * call's timeout. Middleware receives one, and one that replaces the request returns
 * `new PlainRequest(request, { ...changes })`, which copies the rest from `request` as
 * `new Request(request, init)` does.
 */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** The serialized body (the client's form encoding), or null. */
  readonly body: string | null;
  readonly signal: AbortSignal | null;
  /** This call's per-attempt timeout in ms; undefined: the client's `timeoutMs`. */
  readonly timeoutMs: number | undefined;
  /** The client never follows redirects. */
  readonly redirect = "manual";

  constructor(input: string | URL | PlainRequest, init: PlainRequestInit = {}) {
    const from = input instanceof PlainRequest ? input : undefined;
    this.url = from ? from.url : String(input);
    this.method = (init.method ?? from?.method ?? "GET").toUpperCase();
    const headers = init.headers ?? from?.headers;
    this.headers = headers instanceof Headers && !from ? headers : new Headers(headers);
    const body = "body" in init ? init.body : from?.body;
    if (body != null && typeof body !== "string" && !(body instanceof URLSearchParams)) {
      throw new TypeError("A PlainRequest's body is the encoded form: a string or URLSearchParams.");
    }
    this.body = body == null ? null : String(body);
    this.signal = "signal" in init ? (init.signal ?? null) : (from?.signal ?? null);
    this.timeoutMs = "timeoutMs" in init ? init.timeoutMs : from?.timeoutMs;
  }

  /** The body as text ("" for none). */
  text(): Promise<string> {
    return Promise.resolve(this.body ?? "");
  }

  /** A copy with its own Headers. */
  clone(): PlainRequest {
    return new PlainRequest(this, { headers: new Headers(this.headers) });
  }
}

/**
 * PlainRequest as openapi-fetch's `Request` option, which is declared `typeof Request`. openapi-fetch
 * only constructs it (`new Request(url, init)`) and checks middleware results with `instanceof`;
 * everything that reaches a user (middleware, `LiveChatMiddleware`) is typed as PlainRequest.
 */
export const REQUEST_SEAM = PlainRequest as unknown as typeof Request;
