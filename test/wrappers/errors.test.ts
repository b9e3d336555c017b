import { createServer } from "node:net";
import { inspect } from "node:util";
import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import {
  createLiveChatClient,
  isLiveChatApiError,
  isLiveChatConnectionError,
  isLiveChatError,
  isLiveChatInputError,
  isLiveChatTimeoutError,
  LiveChatApiError,
  LiveChatConnectionError,
  LiveChatError,
  LiveChatInputError,
  LiveChatTimeoutError,
} from "../../src/index.js";
import { createLiveChatRawClient } from "../../src/raw/index.js";
import { API_KEY, BASIC, LOGIN, TOKEN } from "../helpers/fixtures.js";
import { allowContractViolations, answer, BASE, DROPPED_CONNECTION, HttpResponse, sent, TRANSPORT, unmockedFetch, useWire } from "../helpers/wire.js";

useWire();

const client = () => createLiveChatClient({ auth: { login: LOGIN, apiKey: API_KEY }, maxRetries: 0 });
const rawClient = () => createLiveChatRawClient({ auth: { login: LOGIN, apiKey: API_KEY }, maxRetries: 0 });

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to reject");
}

describe("LiveChatApiError", () => {
  test.each([
    ["{error}", 401, JSON.stringify({ error: "You have no rights to access this data. Check your API Key and/or username" }), "application/json",
      ["You have no rights to access this data. Check your API Key and/or username"],
      "401 Unauthorized: GET https://api.livechatinc.com/tags — You have no rights to access this data. Check your API Key and/or username"],
    ["{errors: [...]}", 400, JSON.stringify({ errors: ["group is required", "tag is required"] }), "application/json",
      ["group is required", "tag is required"],
      "400 Bad Request: GET https://api.livechatinc.com/tags — group is required; tag is required"],
    ["{errors: string}", 400, JSON.stringify({ errors: "bad group" }), "application/json",
      ["bad group"], "400 Bad Request: GET https://api.livechatinc.com/tags — bad group"],
    ["an HTML page", 502, "<html><body>Bad gateway</body></html>", "text/html",
      ["Bad Gateway"], "502 Bad Gateway: GET https://api.livechatinc.com/tags — Bad Gateway"],
    ["an empty body", 404, "", "application/json",
      ["Not Found"], "404 Not Found: GET https://api.livechatinc.com/tags — Not Found"],
    ["malformed JSON", 500, '{"error": "trunc', "application/json",
      ["Internal Server Error"], "500 Internal Server Error: GET https://api.livechatinc.com/tags — Internal Server Error"],
  ])("reads %s", async (_, status, body, type, messages, message) => {
    if (!isJson(body)) allowContractViolations(); // what a proxy, not the API, sends
    answer(() => new HttpResponse(body, { status, headers: { "Content-Type": type } }));
    const error = await failure(client().tags.list());
    expect(error).toBeInstanceOf(LiveChatApiError);
    expect(error).toBeInstanceOf(LiveChatError);
    expect(error.name).toBe("LiveChatApiError");
    expect(error.status).toBe(status);
    expect(error.method).toBe("GET");
    expect(error.url).toBe(`${BASE}/tags`);
    expect(error.messages).toEqual(messages);
    expect(error.message).toBe(message);
    expect(error.headers["content-type"]).toBe(type);
    expect(error.body).toEqual(type === "application/json" && body.startsWith("{\"error") && body.endsWith("}") ? JSON.parse(body) : body);
  });

  test.each([
    ["an HTML page from a proxy", "<html>maintenance</html>", "text/html", "the response body is not JSON (text/html)"],
    ["truncated JSON", '{"events": [', "application/json", "the response body is not JSON (application/json)"],
    ["an empty body", "", "application/json", "the response has an empty body where JSON was expected"],
  ])("a 2xx answer with %s rejects with LiveChatApiError, not a SyntaxError", async (_, body, type, problem) => {
    allowContractViolations();
    answer(() => new HttpResponse(body, { status: 200, headers: { "Content-Type": type } }));
    const error = await failure(client().webhooks.list());
    expect(error).toBeInstanceOf(LiveChatApiError);
    expect(error.message).toBe(`200 OK: GET ${BASE}/webhooks — ${problem}`);
    expect(error.body).toBe(body);
  });

  test("raw rejects a 2xx answer without JSON too", async () => {
    allowContractViolations();
    answer(() => new HttpResponse("<html/>", { status: 200 }));
    const error = await failure(rawClient().GET("/tags"));
    expect(isLiveChatApiError(error)).toBe(true);
  });
});

