// livechat-rest-v2/mock: a stateful, spec-faithful mock of the LiveChat REST API v2 (webhooks
// and tags) for users' tests, with fault injection. `handle` and `fetch` answer web-standard
// Requests and fail as fetch fails, in Node, browsers and workers, without msw. msw handlers
// come from livechat-rest-v2/mock/msw; a mock served over HTTP from livechat-rest-v2/mock/node.
import { DEFAULT_BASE_URL } from "../wrappers/base-url.js";
import { LiveChatInputError } from "../wrappers/errors.js";
import { checkOptionsObject, checkWhole } from "../wrappers/option-checks.js";
import { sleep } from "../wrappers/retry.js";
import { utf8Base64 } from "../wrappers/strings.js";
import { deliver, type DeliverOptions, type Delivery, type MockEvent } from "./deliver.js";
import { parseBody } from "./form.js";
import { ANSWERS, droppedConnection, NETWORK_ERROR, wrongOrigin, type MockAnswer, type MockRequest } from "./answer.js";
import { checkDelay, checkFault, faultAnswer, Injections, targetMatcher, type MockFault, type MockTarget } from "./faults.js";
import { ROUTES, type Reply } from "./routes.js";
import { stateFrom, type MockSeed, type MockState } from "./state.js";

export type { MockSeed, MockState, MockTag } from "./state.js";
export type { MockFault, MockTarget } from "./faults.js";
export { SAMPLE_DATA, LIVECHAT_REDELIVERY_DELAYS_MS, type Delivery, type DeliveryAttempt, type DeliverOptions, type MockEvent } from "./deliver.js";

/** The credentials the mock accepts: HTTP Basic, or one bearer token. */
export type MockCredentials = { login: string; apiKey: string } | { accessToken: string };

/** Options of {@link createLiveChatMock}. */
export interface LiveChatMockOptions {
  /** The credentials it accepts: one set, or several (say, an API key and an OAuth token). */
  credentials: MockCredentials | MockCredentials[];
  seed?: MockSeed;
  /** The base URL it answers (its path is stripped from each request's). Default `https://api.livechatinc.com`. */
  baseUrl?: string;
  /** The licence number webhooks report. Default 12345. */
  licence?: number;
}

/** The answer to a request that lacks valid credentials (LiveChat's own 401 text). */
export const UNAUTHORIZED_MESSAGE = "You have no rights to access this data. Check your API Key and/or username";

const json = ([status, body]: Reply): MockAnswer => ({ status, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

/** Statuses whose responses have no body, whatever the answer says. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * A web Response for an answer: a plain one, since msw's worker hands `response.body` to the
 * service worker and needs the same stream each time it reads it.
 */
function toResponse(answer: Exclude<MockAnswer, typeof NETWORK_ERROR>): Response {
  return new Response(NULL_BODY_STATUSES.has(answer.status) ? null : answer.body, { status: answer.status, headers: answer.headers });
}

/** `answer`, or a rejection with the signal's reason as soon as it aborts, as fetch rejects. */
function unlessAborted(answer: Promise<MockAnswer>, signal: AbortSignal): Promise<MockAnswer> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    void answer.then((value) => {
      signal.removeEventListener("abort", onAbort);
      resolve(value);
    });
  });
}

const CREDENTIALS_EXAMPLE = '{ login: "agent@example.com", apiKey: "test-key" } or { accessToken: "test-token" }';
const nonEmpty = (value: unknown): value is string => typeof value === "string" && value.length > 0;

/** The Authorization value one set of credentials stands for; throws LiveChatInputError for a set that is not one. */
function expectedAuthorization(credentials: unknown): string {
  const given = (credentials ?? {}) as Partial<{ login: unknown; apiKey: unknown; accessToken: unknown }>;
  const keys = credentials && typeof credentials === "object" ? Object.keys(credentials).sort().join() : "";
  if (keys === "accessToken" && nonEmpty(given.accessToken)) return `Bearer ${given.accessToken}`;
  if (keys === "apiKey,login" && nonEmpty(given.login) && nonEmpty(given.apiKey) && !given.login.includes(":")) {
    return `Basic ${utf8Base64(`${given.login}:${given.apiKey}`)}`;
  }
  throw new LiveChatInputError(`createLiveChatMock: each credentials entry must be ${CREDENTIALS_EXAMPLE}, with non-empty strings (a login without ":").`);
}

/** Checks the mock's options; throws LiveChatInputError saying what to pass, as the client does. */
function checkMockOptions(options: LiveChatMockOptions): { list: unknown[]; baseUrl: string; licence: number } {
  checkOptionsObject(options, "createLiveChatMock", ["credentials", "seed", "baseUrl", "licence"], `credentials: ${CREDENTIALS_EXAMPLE}`);
  const list = Array.isArray(options.credentials) ? options.credentials : [options.credentials];
  if (list.length === 0) throw new LiveChatInputError(`createLiveChatMock needs credentials: ${CREDENTIALS_EXAMPLE}.`);
  if (options.seed !== undefined && (!options.seed || typeof options.seed !== "object" || Array.isArray(options.seed))) {
    throw new LiveChatInputError('createLiveChatMock: seed must be an object such as { tags: [{ name: "sales", group: 0 }], chats: { MH0NQTLD8B: [] } }.');
  }
  const licence = checkWhole(options.licence, "createLiveChatMock: licence", 12345);
  const raw = options.baseUrl ?? DEFAULT_BASE_URL;
  if (typeof raw !== "string" || !/^https?:\/\//i.test(raw) || !URL.canParse(raw)) {
    throw new LiveChatInputError(`createLiveChatMock: baseUrl must be an http(s) URL such as ${DEFAULT_BASE_URL}; got ${JSON.stringify(raw)}.`);
  }
  return { list, baseUrl: raw.replace(/\/+$/, ""), licence };
}

