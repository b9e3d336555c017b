// A Response whose body was already read (inside the attempt's timeout). Re-wrapping the text
// in a new Response would build and read a stream again, once most of this client's overhead
// (docs/benchmarks.md). This one answers text() and json() from memory.

/** Statuses whose responses have no body, whatever a server sent. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** A ResponseInit plus what fetch reports about the request: its URL and whether a redirect was followed. */
export interface BufferedResponseInit extends ResponseInit {
  url?: string;
  redirected?: boolean;
}

export class BufferedResponse extends Response {
  readonly #text: string;
  #parsed: { value: unknown } | undefined;
  readonly #url: string;
  readonly #redirected: boolean;

  /** `parsed`, when given, is `JSON.parse(text)` already done; the first json() returns it. */
  constructor(text: string, init: BufferedResponseInit, parsed?: { value: unknown }) {
    super(null, init);
    this.#text = NULL_BODY_STATUSES.has(this.status) ? "" : text;
    this.#parsed = parsed;
    this.#url = init.url ?? "";
    this.#redirected = init.redirected ?? false;
  }

  override get url(): string {
    return this.#url;
  }

  override get redirected(): boolean {
    return this.#redirected;
  }

  /** One stream, made on first use and the same on every read, as a Response's body is. */
  #stream: Response["body"] | undefined;

  override get body(): Response["body"] {
    if (this.#stream === undefined) this.#stream = this.#text === "" ? null : new Response(this.#text).body;
    return this.#stream;
  }

  /** True once the body stream was taken by a reader; text() and json() answer from memory either way. */
  override get bodyUsed(): boolean {
    return this.#stream?.locked === true;
  }

  override text(): Promise<string> {
    return Promise.resolve(this.#text);
  }

  override json(): Promise<any> {
    const parsed = this.#parsed;
    this.#parsed = undefined;
    try {
      return Promise.resolve(parsed ? parsed.value : JSON.parse(this.#text));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(new TextEncoder().encode(this.#text).buffer as ArrayBuffer);
  }

  override blob(): Promise<Blob> {
    return Promise.resolve(new Blob([this.#text], { type: this.headers.get("Content-Type") ?? "" }));
  }

  override clone(): BufferedResponse {
    return new BufferedResponse(this.#text, { status: this.status, statusText: this.statusText, headers: this.headers, url: this.#url, redirected: this.#redirected });
  }
}