describe("LiveChatConnectionError", () => {
  test("wraps a network failure with its cause", async () => {
    answer(() => HttpResponse.error());
    const error = await failure(client().tags.list());
    expect(error).toBeInstanceOf(LiveChatConnectionError);
    expect(error.name).toBe("LiveChatConnectionError");
    // Under msw, fetch's cause is the handler's network-error Response, described; undici sees the socket close.
    const detail = TRANSPORT === "fetch" ? ": the connection ended without an answer (a network error Response, such as a mock's Response.error())" : "";
    expect(error.message).toBe(`Connection failed: GET ${BASE}/tags — ${DROPPED_CONNECTION}${detail}`);
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause.message).toBe(DROPPED_CONNECTION);
  });

  test("under msw, the cause chain says the connection ended, not [object Response]", async () => {
    answer(() => HttpResponse.error());
    const error = await failure(client().tags.list());
    // msw's fetch rejects with the handler's Response as its cause; the undici run sees a real socket close.
    const expected = TRANSPORT === "fetch"
      ? [DROPPED_CONNECTION, "the connection ended without an answer (a network error Response, such as a mock's Response.error())"]
      : [DROPPED_CONNECTION, undefined];
    expect([error.cause.message, error.cause.cause?.message]).toEqual(expected);
  });

  test("a refused loopback connection names the OS error in its cause chain", async () => {
    const port = await closedPort();
    const c = createLiveChatClient({ auth: { accessToken: TOKEN }, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0, fetch: unmockedFetch });
    const error = await failure(c.tags.list());
    expect(isLiveChatConnectionError(error)).toBe(true);
    // fetch's own "fetch failed" says nothing; the message names the OS error under it.
    expect(error.message).toBe(`Connection failed: GET http://127.0.0.1:${port}/tags — fetch failed: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(error.cause.cause.code).toBe("ECONNREFUSED");
  });
});

describe("no secret is reachable from an error", () => {
  const secrets = [API_KEY, TOKEN, BASIC.slice("Basic ".length)];
  const views = (error: any) => [
    error.message,
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error.headers ?? {}),
    inspect(error.cause, { depth: 10, showHidden: true }),
    JSON.stringify(error.body ?? ""),
    JSON.stringify(error.messages ?? []),
  ];
  const expectClean = (error: unknown) => {
    for (const view of views(error)) for (const secret of secrets) expect(view).not.toContain(secret);
  };

  test("an API error whose body and headers echo the credentials", async () => {
    answer(({ request }) =>
      HttpResponse.json(
        { error: `bad key ${API_KEY} for ${request.headers.get("authorization")}`, errors: [API_KEY] },
        { status: 401, headers: { "WWW-Authenticate": `Basic realm="${API_KEY}"`, "Set-Cookie": `s=${API_KEY}` } },
      ),
    );
    const error = await failure(client().tags.list());
    expect(error.messages).toEqual(["bad key [REDACTED] for Basic [REDACTED]", "[REDACTED]"]);
    expect(error.headers["set-cookie"]).toBe("[REDACTED]");
    expectClean(error);
  });

  test("credentials echoed percent-encoded, in the body and a redirect's Location", async () => {
    const key = "c0ffee:secret/api+key"; // characters that percent-encoding changes
    const encoded = encodeURIComponent(key);
    answer(() =>
      HttpResponse.json(
        { error: `bad key ${encoded} or ${encoded.toLowerCase()}`, errors: [`${encodeURIComponent(`${LOGIN}:${key}`)}`, `token=${encodeURIComponent(TOKEN)}`] },
        { status: 400, headers: { Location: `https://example.com/x?key=${encoded}` } },
      ),
    );
    const basic = await failure(createLiveChatClient({ auth: { login: LOGIN, apiKey: key }, maxRetries: 0 }).tags.list());
    expect(basic.messages).toEqual(["bad key [REDACTED] or [REDACTED]", `${encodeURIComponent(`${LOGIN}:`)}[REDACTED]`, `token=${encodeURIComponent(TOKEN)}`]);
    expect(basic.headers.location).toBe("https://example.com/x?key=[REDACTED]");
    for (const view of views(basic)) for (const secret of [key, encoded, encoded.toLowerCase()]) expect(view).not.toContain(secret);
    const bearer = await failure(createLiveChatClient({ auth: { accessToken: TOKEN }, maxRetries: 0 }).tags.list());
    expect(bearer.messages).toContain("token=[REDACTED]");
    expectClean(bearer);
  });

  test("a bearer token echoed in a 2xx answer that is not JSON", async () => {
    allowContractViolations();
    answer(({ request }) => new HttpResponse(`<p>${request.headers.get("authorization")}</p>`, { status: 200 }));
    const error = await failure(createLiveChatClient({ auth: { accessToken: TOKEN } }).tags.list());
    expect(error.body).toBe("<p>Bearer [REDACTED]</p>");
    expectClean(error);
  });

  test("a custom fetch whose error carries the request's headers", async () => {
    const c = createLiveChatClient({
      auth: { login: LOGIN, apiKey: API_KEY },
      maxRetries: 0,
      fetch: async (_url, init) => {
        const error = new Error(`socket hang up sending ${new Headers(init.headers).get("authorization")}`);
        throw Object.assign(error, { config: { headers: init.headers }, cause: new Error(`key ${API_KEY}`) });
      },
    });
    const error = await failure(c.tags.list());
    expect(error.message).toBe(`Connection failed: GET ${BASE}/tags — socket hang up sending Basic [REDACTED]: key [REDACTED]`);
    expect(error.cause.config).toBeUndefined();
    expect(error.cause.cause.message).toBe("key [REDACTED]");
    expectClean(error);
  });

  test("an input error about a bad token does not echo it", async () => {
    const error = await failure(createLiveChatClient({ auth: { accessToken: async () => `${TOKEN}\n` } }).tags.list());
    expect(error).toBeInstanceOf(LiveChatInputError);
    expectClean(error);
    expect(sent).toHaveLength(0);
  });
});

