// livechat-rest-v2/mock: a stateful, spec-faithful mock of the LiveChat REST API v2 (webhooks
// and tags) for users' tests, with fault injection. `handle` is a web-standard
// (Request) => Promise<Response>; `handlers` are msw handlers over it.
import { http, type RequestHandler } from "msw";
import { DEFAULT_BASE_URL } from "../wrappers/base-url.js";
import { BufferedResponse } from "../wrappers/buffered-response.js";
import { sleep } from "../wrappers/retry.js";
import { utf8Base64 } from "../wrappers/strings.js";
import { deliver, type DeliverOptions, type Delivery, type MockEvent } from "./deliver.js";
import { parseBody } from "./form.js";
import { ANSWERS, NETWORK_ERROR, type MockAnswer, type MockRequest } from "./answer.js";
import { ROUTES, type Reply } from "./routes.js";
import { stateFrom, type MockSeed, type MockState } from "./state.js";

export type { MockSeed, MockState, MockTag } from "./state.js";
export { SAMPLE_DATA, LIVECHAT_REDELIVERY_DELAYS_MS, type Delivery, type DeliveryAttempt, type DeliverOptions, type MockEvent } from "./deliver.js";

/** The credentials the mock accepts: HTTP Basic, or one bearer token. */
export type MockCredentials = { login: string; apiKey: string } | { accessToken: string };

/** Options of {@link createLiveChatMock}. */
export interface LiveChatMockOptions {
  /** The credentials it accepts: one set, or several (say, an API key and an OAuth token). */
  credentials: MockCredentials | MockCredentials[];
  seed?: MockSeed;
  /** The base URL the msw handlers answer. Default `https://api.livechatinc.com`. */
  baseUrl?: string;
  /** The licence number webhooks report. Default 12345. */
  licence?: number;
}

/** A failure the mock answers the next request with, instead of performing it. */
export type MockFault =
  | { network: true }
  | { status: number; retryAfter?: number | string; body?: string; contentType?: string };

/** The answer to a request that lacks valid credentials (LiveChat's own 401 text). */
export const UNAUTHORIZED_MESSAGE = "You have no rights to access this data. Check your API Key and/or username";

const json = ([status, body]: Reply): MockAnswer => ({ status, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

/** A web Response for an answer; buffered, since the body is a string already. */
function toResponse(answer: MockAnswer): Response {
  if (answer === NETWORK_ERROR) return Response.error();
  return new BufferedResponse(answer.body, { status: answer.status, headers: answer.headers });
}

function expectedAuthorization(credentials: MockCredentials): string {
  if ("accessToken" in credentials) return `Bearer ${credentials.accessToken}`;
  return `Basic ${utf8Base64(`${credentials.login}:${credentials.apiKey}`)}`;
}

function faultAnswer(fault: MockFault): MockAnswer {
  if ("network" in fault) return NETWORK_ERROR;
  const headers: Record<string, string> = { "Content-Type": fault.contentType ?? "application/json" };
  if (fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter);
  const body = fault.body ?? JSON.stringify({ error: `Injected fault: HTTP ${fault.status}` });
  return { status: fault.status, headers, body };
}

/** Creates a mock LiveChat account. */
export function createLiveChatMock(options: LiveChatMockOptions) {
  const { credentials, seed = {}, licence = 12345 } = options;
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const authorizations = new Set((Array.isArray(credentials) ? credentials : [credentials]).map(expectedAuthorization));
  let state = stateFrom(seed, licence);
  const faults: MockFault[] = [];
  const delays: number[] = [];

  async function perform(request: MockRequest): Promise<MockAnswer> {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(basePath)) return json([404, { error: "Not found" }]);
    const path = url.pathname.slice(basePath.length);
    const matches = ROUTES.filter(([, pattern]) => pattern.test(path));
    if (matches.length === 0) return json([404, { error: "Not found" }]);
    const match = matches.find(([method]) => method === request.method);
    if (!match) return json([405, { error: `Method ${request.method} not allowed` }]); // guess: 405
    if (!authorizations.has(request.headers.get("Authorization") ?? "")) return json([401, { error: UNAUTHORIZED_MESSAGE }]);
    // guess: LiveChat checks credentials before the version header.
    if (request.headers.get("X-API-Version") !== "2") return json([400, { error: "X-API-Version header must be 2" }]);
    const body = parseBody(await request.text(), request.headers.get("Content-Type"));
    if (!body) return json([400, { error: "The request body is not valid form or JSON data" }]);
    let params: string[];
    try {
      params = match[1].exec(path)!.slice(1).map((p) => decodeURIComponent(p));
    } catch {
      return json([400, { error: "The path is not validly percent-encoded" }]);
    }
    return json(match[2]({ state, params, query: url.searchParams, body, licence }));
  }

  /** Answers one request as LiveChat would: never throws. */
  async function answer(request: MockRequest): Promise<MockAnswer> {
    const delay = delays.shift();
    if (delay) {
      await sleep(delay, request.signal).catch(() => undefined); // or less, if the caller goes away
      // A request whose caller gave up while it was held is dropped, not performed, so a
      // client's retry after a timeout meets the state it expects.
      if (request.signal.aborted) return NETWORK_ERROR;
    }
    const fault = faults.shift();
    if (fault) return faultAnswer(fault);
    try {
      return await perform(request);
    } catch {
      return json([400, { error: "The request could not be read" }]);
    }
  }

  /** Answers one request as LiveChat would: never throws. */
  const handle = async (request: Request): Promise<Response> => toResponse(await answer(request));

  const mock = {
    /** msw request handlers answering `baseUrl`, for `setupServer(...mock.handlers)`. */
    handlers: [http.all(`${baseUrl}/*`, ({ request }) => handle(request))] as RequestHandler[],
    handle,
    /** The account's webhooks, tags, and each chat's and ticket's tags. */
    get state(): MockState {
      return state;
    },
    /** Back to the seed; pending faults and delays are dropped. */
    reset(): void {
      state = stateFrom(seed, licence);
      faults.length = 0;
      delays.length = 0;
    },
    /** Answers the next request (one per call, in order) with this fault instead of performing it. */
    failNext(fault: MockFault): void {
      faults.push(fault);
    },
    /** Holds the next request (one per call, in order) for `ms` before answering it. */
    delayNext(ms: number): void {
      delays.push(ms);
    },
    /**
     * Does what LiveChat does when `event` happens: POSTs a spec-valid payload to every webhook
     * registered for its type (data objects from `event`, else `SAMPLE_DATA`). Credentials in a
     * webhook's URL are sent as HTTP Basic. Pass `event_unique_id` to deliver the same event again.
     * With `redeliver`, a delivery that got no 2xx (or none within `timeoutMs`) is retried as
     * LiveChat retries, on a compressed schedule; resolves per webhook with every attempt's outcome.
     */
    deliver(event: MockEvent, options: DeliverOptions = {}): Promise<Delivery[]> {
      return deliver(state, licence, event, options);
    },
  };
  // serveLiveChatMock answers from here, without building a Request and a Response per call.
  ANSWERS.set(mock, answer);
  return mock;
}

/** The mock {@link createLiveChatMock} returns. */
export type LiveChatMock = ReturnType<typeof createLiveChatMock>;

export { serveLiveChatMock, type ServedMock } from "./serve.js";
