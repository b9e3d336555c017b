// livechat-rest-v2/undici: a fetch-compatible transport over undici's keep-alive Pool. It drives
// the Pool's dispatch() with a small handler that gathers the body into one string, so there is
// no body stream to build and read per call, and it enforces the client's per-attempt timeout
// with a timer of its own instead of an AbortSignal per call (each cost about 30 µs a call on
// Node 20; docs/benchmarks.md). Pass it as createLiveChatClient({ fetch: createUndiciFetch() }).
// undici is an optional peer dependency.
import { STATUS_CODES } from "node:http";
import { Pool, type Dispatcher } from "undici";
import { webHeaders } from "../adapters/node.js";
import { BufferedResponse } from "../wrappers/buffered-response.js";
import { OWN_TIMEOUT } from "../wrappers/transport.js";

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
  (input: string, init?: RequestInit): Promise<Response>;
  /** Closes every pool (its idle connections); in-flight requests finish first. */
  close(): Promise<void>;
}

/** A plain object for undici; the client passes one already, so that case is not copied. */
function headerObject(headers: HeadersInit | undefined): Record<string, string> {
  if (!headers) return {};
  return headers instanceof Headers || Array.isArray(headers) ? Object.fromEntries(headers) : (headers as Record<string, string>);
}

/** Decodes as Response.text() does (a leading byte-order mark dropped). */
const utf8 = new TextDecoder();

/** The error a call rejects with when the deadline the client passed runs out. */
function timeoutError(ms: number): Error {
  return Object.assign(new DOMException(`No complete answer within ${ms} ms`, "TimeoutError"), { [OWN_TIMEOUT]: true });
}

/** Sends one request on `pool`; resolves once the whole body is in, or rejects. */
function send(pool: Pool, options: Dispatcher.DispatchOptions, signal: AbortSignal | undefined, timeoutMs: number | undefined): Promise<Response> {
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let failure: unknown;
    let status = 0;
    let headers: Record<string, string | string[] | undefined> = {};
    const chunks: Buffer[] = [];
    const settle = (error?: unknown) => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (error === undefined) {
        const text = utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
        resolve(new BufferedResponse(text, { status, statusText: STATUS_CODES[status] ?? "", headers: webHeaders(headers) }));
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
      onResponseStart(_, statusCode, responseHeaders) {
        if (statusCode < 200) return; // 1xx informational: the final answer follows
        status = statusCode;
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

/** Creates the transport. Bodies are read whole (the LiveChat API answers small JSON documents). */
export function createUndiciFetch(options: UndiciFetchOptions = {}): UndiciFetch {
  const pools = new Map<string, Pool>();
  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { ...options.pool, connections: options.connections ?? 64, keepAliveTimeout: options.keepAliveTimeout ?? 30_000 });
      pools.set(origin, pool);
    }
    return pool;
  };

  const undiciFetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input);
    const body = init.body;
    if (body !== undefined && body !== null && typeof body !== "string") {
      throw new TypeError("createUndiciFetch sends string bodies only (the client form-encodes every body)");
    }
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw signal.reason;
    const dispatch: Dispatcher.DispatchOptions = {
      path: url.pathname + url.search,
      method: (init.method ?? "GET") as Dispatcher.HttpMethod,
      headers: headerObject(init.headers),
      body: body ?? null,
    };
    return send(poolFor(url.origin), dispatch, signal, (init as { [OWN_TIMEOUT]?: number })[OWN_TIMEOUT]);
  };
  return Object.assign(undiciFetch, {
    [OWN_TIMEOUT]: true,
    close: async () => {
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((pool) => pool.close()));
    },
  });
}
