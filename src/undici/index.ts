// livechat-rest-v2/undici: a fetch-compatible transport over undici's keep-alive Pool. It drives
// the Pool's dispatch() with a small handler that gathers the body into one string, so there is
// no body stream to build and read per call, and it enforces the client's per-attempt timeout
// with a timer of its own instead of an AbortSignal per call (what each costs:
// docs/benchmarks.md). Pass it as createLiveChatClient({ fetch: createUndiciFetch() }).
// Used as a plain fetch it behaves as fetch does where a caller can see it: the server's status
// text, redirects followed (or not) per `init.redirect`, and rejections. undici is an optional
// peer dependency.
import { Pool, type Dispatcher } from "undici";
import { webHeaders } from "../adapters/node.js";
import { BufferedResponse } from "../wrappers/buffered-response.js";
import { checkMs, checkOptionsObject, checkWhole } from "../wrappers/option-checks.js";
import { LiveChatInputError } from "../wrappers/errors.js";
import { NOT_RETRYABLE, OWN_TIMEOUT } from "../wrappers/transport.js";
import { MAX_REDIRECTS, nextHop, REDIRECT_STATUSES, type Hop } from "./redirect.js";

export interface UndiciFetchOptions {
  /** Connections per origin (keep-alive). Default 64. */
  connections?: number;
  /** How long an idle connection is kept, in ms. Default 30 000. */
  keepAliveTimeout?: number;
  /** Passed to undici's Pool as is (TLS settings, a custom `connect`, timeouts...). */
  pool?: Omit<Pool.Options, "connections" | "keepAliveTimeout">;
}

/** A `(url, init) => Promise<Response>` over one keep-alive Pool per origin; `close()` ends them. */
export interface UndiciFetch {
  (input: string | URL, init?: RequestInit): Promise<Response>;
  /** Closes every pool (its idle connections); in-flight requests finish first. Later calls reject. */
  close(): Promise<void>;
}

/** A plain object for undici; the client passes one already, so that case is not copied. */
function headerObject(headers: ConstructorParameters<typeof Headers>[0] | undefined): Record<string, string> {
  if (!headers) return {};
  return headers instanceof Headers || Array.isArray(headers) ? Object.fromEntries(headers) : (headers as Record<string, string>);
}

/** The headers, with the Content-Type fetch gives a string body when the caller set none. */
function withBodyType(headers: Record<string, string>): Record<string, string> {
  for (const name in headers) if (name.length === 12 && name.toLowerCase() === "content-type") return headers;
  return { ...headers, "content-type": "text/plain;charset=UTF-8" };
}

/** Decodes as Response.text() does (a leading byte-order mark dropped). */
const utf8 = new TextDecoder();

/** The error a call rejects with when the deadline the client passed runs out. */
function timeoutError(ms: number): Error {
  return Object.assign(new DOMException(`No complete answer within ${ms} ms`, "TimeoutError"), { [OWN_TIMEOUT]: true });
}

/** Sends one request on `pool`; resolves once the whole body is in, or rejects. */
function send(pool: Pool, hop: Hop, redirected: boolean, signal: AbortSignal | undefined, timeoutMs: number | undefined): Promise<Response> {
  const options: Dispatcher.DispatchOptions = {
    path: hop.url.pathname + hop.url.search,
    method: hop.method as Dispatcher.HttpMethod,
    headers: hop.headers,
    body: hop.body,
  };
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let failure: unknown;
    let status = 0;
    let statusText = "";
    let headers: Record<string, string | string[] | undefined> = {};
    const chunks: Buffer[] = [];
    const settle = (error?: unknown) => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (error === undefined) {
        const text = utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
        // fetch reports the URL without its fragment
        const url = hop.url.hash ? hop.url.href.slice(0, hop.url.href.indexOf("#")) : hop.url.href;
        resolve(new BufferedResponse(text, { status, statusText, headers: webHeaders(headers), url, redirected }));
      } else {
        reject(error);
      }
    };
    // Stops the request (or, if the Pool has not started it yet, stops it when it starts).
    const stop = (reason: unknown) => {
      if (failure !== undefined) return;
      failure = reason;
      controller?.abort(reason as Error);
      settle(reason);
    };
    const onAbort = () => stop(signal!.reason);
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => stop(timeoutError(timeoutMs)), timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });

    pool.dispatch(options, {
      onRequestStart(started) {
        controller = started;
        if (failure !== undefined) started.abort(failure as Error);
      },
      onResponseStart(_, statusCode, responseHeaders, statusMessage) {
        if (statusCode < 200) return; // 1xx informational: the final answer follows
        status = statusCode;
        statusText = statusMessage ?? ""; // the server's reason phrase, as fetch reports it
        headers = responseHeaders;
      },
      onResponseData(_, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        if (failure === undefined) settle();
      },
      onResponseError(_, error) {
        if (failure !== undefined) return;
        failure = error;
        settle(error);
      },
    });
  });
}

