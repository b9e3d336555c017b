import { describe, expect, test } from "vitest";
import { createLiveChatClient, LiveChatApiError, LiveChatConnectionError, LiveChatTimeoutError } from "../../src/index.js";
import { createLiveChatRawClient } from "../../src/raw/index.js";
import { backoffMs, parseRetryAfter, retryDelayMs, sleep } from "../../src/wrappers/retry.js";
import { TOKEN } from "../helpers/fixtures.js";
import { answer, HttpResponse, sent, useWire } from "../helpers/wire.js";

useWire();

const client = (options: { maxRetries?: number; timeoutMs?: number } = {}) => createLiveChatClient({ auth: { accessToken: TOKEN }, ...options });
const NOW = Date.parse("2026-11-26T12:00:00Z");

describe("retry rules", () => {
  test.each([
    ["3", 3000],
    [" 0 ", 0],
    ["Thu, 26 Nov 2026 12:00:05 GMT", 5000],
    ["Thu, 26 Nov 2026 11:00:00 GMT", 0],
    ["soon", undefined],
    ["-1", undefined],
    [null, undefined],
  ])("Retry-After %j asks for %j ms", (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms);
  });

  test.each([
    [0, 0, 250], [0, 1, 500], [1, 0, 500], [1, 1, 1000], [3, 0.5, 3000], [4, 1, 8000], [9, 1, 8000], [9, 0, 4000],
  ])("backoff after attempt %i with random %f is %i ms", (attempt, random, ms) => {
    expect(backoffMs(attempt, () => random)).toBe(ms);
  });

  test.each([
    ["GET", 503, true], ["PUT", 500, true], ["DELETE", 429, true], ["GET", 408, true], ["GET", 502, true], ["GET", 504, true],
    ["POST", 503, false], ["POST", undefined, false], ["GET", 400, false], ["GET", 401, false], ["GET", 404, false], ["GET", 501, false],
    ["GET", undefined, true],
  ])("%s answered %s is retried: %s", (method, status, retried) => {
    expect(retryDelayMs(method, 0, 2, status) !== undefined).toBe(retried);
  });

  test("stops after maxRetries and honours Retry-After up to 60 s", () => {
    expect(retryDelayMs("GET", 2, 2, 503)).toBeUndefined();
    expect(retryDelayMs("GET", 0, 0, 503)).toBeUndefined();
    expect(retryDelayMs("GET", 0, 2, 429, "60")).toBe(60_000);
    expect(retryDelayMs("GET", 0, 2, 429, "61")).toBeUndefined();
  });

  test("sleep rejects with the signal's reason when aborted", async () => {
    const controller = new AbortController();
    const slept = sleep(10_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(slept).rejects.toThrow("stop");
    await expect(sleep(1, controller.signal)).rejects.toThrow("stop");
  });
});

