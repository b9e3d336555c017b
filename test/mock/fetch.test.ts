// The mock used as fetch fails as fetch fails: a dropped connection, a caller's timeout and an
// abort reject (they never resolve with a status-0 Response), so the client raises its own
// errors and retries what it should. Over msw, the connection error's cause says what happened.
import { beforeEach, describe, expect, test } from "vitest";
import { createLiveChatClient, LiveChatConnectionError, LiveChatTimeoutError, type LiveChatClientOptions } from "../../src/index.js";
import { createLiveChatMock } from "../../src/mock/index.js";
import { mswHandlers } from "../../src/mock/msw.js";
import { allowContractViolations, BASE, server, useWire } from "../helpers/wire.js";

useWire();

const credentials = { accessToken: "fetch-token" };
const headers = { Authorization: "Bearer fetch-token", "X-API-Version": "2" };
const DROPPED = "the LiveChat mock dropped the connection without an answer (failNext({ network: true }))";
const mock = createLiveChatMock({ credentials, seed: { tags: [{ name: "sales", group: 0 }] } });
/** Never ends by itself: a test that waits it out fails on the test timeout. */
const FOREVER_MS = 2 ** 31 - 1;

/** Requests the client sent through `handle`, as the README shows it, in order. */
let attempts: string[] = [];
const client = (options: Partial<LiveChatClientOptions> = {}) =>
  createLiveChatClient({
    auth: credentials,
    fetch: (url, init) => {
      attempts.push(`${init.method} ${url}`);
      return mock.handle(new Request(url, init));
    },
    ...options,
  });

beforeEach(() => {
  mock.reset();
  attempts = [];
});

