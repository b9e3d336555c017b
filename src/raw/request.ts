// The Request class handed to openapi-fetch (its `Request` seam). openapi-fetch builds one per
// call only to pass it to middleware and then to fetch; a real Request parses the URL, creates
// an AbortSignal and wraps the body in a stream, about 25 µs on Node 20, which the transport
// would then undo to send (url, init). This one keeps what the transport reads, as given.
// Middleware added through `use()` receives it: url, method, headers, body, signal; one that
// replaces the request returns `new PlainRequest(url, init)` (openapi-fetch checks the class).

export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** The serialized body (the client's form encoding), or null. */
  readonly body: string | null;
  readonly signal: AbortSignal | null;
  readonly redirect = "manual";

  constructor(url: string | URL, init: RequestInit = {}) {
    this.url = String(url);
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = typeof init.body === "string" ? init.body : init.body == null ? null : String(init.body);
    this.signal = init.signal ?? null;
  }

  text(): Promise<string> {
    return Promise.resolve(this.body ?? "");
  }

  clone(): PlainRequest {
    return new PlainRequest(this.url, { method: this.method, headers: new Headers(this.headers), body: this.body, signal: this.signal });
  }
}
