// The mock's answers before they become web Responses: what `handle` wraps for msw, and what
// the served mock writes to Node's socket directly (building a Request and a Response per
// call cost the served mock more than the work it does; docs/benchmarks.md).

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
