// No way around the client's guarantees through the raw client: per-call options that would
// skip the transport or the encoders are refused, a per-call base URL and whatever middleware
// sends are held to the baseUrl rules, and an empty array never goes out as an empty form.
import { inspect } from "node:util";
import { http } from "msw";
import { describe, expect, test, vi } from "vitest";
import { LiveChatInputError } from "../../src/index.js";
import { createLiveChatRawClient, PlainRequest } from "../../src/raw/index.js";
import { API_KEY, BASIC, LOGIN, TOKEN } from "../helpers/fixtures.js";
import { allowContractViolations, answer, answerJson, BASE, HttpResponse, sent, server, useWire } from "../helpers/wire.js";

useWire();

const raw = () => createLiveChatRawClient({ auth: { login: LOGIN, apiKey: API_KEY }, maxRetries: 0 });
/** The raw client as plain JavaScript sees it: no types to stop a call. */
const untyped = () => raw() as unknown as Record<string, (path: string, init?: object) => Promise<unknown>>;
const chat = { params: { path: { chat_id: "MH0NQTLD8B" } } };
const EMPTY_TAGS =
  'Body field "tag[]" is an empty array: a form cannot carry one (no "tag[]" key would be sent; a tag update without tags clears every tag of the chat or ticket). Pass at least one value.';

async function refused(call: () => Promise<unknown>, message: string): Promise<void> {
  const error = await call().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LiveChatInputError);
  expect((error as Error).message).toBe(message);
  expect(sent).toHaveLength(0);
}

describe("per-call options that would go around the client", () => {
  test("a per-call http:// baseUrl is refused before the Basic credentials go anywhere", async () => {
    answerJson([]);
    await refused(
      () => raw().GET("/tags", { baseUrl: "http://evil.example" }),
      "baseUrl must use https:// (plain http is allowed only for loopback hosts: localhost, [::1] and 127.0.0.0/8 such as 127.0.0.1); got http://evil.example.",
    );
    await refused(() => raw().GET("/tags", { baseUrl: "https://user:pw@api.livechatinc.com" }), "baseUrl must not carry credentials; pass them as the auth option.");
  });

  test("a per-call https baseUrl is held to the same rules and used", async () => {
    allowContractViolations(); // the contract check knows the spec's base URL only
    answerJson([]);
    await raw().GET("/tags", { baseUrl: `${BASE}/proxy/` });
    expect(sent.map((s) => [s.url, s.headers.authorization])).toEqual([[`${BASE}/proxy/tags`, BASIC]]);
  });

  test("a per-call fetch is refused, and never called", async () => {
    const perCall = vi.fn(async () => HttpResponse.json([]));
    answerJson([]);
    await refused(
      () => untyped().GET!("/tags", { fetch: perCall }),
      "fetch cannot be passed per call: every call goes through the client's transport (auth, timeouts, retries, scrubbed errors); pass fetch to createLiveChatRawClient instead.",
    );
    expect(perCall).not.toHaveBeenCalled();
  });

  test.each([
    ["bodySerializer", () => "", "the client form-encodes every body as LiveChat expects"],
    ["pathSerializer", (url: string) => url.replace("{chat_id}", ".."), "the client encodes each path value as exactly one segment"],
    ["querySerializer", () => "callback=x", "the client encodes the query as the spec says"],
    ["Request", Request, "the raw client builds its own requests (middleware may replace one with a PlainRequest)"],
  ])("a per-call %s is refused", async (option, value, why) => {
    answerJson({ chats: [] });
    await refused(() => untyped().PUT!("/chats/{chat_id}/tags", { ...chat, body: { "tag[]": ["sales"] }, [option]: value }), `${option} cannot be passed per call: ${why}.`);
  });

  test("an option the raw client does not take is refused, not ignored", async () => {
    answerJson([]);
    await refused(
      () => untyped().GET!("/tags", { redirect: "follow" }),
      'Unknown option "redirect" for a raw call; it takes params, body, headers, signal, timeoutMs, baseUrl, parseAs, middleware.',
    );
  });

  test.each([
    [{ timeoutMs: 0 }, "timeoutMs must be a positive whole number of milliseconds (at most 2147483647)."],
    [{ signal: "soon" }, "signal must be an AbortSignal (for example AbortSignal.timeout(5000))."],
    [{ parseAs: "xml" }, "parseAs must be one of json, text, blob, arrayBuffer, stream."],
    [{ params: { header: { "X-API-Version": 3 } } }, "params.header: the client sets X-API-Version itself; use the auth and apiVersion options instead of a header."],
    [{ params: { header: { Authorization: "Bearer other" } } }, "params.header: the client sets Authorization itself; use the auth and apiVersion options instead of a header."],
  ])("refuses %j", async (init, message) => {
    answerJson([]);
    await refused(() => untyped().GET!("/tags", init), message);
  });

  test("params.header may repeat the X-API-Version the client sends", async () => {
    answerJson([]);
    await raw().GET("/tags", { params: { header: { "X-API-Version": 2 } } });
    expect(sent[0]!.headers["x-api-version"]).toBe("2");
  });

  test.each([
    ["http://evil.example/tags", "Middleware sent the request to http://evil.example, not to the call's base URL https://api.livechatinc.com: credentials go only to the API's origin. Return a PlainRequest whose URL starts with https://api.livechatinc.com/."],
    ["http://api.livechatinc.com/tags", "Middleware sent the request to http://api.livechatinc.com, not to the call's base URL https://api.livechatinc.com: credentials go only to the API's origin. Return a PlainRequest whose URL starts with https://api.livechatinc.com/."],
    ["https://api.livechatinc.com:8443/tags", "Middleware sent the request to https://api.livechatinc.com:8443, not to the call's base URL https://api.livechatinc.com: credentials go only to the API's origin. Return a PlainRequest whose URL starts with https://api.livechatinc.com/."],
    ["https://user:pw@api.livechatinc.com/tags", "The request URL must not carry credentials; the client sends them as the auth option says."],
    ["/tags", "Middleware returned a request whose URL is not absolute; return a PlainRequest whose URL starts with https://api.livechatinc.com/."],
    ["data:text/plain,tags", "Middleware sent the request to data:, not to the call's base URL https://api.livechatinc.com: credentials go only to the API's origin. Return a PlainRequest whose URL starts with https://api.livechatinc.com/."],
    ["ftp://api.livechatinc.com/tags", "Middleware sent the request to ftp://api.livechatinc.com, not to the call's base URL https://api.livechatinc.com: credentials go only to the API's origin. Return a PlainRequest whose URL starts with https://api.livechatinc.com/."],
  ])("middleware that sends the request to %s is refused", async (url, message) => {
    answerJson([]);
    const client = raw();
    client.use({ onRequest: ({ request }) => new PlainRequest(url, request) });
    await refused(() => client.GET("/tags"), message);
  });

  test("a second argument that is not an object is refused; null is none", async () => {
    answerJson([]);
    await refused(() => untyped().GET!("/tags", "group=1" as never), "A raw call's second argument must be an object such as { params, body }.");
    await untyped().GET!("/tags", null as never);
    expect(sent).toHaveLength(1);
  });
});

