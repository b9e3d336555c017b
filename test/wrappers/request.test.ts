// The raw client's request object and middleware, over the wire: what middleware receives is a
// PlainRequest and behaves as its type says, and per-call timeoutMs bounds each attempt.
import { afterEach, expect, test, vi } from "vitest";
import { LiveChatTimeoutError } from "../../src/index.js";
import { createLiveChatRawClient, PlainRequest } from "../../src/raw/index.js";
import { raw as readmeRaw } from "../../examples/raw-middleware.js";
import { TAG } from "../helpers/fixtures.js";
import { answer, answerJson, BASE, HttpResponse, sent, useWire } from "../helpers/wire.js";

useWire();
afterEach(() => vi.restoreAllMocks());

test.each([
  [{ method: "put", headers: { "X-A": "1" }, body: "tag[]=a" }, "PUT", "tag[]=a"],
  [{}, "GET", null],
  [{ body: new URLSearchParams("a=1") }, "GET", "a=1"],
])("PlainRequest keeps url, method, headers and body as given (%j)", async (init, method, body) => {
  const request = new PlainRequest(new URL("https://api.livechatinc.com/tags"), init);
  expect([request.url, request.method, request.body, request.signal, request.timeoutMs, request.redirect]).toEqual([
    "https://api.livechatinc.com/tags", method, body, null, undefined, "manual",
  ]);
  expect(await request.text()).toBe(body ?? "");
  const copy = request.clone();
  copy.headers.set("X-B", "2");
  expect([copy.url, copy.method, copy.body, request.headers.has("X-B")]).toEqual([request.url, method, body, false]);
});

test("new PlainRequest(request, init) copies what init does not change, as new Request(request, init) does", () => {
  const signal = new AbortController().signal;
  const first = new PlainRequest(`${BASE}/tags`, { method: "POST", headers: { "X-A": "1" }, body: "group=1", signal, timeoutMs: 99 });
  const second = new PlainRequest(first, { body: "group=2" });
  expect([second.url, second.method, second.headers.get("x-a"), second.body, second.signal, second.timeoutMs]).toEqual([
    `${BASE}/tags`, "POST", "1", "group=2", signal, 99,
  ]);
  second.headers.set("X-A", "changed");
  expect(first.headers.get("x-a")).toBe("1");
  expect(new PlainRequest(first, { body: null, signal: null, timeoutMs: undefined })).toMatchObject({ body: null, signal: null, timeoutMs: undefined });
});

test("a PlainRequest refuses a body that is not the encoded form", () => {
  expect(() => new PlainRequest(`${BASE}/tags`, { body: new Blob(["x"]) as never })).toThrow(
    new TypeError("A PlainRequest's body is the encoded form: a string or URLSearchParams."),
  );
});

test("raw middleware sees the request and can add a header", async () => {
  answerJson([]);
  const client = createLiveChatRawClient({ auth: { accessToken: "token" } });
  const seen: string[] = [];
  client.use({
    onRequest({ request }) {
      seen.push(`${request.method} ${request.url} ${request instanceof PlainRequest}`);
      request.headers.set("X-Trace", "abc");
    },
  });
  await client.GET("/tags", { params: { query: { group: 2 } } });
  expect(seen).toEqual(["GET https://api.livechatinc.com/tags?group=2 true"]);
  expect(sent[0]!.headers["x-trace"]).toBe("abc");
});

test("raw middleware may replace the request with a PlainRequest; that one is sent", async () => {
  answerJson({ ...TAG, name: "vip" });
  const client = createLiveChatRawClient({ auth: { accessToken: "token" } });
  client.use({ onRequest: ({ request }) => new PlainRequest(request, { body: "tag=vip&group=2&author=a%40b.c" }) });
  await client.POST("/tags", { body: { tag: "ignored", group: 1, author: "a@b.c" } });
  expect(sent[0]).toMatchObject({ method: "POST", url: "https://api.livechatinc.com/tags", body: "tag=vip&group=2&author=a%40b.c" });
  expect(sent[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
});

test("the README's middleware example sends a request ID and warns about a non-2xx answer", async () => {
  answer(({ attempt }) => (attempt === 1 ? HttpResponse.json([]) : HttpResponse.json({ error: "Not found" }, { status: 404 })));
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  await readmeRaw.GET("/tags");
  await readmeRaw.DELETE("/webhooks/{webhook_id}", { params: { path: { webhook_id: "gone" } } });
  expect(sent.map((s) => /^[0-9a-f-]{36}$/.test(s.headers["x-request-id"] ?? ""))).toEqual([true, true]);
  expect(sent[0]!.headers["x-request-id"]).not.toBe(sent[1]!.headers["x-request-id"]);
  expect(warn.mock.calls).toEqual([[`DELETE ${BASE}/webhooks/gone answered 404`]]);
});

test("a per-call timeoutMs bounds each attempt of a raw call, and survives middleware that copies the request", async () => {
  answer(async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    return HttpResponse.json([]);
  });
  const client = createLiveChatRawClient({ auth: { accessToken: "token" }, timeoutMs: 60_000, maxRetries: 0 });
  const error = await client.GET("/tags", { timeoutMs: 50 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LiveChatTimeoutError);
  expect(error).toMatchObject({ timeoutMs: 50, message: `Timed out after 50 ms: GET ${BASE}/tags — raise timeoutMs if the API is slow` });
  client.use({ onRequest: ({ request }) => new PlainRequest(request, { method: "GET" }) });
  await expect(client.GET("/tags", { timeoutMs: 40 })).rejects.toMatchObject({ name: "LiveChatTimeoutError", timeoutMs: 40 });
});