/** Creates a mock LiveChat account. Throws LiveChatInputError for a bad option. */
export function createLiveChatMock(options: LiveChatMockOptions) {
  const { list, baseUrl, licence } = checkMockOptions(options);
  const { seed = {} } = options;
  const { origin, pathname } = new URL(baseUrl);
  const originPrefix = `${origin}/`;
  const basePath = pathname.replace(/\/+$/, "");
  const authorizations = new Set(list.map(expectedAuthorization));
  let state = stateFrom(seed, licence);
  const faults = new Injections<MockFault>();
  const delays = new Injections<number>();

  /** The request's path below `baseUrl`, still encoded; undefined when it is not below it. */
  function pathOf(url: URL): string | undefined {
    return url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : undefined;
  }

  async function perform(request: MockRequest, url: URL): Promise<MockAnswer> {
    const path = pathOf(url);
    if (path === undefined) return json([404, { error: "Not found" }]);
    const matches = ROUTES.filter((r) => r.pattern.test(path));
    if (matches.length === 0) return json([404, { error: "Not found" }]);
    const match = matches.find((r) => r.method === request.method);
    if (!match) return json([405, { error: `Method ${request.method} not allowed` }]); // guess: 405
    if (!authorizations.has(request.headers.get("Authorization") ?? "")) return json([401, { error: UNAUTHORIZED_MESSAGE }]);
    // guess: LiveChat checks credentials before the version header.
    if (request.headers.get("X-API-Version") !== "2") return json([400, { error: "X-API-Version header must be 2" }]);
    const body = parseBody(await request.text(), request.headers.get("Content-Type"));
    if (!body) return json([400, { error: "The request body is not valid form or JSON data" }]);
    let params: string[];
    try {
      params = match.pattern.exec(path)!.slice(1).map((p) => decodeURIComponent(p));
    } catch {
      return json([400, { error: "The path is not validly percent-encoded" }]);
    }
    return json(match.route({ state, params, query: url.searchParams, body, licence }));
  }

  /** Answers one request as LiveChat would (or as an injected fault says): never throws. */
  async function answer(request: MockRequest): Promise<MockAnswer> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return json([400, { error: "The request URL is not valid" }]);
    }
    const method = request.method.toUpperCase();
    const delay = delays.take(method, pathOf(url));
    if (delay !== undefined) {
      await sleep(delay, request.signal).catch(() => undefined); // or less, if the caller goes away
      // A request whose caller gave up while it was held is dropped, not performed, so a
      // client's retry after a timeout meets the state it expects.
      if (request.signal.aborted) return NETWORK_ERROR;
    }
    const fault = faults.take(method, pathOf(url));
    if (fault) return faultAnswer(fault);
    try {
      return await perform(request, url);
    } catch {
      return json([400, { error: "The request could not be read" }]);
    }
  }

  /**
   * Answers one request as LiveChat would, and fails as fetch fails: rejects with a TypeError
   * when a fault drops the connection, and with the signal's reason once the request is aborted.
   */
  async function handle(request: Request): Promise<Response> {
    if (request.signal.aborted) throw request.signal.reason; // never sent: nothing is performed
    const reply = await unlessAborted(answer(request), request.signal);
    if (reply === NETWORK_ERROR) throw droppedConnection();
    return toResponse(reply);
  }

  const mock = {
    /** The base URL it answers, without a trailing slash. */
    get baseUrl(): string {
      return baseUrl;
    },
    /**
     * Answers one request as LiveChat would, and fails as fetch fails: rejects with a TypeError
     * when a fault drops the connection, and with the signal's reason once the request is aborted.
     */
    handle,
    /**
     * `handle` with fetch's signature: pass it as the client's `fetch`, or anywhere a fetch goes.
     * Like a fetch, it reaches only its own origin (`baseUrl`'s): a call to another fails as a
     * call to a host that is not there, so a client given another baseUrl is not answered anyway.
     */
    fetch: async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      if (!request.url.startsWith(originPrefix)) throw wrongOrigin(request.url, origin);
      return handle(request);
    },
    /** The account's webhooks, tags, and each chat's and ticket's tags. */
    get state(): MockState {
      return state;
    },
    /** Back to the seed; pending faults and delays, targeted or not, are dropped. */
    reset(): void {
      state = stateFrom(seed, licence);
      faults.clear();
      delays.clear();
    },
    /**
     * Answers the next request (one per call, in order) with this fault instead of performing
     * it; with a `target`, the next request that `target` names: `{ method: "DELETE", path:
     * "/tags/{tag}" }`, `{ path: "/tags/sales" }`.
     */
    failNext(fault: MockFault, target?: MockTarget): void {
      checkFault(fault);
      faults.add(fault, targetMatcher("failNext", target));
    },
    /** Holds the next request (one per call, in order), or the next one `target` names, for `ms` before answering it. */
    delayNext(ms: number, target?: MockTarget): void {
      checkDelay(ms);
      delays.add(ms, targetMatcher("delayNext", target));
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