describe("retries on the wire", () => {
  test("a GET answered 503 is retried and then succeeds", async () => {
    answer(({ attempt }) => (attempt === 1 ? new HttpResponse("busy", { status: 503, headers: { "Retry-After": "0" } }) : HttpResponse.json([])));
    await expect(client().tags.list()).resolves.toEqual([]);
    expect(sent.map((s) => s.method)).toEqual(["GET", "GET"]);
  });

  test("a PUT re-sends its body intact on each attempt", async () => {
    answer(({ attempt }) => (attempt < 3 ? HttpResponse.json({ error: "oops" }, { status: 500, headers: { "Retry-After": "0" } }) : HttpResponse.json({ chats: [] })));
    await client().chats.updateTags("C1", ["a b", "c&d"]);
    expect(sent.map((s) => s.body)).toEqual(Array(3).fill("tag[]=a%20b&tag[]=c%26d"));
    expect(new Set(sent.map((s) => JSON.stringify(s.headers))).size).toBe(1);
  });

  test("a POST answered 503 is not retried", async () => {
    answer(() => new HttpResponse(null, { status: 503, headers: { "Retry-After": "0" } }));
    await expect(client().tags.create({ tag: "x", group: 0, author: "a@b.c" })).rejects.toBeInstanceOf(LiveChatApiError);
    expect(sent).toHaveLength(1);
  });

  test("a POST that fails to connect is not retried", async () => {
    answer(() => HttpResponse.error());
    await expect(client().webhooks.create({ event_type: "visitor_queued", data_types: ["visitor"], url: "https://e.x/h" })).rejects.toBeInstanceOf(LiveChatConnectionError);
    expect(sent).toHaveLength(1);
  });

  test("a GET that fails to connect is retried with backoff, then rejects", async () => {
    answer(() => HttpResponse.error());
    const started = performance.now();
    await expect(client({ maxRetries: 1 }).tags.list()).rejects.toBeInstanceOf(LiveChatConnectionError);
    expect(sent).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(245);
  });

  test("Retry-After in seconds is waited out", async () => {
    answer(({ attempt }) => (attempt === 1 ? new HttpResponse(null, { status: 429, headers: { "Retry-After": "1" } }) : HttpResponse.json([])));
    const started = performance.now();
    await client().tags.list();
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(sent).toHaveLength(2);
  });

  test("a Retry-After over 60 s is not waited out: the 429 is returned", async () => {
    answer(() => new HttpResponse(null, { status: 429, headers: { "Retry-After": "120" } }));
    await expect(client().tags.list()).rejects.toMatchObject({ name: "LiveChatApiError", status: 429 });
    expect(sent).toHaveLength(1);
  });

  test("maxRetries: 0 disables retries", async () => {
    answer(() => new HttpResponse(null, { status: 503, headers: { "Retry-After": "0" } }));
    await expect(client({ maxRetries: 0 }).tags.list()).rejects.toMatchObject({ status: 503 });
    expect(sent).toHaveLength(1);
  });

  test("gives up after maxRetries and rejects with the last answer", async () => {
    answer(({ attempt }) => HttpResponse.json({ error: `down ${attempt}` }, { status: 502, headers: { "Retry-After": "0" } }));
    await expect(client({ maxRetries: 2 }).tags.list()).rejects.toMatchObject({ status: 502, messages: ["down 3"] });
    expect(sent).toHaveLength(3);
  });
});

describe("timeouts and aborts", () => {
  test("an attempt that takes longer than timeoutMs rejects with LiveChatTimeoutError", async () => {
    answer(async () => {
      await new Promise((r) => setTimeout(r, 500));
      return HttpResponse.json([]);
    });
    const error = await client({ maxRetries: 0, timeoutMs: 50 }).tags.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveChatTimeoutError);
    expect(error).toMatchObject({ name: "LiveChatTimeoutError", timeoutMs: 50, message: "Timed out after 50 ms: GET https://api.livechatinc.com/tags — raise timeoutMs if the API is slow" });
  });

  test("a timed-out GET is retried, and a per-call timeoutMs overrides the client's", async () => {
    answer(async ({ attempt }) => {
      if (attempt === 1) await new Promise((r) => setTimeout(r, 1000));
      return HttpResponse.json([]);
    });
    await expect(client({ timeoutMs: 10_000 }).tags.list(undefined, { timeoutMs: 250 })).resolves.toEqual([]);
    expect(sent).toHaveLength(2);
  });

  test("a caller's abort rejects with the signal's reason and is never retried", async () => {
    const controller = new AbortController();
    answer(async () => {
      controller.abort(new Error("user gave up"));
      await new Promise((r) => setTimeout(r, 50));
      return HttpResponse.json([]);
    });
    await expect(client().tags.list(undefined, { signal: controller.signal })).rejects.toThrow("user gave up");
    expect(sent).toHaveLength(1);
  });

  test("an abort during the backoff wait stops the retries", async () => {
    const controller = new AbortController();
    answer(() => {
      setTimeout(() => controller.abort(new Error("stop waiting")), 20);
      return new HttpResponse(null, { status: 503, headers: { "Retry-After": "30" } });
    });
    await expect(client().tags.list(undefined, { signal: controller.signal })).rejects.toThrow("stop waiting");
    expect(sent).toHaveLength(1);
  });

  test("an already-aborted signal sends nothing", async () => {
    answer(() => HttpResponse.json([]));
    await expect(client().tags.list(undefined, { signal: AbortSignal.abort(new Error("before")) })).rejects.toThrow("before");
    expect(sent).toHaveLength(0);
  });

  test("raw honours the signal passed in its init", async () => {
    answer(() => HttpResponse.json([]));
    await expect(createLiveChatRawClient({ auth: { accessToken: TOKEN } }).GET("/tags", { signal: AbortSignal.abort(new Error("raw abort")) })).rejects.toThrow("raw abort");
  });
});