describe("handle", () => {
  test("a dropped connection rejects with fetch's TypeError, its cause saying what happened", async () => {
    mock.failNext({ network: true });
    const error = await mock.handle(new Request(`${BASE}/tags`, { headers })).catch((e: unknown) => e);
    expect(error).toEqual(new TypeError("fetch failed"));
    expect((error as Error).cause).toEqual(Object.assign(new Error(DROPPED), { code: "ECONNRESET" }));
  });

  test("an aborted request rejects with the signal's reason and is not performed", async () => {
    const reason = new Error("gone");
    const init = { method: "POST", headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body: "tag=vip&group=0&author=a%40b.c", signal: AbortSignal.abort(reason) };
    await expect(mock.handle(new Request(`${BASE}/tags`, init))).rejects.toBe(reason);
    expect(mock.state.tags.map((t) => t.name)).toEqual(["sales"]);
  });

  test("an abort while the request is held rejects at once, with the signal's reason", async () => {
    mock.delayNext(FOREVER_MS);
    const controller = new AbortController();
    const pending = mock.handle(new Request(`${BASE}/tags`, { headers, signal: controller.signal }));
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});

describe("handle as the client's fetch", () => {
  test("a dropped connection is a LiveChatConnectionError whose cause says what happened", async () => {
    mock.failNext({ network: true });
    const error = await client({ maxRetries: 0 }).tags.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveChatConnectionError);
    expect((error as Error).message).toBe(`Connection failed: GET ${BASE}/tags — fetch failed: the LiveChat mock dropped the connection without an answer (failNext({ network: true }))`);
    const cause = (error as Error).cause as Error;
    expect([cause.name, cause.message, (cause.cause as Error).message]).toEqual(["TypeError", "fetch failed", DROPPED]);
  });

  test("a dropped connection is retried on a GET and not on a POST", async () => {
    mock.failNext({ network: true });
    await expect(client({ maxRetries: 1 }).tags.list()).resolves.toEqual([expect.objectContaining({ name: "sales" })]);
    expect(attempts).toEqual([`GET ${BASE}/tags`, `GET ${BASE}/tags`]);

    attempts = [];
    mock.failNext({ network: true });
    await expect(client({ maxRetries: 1 }).tags.create({ tag: "vip", group: 0, author: "a@b.c" })).rejects.toBeInstanceOf(LiveChatConnectionError);
    expect(attempts).toEqual([`POST ${BASE}/tags`]);
    expect(mock.state.tags.map((t) => t.name)).toEqual(["sales"]);
  });

  test("a delay past the client's timeout is a LiveChatTimeoutError; a GET is retried", async () => {
    mock.delayNext(FOREVER_MS);
    const error = await client({ maxRetries: 0, timeoutMs: 100 }).tags.list().catch((e: unknown) => e);
    expect(error).toEqual(new LiveChatTimeoutError({ method: "GET", url: `${BASE}/tags`, timeoutMs: 100 }));

    attempts = [];
    mock.delayNext(FOREVER_MS);
    await expect(client({ maxRetries: 1, timeoutMs: 100 }).tags.list()).resolves.toHaveLength(1);
    expect(attempts).toEqual([`GET ${BASE}/tags`, `GET ${BASE}/tags`]);
  });

  test("a POST held past the client's timeout is not repeated, and the held request is dropped", async () => {
    mock.delayNext(300);
    const error = await client({ maxRetries: 2, timeoutMs: 100 }).tags.create({ tag: "vip", group: 0, author: "a@b.c" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveChatTimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the end of the delay
    expect(attempts).toEqual([`POST ${BASE}/tags`]);
    expect(mock.state.tags.map((t) => t.name)).toEqual(["sales"]);
  });

  test("the caller's abort rejects with its reason and is not retried", async () => {
    mock.delayNext(FOREVER_MS);
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    const pending = client({ maxRetries: 2 }).tags.list(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
    expect(attempts).toEqual([`GET ${BASE}/tags`]);
  });
});

describe("mock.fetch", () => {
  test("takes fetch's arguments and answers as handle does", async () => {
    const viaString = await mock.fetch(`${BASE}/tags`, { headers });
    const viaUrl = await mock.fetch(new URL(`${BASE}/tags`), { headers });
    const viaRequest = await mock.fetch(new Request(`${BASE}/tags`, { headers }));
    expect(await Promise.all([viaString, viaUrl, viaRequest].map((r) => r.json()))).toEqual([
      [expect.objectContaining({ name: "sales" })],
      [expect.objectContaining({ name: "sales" })],
      [expect.objectContaining({ name: "sales" })],
    ]);
    mock.failNext({ network: true });
    await expect(mock.fetch(`${BASE}/tags`, { headers })).rejects.toThrow(new TypeError("fetch failed"));
  });

  test("reaches only the mock's own origin: a client given another baseUrl is not answered anyway", async () => {
    const elsewhere = createLiveChatClient({ auth: credentials, fetch: mock.fetch, maxRetries: 0, baseUrl: "https://livechat.example.com" });
    const error = await elsewhere.tags.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveChatConnectionError);
    expect((error as Error).message).toBe(
      "Connection failed: GET https://livechat.example.com/tags — fetch failed: the LiveChat mock answers https://api.livechatinc.com, not https://livechat.example.com: give the client the mock's baseUrl (createLiveChatMock's baseUrl option, default https://api.livechatinc.com)",
    );
    expect(mock.state.tags.map((t) => t.name)).toEqual(["sales"]);
  });

  test("is the client's fetch as it is", async () => {
    const livechat = createLiveChatClient({ auth: credentials, fetch: mock.fetch, maxRetries: 0 });
    await livechat.tags.create({ tag: "vip", group: 0, author: "a@b.c" });
    expect((await livechat.tags.list()).map((t) => t.name)).toEqual(["sales", "vip"]);
  });
});

describe("mswHandlers", () => {
  test("a dropped connection fails the fetch, and the connection error's cause says what happened", async () => {
    server.use(...mswHandlers(mock));
    allowContractViolations(); // a dropped connection is no answer the spec documents
    mock.failNext({ network: true });
    const error = await createLiveChatClient({ auth: credentials, maxRetries: 0 }).tags.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveChatConnectionError);
    // msw's network error: TypeError("Failed to fetch"), its cause the Response the handler returned.
    const cause = (error as Error).cause as Error;
    expect([cause.name, cause.message, (cause.cause as Error).message]).toEqual(["TypeError", "Failed to fetch", DROPPED]);
  });

  test("answer below the mock's baseUrl, its path included", async () => {
    const nested = createLiveChatMock({ credentials, baseUrl: "https://proxy.example.com/livechat/", seed: { tags: [{ name: "sales", group: 0 }] } });
    expect(nested.baseUrl).toBe("https://proxy.example.com/livechat");
    server.use(...mswHandlers(nested));
    allowContractViolations(); // the contract check knows the spec's server only
    const livechat = createLiveChatClient({ auth: credentials, baseUrl: "https://proxy.example.com/livechat" });
    expect((await livechat.tags.list()).map((t) => t.name)).toEqual(["sales"]);
  });
});