/** A TypeError, as fetch throws, for a request that was not sent and would fail again: the client does not retry it. */
function refusal(message: string): TypeError {
  return Object.defineProperty(new TypeError(message), NOT_RETRYABLE, { value: true });
}

const CLOSED = "createUndiciFetch: this transport was closed (close() was called); create another with createUndiciFetch()";
const REDIRECT_MODES = new Set(["follow", "manual", "error"]);

const FACTORY = "createUndiciFetch";
const KNOWN = ["connections", "keepAliveTimeout", "pool"] as const;

/**
 * Creates the transport. Bodies are read whole (the LiveChat API answers small JSON documents).
 * Throws LiveChatInputError for a bad option, as the client does, rather than at the first call.
 */
export function createUndiciFetch(options: UndiciFetchOptions = {}): UndiciFetch {
  const given = checkOptionsObject(options, FACTORY, KNOWN, "connections, keepAliveTimeout or pool");
  const connections = checkWhole(given.connections, "connections", 64, 1, 100_000);
  const keepAliveTimeout = checkMs(given.keepAliveTimeout, "keepAliveTimeout", 30_000);
  if (given.pool !== undefined && (!given.pool || typeof given.pool !== "object" || Array.isArray(given.pool))) {
    throw new LiveChatInputError("pool must be an object of undici Pool options, such as { connect: { rejectUnauthorized: true } }.");
  }
  const pools = new Map<string, Pool>();
  let closed = false;
  const poolFor = (origin: string): Pool => {
    if (closed) throw refusal(CLOSED);
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { ...options.pool, connections, keepAliveTimeout });
      pools.set(origin, pool);
    }
    return pool;
  };

  const undiciFetch = async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    if (closed) throw refusal(CLOSED);
    const body = init.body;
    if (body !== undefined && body !== null && typeof body !== "string") {
      throw refusal("createUndiciFetch sends string bodies only (the client form-encodes every body)");
    }
    const mode = init.redirect ?? "follow";
    if (!REDIRECT_MODES.has(mode)) throw refusal(`init.redirect must be "follow", "manual" or "error"; got ${JSON.stringify(mode)}`);
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw signal.reason;
    const timeoutMs = (init as { [OWN_TIMEOUT]?: number })[OWN_TIMEOUT];
    const deadline = timeoutMs === undefined ? undefined : performance.now() + timeoutMs;
    const headers = headerObject(init.headers);
    const url = new URL(input);
    // As fetch: credentials in the URL are an error, not silently dropped (the client sends them as a header).
    if (url.username || url.password) throw refusal(`Request cannot be constructed from a URL that includes credentials: ${url.protocol}//${url.host}${url.pathname}`);
    let hop: Hop = { url, method: init.method ?? "GET", headers: typeof body === "string" ? withBodyType(headers) : headers, body: body ?? null };
    for (let redirects = 0; ; redirects++) {
      // Redirects share the one deadline the client passed (it never follows any itself).
      const left = deadline === undefined ? undefined : redirects === 0 ? timeoutMs : Math.max(0, deadline - performance.now());
      const response = await send(poolFor(hop.url.origin), hop, redirects > 0, signal, left);
      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get("location") : null;
      if (location === null || mode === "manual") return response;
      if (mode === "error") throw new TypeError(`${hop.url.href} answered ${response.status} (a redirect) and init.redirect is "error"`);
      if (redirects === MAX_REDIRECTS) throw new TypeError(`${hop.url.href}: more than ${MAX_REDIRECTS} redirects`);
      hop = nextHop(hop, response.status, location);
    }
  };
  return Object.assign(undiciFetch, {
    [OWN_TIMEOUT]: true,
    close: async () => {
      closed = true;
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((pool) => pool.close()));
    },
  });
}