describe("type guards", () => {
  test.each([
    [new LiveChatApiError({ status: 500, method: "GET", url: "u", headers: {}, body: "" }), "isLiveChatApiError"],
    [new LiveChatConnectionError({ method: "GET", url: "u", cause: new Error("x") }), "isLiveChatConnectionError"],
    [new LiveChatTimeoutError({ method: "GET", url: "u", timeoutMs: 1 }), "isLiveChatTimeoutError"],
    [new LiveChatInputError("x"), "isLiveChatInputError"],
  ])("%s is recognised by %s and by no other guard", (error, guard) => {
    const guards = { isLiveChatApiError, isLiveChatConnectionError, isLiveChatTimeoutError, isLiveChatInputError };
    for (const [name, fn] of Object.entries(guards)) expect(fn(error)).toBe(name === guard);
    expect(isLiveChatError(error)).toBe(true);
  });

  test("reject look-alikes without the brand", () => {
    expect(isLiveChatApiError({ name: "LiveChatApiError" })).toBe(false);
    expect(isLiveChatError(new Error("x"))).toBe(false);
    expect(isLiveChatError(null)).toBe(false);
  });

  test("work across realms, where instanceof does not", async () => {
    const { LiveChatApiError: Foreign } = runInNewContext(
      `const BRAND = Symbol.for("livechat-rest-v2.error");
       class LiveChatApiError extends Error { constructor() { super("x"); this.name = "LiveChatApiError"; Object.defineProperty(this, BRAND, { value: true }); } }
       ({ LiveChatApiError })`,
    );
    const foreign = new Foreign();
    expect(foreign instanceof LiveChatApiError).toBe(false);
    expect(isLiveChatApiError(foreign)).toBe(true);
    expect(isLiveChatError(foreign)).toBe(true);
  });
});
