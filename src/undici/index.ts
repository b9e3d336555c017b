// livechat-rest-v2/undici: a fetch-compatible transport over undici's keep-alive Pool and its
// request() API, which skips most of fetch's per-call machinery: on loopback it answers about
// 1.6-1.9x the calls per second of Node's built-in fetch (docs/benchmarks.md). Pass it as
// createLiveChatClient({ fetch: createUndiciFetch() }). undici is an optional peer dependency.
import { STATUS_CODES } from "node:http";
import { Pool, type Dispatcher } from "undici";
import { BufferedResponse } from "../wrappers/buffered-response.js";

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

function headerObject(headers: HeadersInit | undefined): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) {
    const out: Record<string, string> = {};
    headers.forEach((value, name) => (out[name] = value));
    return out;
  }
  return Array.isArray(headers) ? Object.fromEntries(headers) : (headers as Record<string, string>);
}

function responseHeaders(raw: Dispatcher.ResponseData["headers"]): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
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
    const { statusCode, headers, body: stream } = await poolFor(url.origin).request({
      path: url.pathname + url.search,
      method: (init.method ?? "GET") as Dispatcher.HttpMethod,
      headers: headerObject(init.headers),
      body: body ?? null,
      signal: init.signal ?? null,
    });
    const text = await stream.text();
    // The body is already in memory: a buffered Response spares building and reading a stream.
    return new BufferedResponse(text, {
      status: statusCode,
      statusText: STATUS_CODES[statusCode] ?? "",
      headers: responseHeaders(headers),
    });
  };
  return Object.assign(undiciFetch, {
    close: async () => {
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((pool) => pool.close()));
    },
  });
}
