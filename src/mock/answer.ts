// The mock's answers before they become web Responses: what `handle` wraps, and what the served
// mock writes to Node's socket directly (building a Request and a Response per call cost the
// served mock more than the work it does; docs/benchmarks.md). Also how a dropped connection
// looks to each kind of caller: a rejected fetch, msw's network error, a destroyed socket.

/** What the mock reads of a request; a web Request has all of it. */
export interface MockRequest {
  readonly method: string;
  /** Absolute. */
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** Aborts when the caller goes away. */
  readonly signal: AbortSignal;
}

/** The connection is dropped without an answer. */
export const NETWORK_ERROR = "network error";

export type MockAnswer = { status: number; headers: Record<string, string>; body: string } | typeof NETWORK_ERROR;

/** Each mock's `answer`, for serveLiveChatMock. */
export const ANSWERS = new WeakMap<object, (request: MockRequest) => Promise<MockAnswer>>();

/** What a dropped connection says, as the cause of fetch's TypeError. */
export const DROPPED_MESSAGE = "the LiveChat mock dropped the connection without an answer (failNext({ network: true }))";

/**
 * What fetch rejects with when the connection drops: a TypeError whose cause says why (Node's
 * fetch rejects with `TypeError: fetch failed`, its cause the socket's error).
 */
export function droppedConnection(): TypeError {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(DROPPED_MESSAGE), { code: "ECONNRESET" }) });
}

/** What `handle` rejects with for a request to another origin than the mock's: what fetch gives for a host that is not there. */
export function wrongOrigin(url: string, origin: string): TypeError {
  let other = url;
  try {
    other = new URL(url).origin;
  } catch {
    // not a URL: name it as given
  }
  const message = `the LiveChat mock answers ${origin}, not ${other}: give the client the mock's baseUrl (createLiveChatMock's baseUrl option, default https://api.livechatinc.com)`;
  return new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code: "ENOTFOUND" }) });
}

/**
 * `handle`'s outcome as a Response for msw and for Node's server adapter: a rejection becomes
 * `Response.error()`, which msw turns into a failed fetch and the adapter into a dropped
 * socket. msw rejects that fetch with `TypeError("Failed to fetch", { cause: <this Response> })`,
 * so the Response reads as what happened when a cause is turned into text, not as
 * "[object Response]".
 */
export async function responseOrNetworkError(outcome: Promise<Response>): Promise<Response> {
  try {
    return await outcome;
  } catch (error) {
    const response = Response.error();
    const cause = (error as { cause?: { message?: unknown } } | null)?.cause;
    const reason = typeof cause?.message === "string" ? cause.message : error instanceof Error ? error.message : String(error);
    Object.defineProperty(response, "toString", { value: () => reason });
    return response;
  }
}