// Nothing a user passes can send the call elsewhere: what middleware returns keeps the origin
// and base path of the call's base URL (the client's, or the call's own), or nothing is sent.
describe("what middleware returns keeps the call's origin and base path", () => {
  const evil = () => {
    const reached: string[] = [];
    server.use(
      http.all("https://evil.example.com/*", ({ request }) => {
        reached.push(`${request.method} ${request.url} ${request.headers.get("authorization")}`);
        return HttpResponse.json([]);
      }),
    );
    return reached;
  };

  test("a request moved to another host is refused before the token leaves, and the error holds no secret", async () => {
    const reached = evil();
    const client = createLiveChatRawClient({ auth: { accessToken: TOKEN }, baseUrl: "http://127.0.0.1:8787", maxRetries: 0 });
    client.use({ onRequest: ({ request }) => new PlainRequest("https://evil.example.com/tags", request) });
    const error = await client.GET("/tags").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveChatInputError);
    expect((error as Error).message).toBe(
      "Middleware sent the request to https://evil.example.com, not to the call's base URL http://127.0.0.1:8787: credentials go only to the API's origin. Return a PlainRequest whose URL starts with http://127.0.0.1:8787/.",
    );
    expect(reached).toEqual([]);
    expect(sent).toHaveLength(0);
    for (const text of [String(error), JSON.stringify(error), inspect(error), inspect(error, { showHidden: true, depth: null })]) {
      expect(text).not.toContain("SECRET-oauth-token");
    }
  });

  test.each([
    ["the client's origin, from a call with its own baseUrl", "https://proxy.example.com/livechat", "https://api.livechatinc.com/tags",
      "Middleware sent the request to https://api.livechatinc.com, not to the call's base URL https://proxy.example.com/livechat: credentials go only to the API's origin. Return a PlainRequest whose URL starts with https://proxy.example.com/livechat/."],
    ["out of the call's base path", `${BASE}/proxy`, `${BASE}/tags`,
      "Middleware sent the request to /tags, outside the call's base URL https://api.livechatinc.com/proxy; return a PlainRequest whose URL starts with https://api.livechatinc.com/proxy/."],
    ["out of the call's base path by a dot segment", `${BASE}/proxy`, `${BASE}/proxy/../tags`,
      "Middleware sent the request to /tags, outside the call's base URL https://api.livechatinc.com/proxy; return a PlainRequest whose URL starts with https://api.livechatinc.com/proxy/."],
    ["out of the call's base path by an encoded dot segment", `${BASE}/proxy`, `${BASE}/proxy/%2e%2e/tags`,
      "Middleware sent the request to /tags, outside the call's base URL https://api.livechatinc.com/proxy; return a PlainRequest whose URL starts with https://api.livechatinc.com/proxy/."],
  ])("a call with a per-call baseUrl, sent by middleware to %s, is refused", async (_, baseUrl, url, message) => {
    const reached = evil();
    answerJson([]);
    const client = raw();
    client.use({ onRequest: ({ request }) => new PlainRequest(url, request) });
    await refused(() => client.GET("/tags", { baseUrl }), message);
    expect(reached).toEqual([]);
  });

  test("an extra path segment after the base URL is another endpoint, refused", async () => {
    answerJson([]);
    const client = raw();
    client.use({ onRequest: ({ request }) => new PlainRequest(`${BASE}/v3/tags`, request) });
    await refused(
      () => client.GET("/tags"),
      "Middleware turned the request into GET /v3/tags, which is not an operation of the API; return a PlainRequest for one of PUT /chats/{chat_id}/tags, GET /tags, POST /tags, DELETE /tags/{tag}, PUT /tickets/{ticket_id}/tags, GET /webhooks, POST /webhooks, DELETE /webhooks/{webhook_id}.",
    );
  });

  test("a secret that middleware writes into the URL is scrubbed from the error", async () => {
    answerJson([]);
    const client = raw();
    client.use({ onRequest: ({ request }) => new PlainRequest(`https://${API_KEY}.evil.example.com/tags`, request) });
    await refused(
      () => client.GET("/tags"),
      "Middleware sent the request to https://[REDACTED].evil.example.com, not to the call's base URL https://api.livechatinc.com: credentials go only to the API's origin. Return a PlainRequest whose URL starts with https://api.livechatinc.com/.",
    );
    const other = raw();
    other.use({ onRequest: ({ request }) => new PlainRequest(`${BASE}/${API_KEY}/tags`, request) });
    const error = await other.GET("/tags").catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^Middleware turned the request into GET \/\[REDACTED\]\/tags, which is not an operation of the API;/);
    expect(sent).toHaveLength(0);
  });

  test("middleware that keeps the call's base URL sends there, with the credentials", async () => {
    allowContractViolations(); // the contract check knows the spec's base URL only
    answerJson([]);
    const client = raw();
    client.use({ onRequest: ({ request }) => new PlainRequest(`${request.url}?group=2`, request) });
    await client.GET("/tags", { baseUrl: `${BASE}/proxy/` });
    const under = createLiveChatRawClient({ auth: { login: LOGIN, apiKey: API_KEY }, baseUrl: `${BASE}/proxy` });
    // The same origin written another way (case, the default port) is the same origin: compared parsed, not as text.
    under.use({ onRequest: ({ request }) => new PlainRequest(request.url.replace(BASE, "HTTPS://API.LiveChatInc.com:443"), request) });
    await under.GET("/tags");
    expect(sent.map((s) => [s.method, s.url, s.headers.authorization])).toEqual([
      ["GET", `${BASE}/proxy/tags?group=2`, BASIC],
      ["GET", `${BASE}/proxy/tags`, BASIC],
    ]);
  });
});

describe("an empty array in a form body", () => {
  test("is refused before anything is sent, not sent as an empty body that clears the chat's tags", async () => {
    answerJson({ chats: [] });
    await refused(() => untyped().PUT!("/chats/{chat_id}/tags", { ...chat, body: { "tag[]": [] } }), EMPTY_TAGS);
    await refused(() => untyped().PUT!("/tickets/{ticket_id}/tags", { params: { path: { ticket_id: "5FUED" } }, body: { "tag[]": [] } }), EMPTY_TAGS);
    await refused(
      () => untyped().POST!("/webhooks", { body: { event_type: "chat_ended", "data_types[]": [], url: "https://example.com/h" } }),
      'Body field "data_types[]" is an empty array: a form cannot carry one (no "data_types[]" key would be sent). Pass at least one value.',
    );
  });

  test("one tag goes out as one tag[] key", async () => {
    answer(() => HttpResponse.json({ chats: [] }));
    await raw().PUT("/chats/{chat_id}/tags", { ...chat, body: { "tag[]": ["sales"] } });
    expect(sent.map((s) => s.body)).toEqual(["tag[]=sales"]);
  });
});

describe("what middleware sends is still one of the spec's operations", () => {
  const NO_TAGS = "A tag update must name at least one tag (tag[]=…), each non-empty: one without tags clears every tag of the chat or ticket. Middleware changed the body to one that does not.";
  test.each([
    ["no body at all", null, NO_TAGS],
    ["an empty body", "", NO_TAGS],
    ["a body without tag[]", "tag=sales", 'Middleware gave PUT /chats/{chat_id}/tags a body field "tag", which it does not take; it takes tag[].'],
    ["an empty tag", "tag[]=sales&tag[]=", NO_TAGS],
  ])("a tag update whose body middleware changed to %s is refused, not sent", async (_, body, message) => {
    answerJson({ chats: [] });
    const client = raw();
    client.use({ onRequest: ({ request }) => new PlainRequest(request, { body }) });
    await refused(() => client.PUT("/chats/{chat_id}/tags", { ...chat, body: { "tag[]": ["sales"] } }), message);
  });

  test("indexed tag keys from middleware (as the PHP client sends them) are a tag update too", async () => {
    answerJson({ chats: [] });
    allowContractViolations(); // the spec names the [] form
    const client = raw();
    client.use({ onRequest: ({ request }) => new PlainRequest(request, { body: "tag[0]=sales&tag[1]=vip" }) });
    await client.PUT("/chats/{chat_id}/tags", { ...chat, body: { "tag[]": ["sales"] } });
    expect(sent.map((s) => s.body)).toEqual(["tag[0]=sales&tag[1]=vip"]);
  });

  test("middleware that turns the call into another endpoint is refused", async () => {
    answerJson([]);
    const client = raw();
    client.use({ onRequest: ({ request }) => new PlainRequest(request.url.replace("/tags", "/agents"), request) });
    await refused(
      () => client.GET("/tags"),
      "Middleware turned the request into GET /agents, which is not an operation of the API; return a PlainRequest for one of PUT /chats/{chat_id}/tags, GET /tags, POST /tags, DELETE /tags/{tag}, PUT /tickets/{ticket_id}/tags, GET /webhooks, POST /webhooks, DELETE /webhooks/{webhook_id}.",
    );
  });

  test("middleware that adds a body to an operation that takes none is refused", async () => {
    answerJson({ result: "ok" });
    const client = raw();
    client.use({ onRequest: ({ request }) => new PlainRequest(request, { body: "x=1" }) });
    await refused(() => client.DELETE("/webhooks/{webhook_id}", { params: { path: { webhook_id: "abc" } } }), "Middleware gave DELETE /webhooks/{webhook_id} a body, which it does not take.");
  });

  test("a body passed to an operation that takes none is refused before sending, not retried as a connection error", async () => {
    answerJson([]);
    await refused(() => untyped().GET!("/tags", { body: { group: 1 } }), "GET /tags takes no body; pass its parameters in params (path, query) instead.");
  });

  test("middleware that returns a Request is told to return a PlainRequest", async () => {
    answerJson([]);
    const client = raw();
    client.use({ onRequest: (({ request }: { request: PlainRequest }) => new Request(request.url)) as never });
    await refused(
      () => client.GET("/tags"),
      "onRequest must return a PlainRequest (new PlainRequest(request, changes), from livechat-rest-v2/raw), a Response, or nothing; not a Request.",
    );
  });
});

describe("a non-2xx answer, which becomes `error`", () => {
  test("is scrubbed as the parsed JSON the caller gets, so escapes in the JSON text (as PHP writes them) hide nothing", async () => {
    // PHP's json_encode escapes "/" as "\/" and non-ASCII as "\uXXXX": the secrets are not in the text as such.
    const php = (text: string) => JSON.stringify(text).replace(/\//g, "\\/").replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    // (An API key is visible ASCII, refused otherwise; the "\/" escape is what can hide it.)
    const apiKey = "????key/secret-k3y";
    answer(({ request }) => new HttpResponse(`{"error":${php(`Invalid credentials ${request.headers.get("authorization")} (key ${apiKey})`)}}`, { status: 401, headers: { "Content-Type": "application/json" } }));
    const client = createLiveChatRawClient({ auth: { login: "a", apiKey }, maxRetries: 0 });
    const { error } = await client.GET("/tags");
    expect(error).toEqual({ error: "Invalid credentials Basic [REDACTED] (key [REDACTED])" });
  });

  test("has the credentials scrubbed from its body and headers, as a LiveChatApiError would", async () => {
    answer(({ request }) =>
      HttpResponse.json(
        { error: `bad auth ${request.headers.get("authorization")} key ${API_KEY}` },
        { status: 401, headers: { "X-Echo": request.headers.get("authorization")!, "Set-Cookie": `s=${API_KEY}` } },
      ),
    );
    const { error, response } = await raw().GET("/tags");
    expect(error).toEqual({ error: "bad auth Basic [REDACTED] key [REDACTED]" });
    expect(response.headers.get("x-echo")).toBe("Basic [REDACTED]");
    expect(response.headers.get("set-cookie")).toBe("[REDACTED]");
    expect(JSON.stringify(error) + [...response.headers].join()).not.toContain(API_KEY);
  });
});

describe("a webhook sent through the raw client passes the checks webhooks.create makes", () => {
  const hook = (body: Record<string, unknown>) => () => untyped().POST!("/webhooks", { body });
  test.each<[string, Record<string, unknown>, string]>([
    ["a data type the event does not send", { event_type: "chat_started", "data_types[]": ["ticket"], url: "https://example.com/h" },
      'data_types cannot include "ticket" with chat_started; pass some of: chat, visitor, pre_chat_survey.'],
    ["an unknown event type", { event_type: "chat_closed", "data_types[]": ["chat"], url: "https://example.com/h" },
      "event_type must be one of chat_started, chat_ended, chat_changed, visitor_queued, ticket_created, canned_response_changed."],
    ["an ftp url", { event_type: "chat_ended", "data_types[]": ["chat"], url: "ftp://example.com/h" },
      "url must be an http:// or https:// URL (LiveChat POSTs each event to it), such as https://example.com/livechat-webhook."],
    ["a password WHATWG reads as host ss", { event_type: "chat_ended", "data_types[]": ["chat"], url: "https://livechat:p@ss/w0rd@example.com/h" },
      "url has an @ after its host while a : comes before it, which URL parsers read as a host, a port or a password ending early (https://u:p@ss/w0rd@example.com goes to host ss); write a password's @, /, ?, # as %40, %2F, %3F, %23, and an @ in the path as %40."],
    ["no url", { event_type: "chat_ended", "data_types[]": ["chat"] }, "url must be an absolute URL, such as https://example.com/livechat-webhook."],
  ])("%s is refused before sending", async (_, body, message) => {
    answerJson({ events: [] });
    await refused(hook(body), message);
  });

  test("a valid one is sent as written; middleware that changes its url to a refused one is refused", async () => {
    answerJson({ events: [] });
    await untyped().POST!("/webhooks", { body: { event_type: "chat_ended", "data_types[]": ["chat", "visitor"], url: "https://livechat:p%40ss@example.com/h" } });
    expect(sent.map((s) => s.body)).toEqual(["event_type=chat_ended&data_types[]=chat&data_types[]=visitor&url=https%3A%2F%2Flivechat%3Ap%2540ss%40example.com%2Fh"]);
    sent.length = 0;
    const client = raw();
    client.use({ onRequest: ({ request }) => new PlainRequest(request, { body: "event_type=chat_ended&data_types%5B%5D=chat&url=javascript%3Aalert(1)" }) });
    const error = await client.POST("/webhooks", { body: { event_type: "chat_ended", "data_types[]": ["chat"], url: "https://example.com/h" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveChatInputError);
    expect((error as Error).message).toBe("url must be an http:// or https:// URL (LiveChat POSTs each event to it), such as https://example.com/livechat-webhook.");
    expect(sent).toHaveLength(0);
  });
});

describe("what middleware puts in a body is held to the operation's fields, each once", () => {
  const withBody = (extra: string) => {
    const client = raw();
    client.use({ onRequest: ({ request }) => new PlainRequest(request, { body: `${request.body}${extra}` }) });
    return client;
  };
  const webhook = { body: { event_type: "chat_ended", "data_types[]": ["chat"], url: "https://example.com/h" } } as const;

  test.each<[string, string, string]>([
    ["a second url (LiveChat's PHP reads the last: it would go unchecked)", `&url=${encodeURIComponent("https://u:p@ss/w0rd@evil.example/")}`,
      'Middleware gave POST /webhooks the body field "url" twice; LiveChat would read only the last: send it once.'],
    ["a second event_type", "&event_type=ticket_created", 'Middleware gave POST /webhooks the body field "event_type" twice; LiveChat would read only the last: send it once.'],
    ["a field the operation does not take", "&secret_flag=1", 'Middleware gave POST /webhooks a body field "secret_flag", which it does not take; it takes event_type, data_types[], url.'],
    ["a field whose name is not a field name", `&${encodeURIComponent("a b=c")}=1`, "Middleware gave POST /webhooks a body field (a name that is not a field name), which it does not take; it takes event_type, data_types[], url."],
  ])("%s is refused before sending", async (_, extra, message) => {
    answerJson({ events: [] });
    await refused(() => withBody(extra).POST("/webhooks", webhook), message);
  });

  test("more array items, in either of PHP's spellings, are sent", async () => {
    answerJson({ events: [] });
    await withBody("&data_types%5B%5D=visitor&data_types%5B1%5D=pre_chat_survey").POST("/webhooks", webhook);
    expect(sent.map((s) => s.body)).toEqual(["event_type=chat_ended&data_types[]=chat&url=https%3A%2F%2Fexample.com%2Fh&data_types%5B%5D=visitor&data_types%5B1%5D=pre_chat_survey"]);
  });

  test("a field whose name is a secret is not quoted", async () => {
    answerJson({ events: [] });
    await refused(() => withBody(`&${API_KEY}=1`).POST("/webhooks", webhook), 'Middleware gave POST /webhooks a body field "[REDACTED]", which it does not take; it takes event_type, data_types[], url.');
  });
});

describe("what middleware puts in a query is held to the operation's query parameters, each once", () => {
  const withQuery = (query: string) => {
    const client = raw();
    client.use({ onRequest: ({ request }) => new PlainRequest(`${request.url}${request.url.includes("?") ? "&" : "?"}${query}`, request) });
    return client;
  };
  test.each<[string, () => Promise<unknown>, string]>([
    ["a url on POST /webhooks (PHP's $_REQUEST reads the query too)",
      () => withQuery(`url=${encodeURIComponent("http://evil.example/")}`).POST("/webhooks", { body: { event_type: "chat_ended", "data_types[]": ["chat"], url: "https://example.com/h" } }),
      'Middleware gave POST /webhooks a query parameter "url", which it does not take; it takes no query parameters.'],
    ["an unknown query parameter on GET /tags", () => withQuery("foo=bar").GET("/tags"), 'Middleware gave GET /tags a query parameter "foo", which it does not take; it takes group.'],
    ["group twice on GET /tags", () => withQuery("group=abc").GET("/tags", { params: { query: { group: 1 } } }), 'Middleware gave GET /tags the query parameter "group" twice; send it once.'],
    ["a secret as a query key", () => withQuery(`${API_KEY}=1`).GET("/tags"), 'Middleware gave GET /tags a query parameter "[REDACTED]", which it does not take; it takes group.'],
  ])("%s is refused before sending", async (_, call, message) => {
    answerJson([]);
    await refused(call, message);
  });

  test("the operation's own query parameter, once, is sent", async () => {
    answerJson([]);
    await withQuery("group=2").GET("/tags");
    expect(sent.map((s) => s.url)).toEqual(["https://api.livechatinc.com/tags?group=2"]);
  });
});

test("an unknown raw option is quoted only when it looks like a name; a prototype key is unknown, not a fixed option", async () => {
  answerJson([]);
  await refused(() => untyped().GET!("/tags", { "https://u:hunter2secret@h/": 1 }), "Unknown option (a name that is not an option or field name) for a raw call; it takes params, body, headers, signal, timeoutMs, baseUrl, parseAs, middleware.");
  await refused(() => untyped().GET!("/tags", { constructor: 1 }), 'Unknown option "constructor" for a raw call; it takes params, body, headers, signal, timeoutMs, baseUrl, parseAs, middleware.');
});
