import fc from "fast-check";
import { describe, expect, test, vi } from "vitest";
import { createWebhookHandler, type LiveChatWebhookEvent } from "../../src/webhooks/index.js";
import { createDeduper } from "../../src/webhooks/dedupe.js";
import { basicCredentials, timingSafeEqualText } from "../../src/webhooks/credentials.js";
import { PAYLOADS } from "../helpers/payloads.js";

const URL_ = "https://receiver.example.com/livechat";
const credentials = { username: "livechat", password: "s3cret-hook" };
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
const post = (body: string, headers: Record<string, string> = {}) =>
  new Request(URL_, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
const flush = () => new Promise((resolve) => setTimeout(resolve, 5));

function collecting(options: Partial<Parameters<typeof createWebhookHandler>[0]> = {}) {
  const events: LiveChatWebhookEvent[] = [];
  const handle = createWebhookHandler({ onEvent: (e) => void events.push(e), ...options });
  return { events, handle };
}

describe("createWebhookHandler", () => {
  test("accepts a valid payload with 200 and calls onEvent once, after answering", async () => {
    const order: string[] = [];
    const handle = createWebhookHandler({ onEvent: () => void order.push("onEvent") });
    const response = await handle(post(JSON.stringify(PAYLOADS.chat_started)));
    order.push("answered");
    expect([response.status, await response.json()]).toEqual([200, { ok: true }]);
    await flush();
    expect(order).toEqual(["answered", "onEvent"]);
  });

  test("does not hold the response while onEvent runs", async () => {
    let release!: () => void;
    const handle = createWebhookHandler({ onEvent: () => new Promise<void>((r) => (release = r)) });
    const response = await handle(post(JSON.stringify(PAYLOADS.visitor_queued)));
    expect(response.status).toBe(200);
    await flush();
    release();
  });

  test("reports an onEvent failure through onError and never rejects", async () => {
    const onError = vi.fn();
    const handle = createWebhookHandler({ onEvent: () => Promise.reject(new Error("db down")), onError });
    expect((await handle(post(JSON.stringify(PAYLOADS.chat_ended)))).status).toBe(200);
    await flush();
    expect(onError).toHaveBeenCalledWith(new Error("db down"), PAYLOADS.chat_ended);
  });

  test("a throwing onEvent and a throwing onError still crash nothing", async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => void unhandled.push(reason);
    process.on("unhandledRejection", listener);
    const handle = createWebhookHandler({ onEvent: () => { throw new Error("sync"); }, onError: () => { throw new Error("reporter"); } });
    expect((await handle(post(JSON.stringify(PAYLOADS.chat_ended)))).status).toBe(200);
    await flush();
    process.off("unhandledRejection", listener);
    expect(unhandled).toEqual([]);
  });

  test("by default reports onEvent failures with console.error", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const handle = createWebhookHandler({ onEvent: () => { throw new Error("boom"); } });
    await handle(post(JSON.stringify(PAYLOADS.chat_ended)));
    await flush();
    expect(spy).toHaveBeenCalledWith("livechat-rest-v2: a webhook's onEvent failed:", new Error("boom"));
    spy.mockRestore();
  });

  test("hands onEvent's promise to waitUntil", async () => {
    const waited: Promise<unknown>[] = [];
    const handle = createWebhookHandler({ onEvent: () => {}, waitUntil: (p) => void waited.push(p) });
    await handle(post(JSON.stringify(PAYLOADS.chat_ended)));
    expect(waited).toHaveLength(1);
    await expect(waited[0]).resolves.toBeUndefined();
  });

  test("answers 400 with the first problem for an invalid payload, and calls nothing", async () => {
    const { events, handle } = collecting();
    const response = await handle(post(JSON.stringify({ ...PAYLOADS.chat_ended, license_id: 7 })));
    expect([response.status, await response.json()]).toEqual([400, { error: "Invalid webhook payload at $.license_id: must be string" }]);
    await flush();
    expect(events).toEqual([]);
  });

  test.each(["GET", "PUT", "DELETE", "PATCH"])("answers 405 to %s", async (method) => {
    const { handle } = collecting();
    const response = await handle(new Request(URL_, { method }));
    expect([response.status, response.headers.get("Allow")]).toEqual([405, "POST"]);
  });

  test("rejects a constructor call without onEvent", () => {
    expect(() => createWebhookHandler({} as never)).toThrow(new TypeError("createWebhookHandler needs onEvent: (event) => ..."));
  });
});

describe("credentials", () => {
  test.each([
    ["right", basic("livechat", "s3cret-hook"), 200],
    ["a wrong password", basic("livechat", "s3cret-hooK"), 401],
    ["a wrong username", basic("livechat2", "s3cret-hook"), 401],
    ["none", undefined, 401],
    ["a bearer token", "Bearer s3cret-hook", 401],
    ["malformed base64", "Basic %%%", 401],
    ["no colon", `Basic ${btoa("livechats3cret-hook")}`, 401],
  ])("%s → %i", async (_, authorization, status) => {
    const { handle, events } = collecting({ credentials });
    const response = await handle(post(JSON.stringify(PAYLOADS.chat_started), authorization ? { Authorization: authorization } : {}));
    expect(response.status).toBe(status);
    if (status === 401) expect(response.headers.get("WWW-Authenticate")).toBe('Basic realm="livechat-webhook"');
    await flush();
    expect(events).toHaveLength(status === 200 ? 1 : 0);
  });

  test("are checked before the body is read", async () => {
    const { handle } = collecting({ credentials });
    expect((await handle(post("not json"))).status).toBe(401);
  });

  test("compare by hashing both sides in full, wherever the first wrong byte is", async () => {
    const digest = vi.spyOn(crypto.subtle, "digest");
    const secret = "livechat:s3cret-hook";
    for (const guess of ["Xivechat:s3cret-hook", "livechat:s3cret-hooX", "x", secret]) {
      digest.mockClear();
      expect(await timingSafeEqualText(guess, secret)).toBe(guess === secret);
      // Two full-length digests every time: no early exit that depends on the input.
      expect(digest.mock.calls.map(([, data]) => (data as Uint8Array).byteLength)).toEqual([guess.length, secret.length]);
    }
    digest.mockRestore();
  });

  test("basicCredentials reads user:password in UTF-8", () => {
    expect(basicCredentials(basic("zoë", "pä:ss"))).toBe("zoë:pä:ss");
    expect(basicCredentials(`Basic ${btoa("\xff\xfe")}`)).toBeUndefined();
    expect(basicCredentials(null)).toBeUndefined();
  });
});

describe("size limit", () => {
  test("answers 413 to a declared Content-Length above the limit without reading", async () => {
    const { handle } = collecting({ maxBodyBytes: 100 });
    const body = JSON.stringify(PAYLOADS.chat_started);
    const response = await handle(post(body, { "Content-Length": String(body.length) }));
    expect([response.status, await response.json()]).toEqual([413, { error: "The body is larger than 100 bytes" }]);
  });

  test("answers 413 to a streamed body that grows past the limit", async () => {
    const { handle } = collecting({ maxBodyBytes: 1024 });
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(512).fill(32));
        if (pulled > 100) controller.close();
      },
    });
    const request = new Request(URL_, { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect((await handle(request)).status).toBe(413);
    expect(pulled).toBeLessThan(5);
  });

  test("defaults to 1 MiB", async () => {
    const { handle } = collecting();
    const big = JSON.stringify({ ...PAYLOADS.visitor_queued, padding: "x".repeat(1024 * 1024) });
    expect((await handle(post(big))).status).toBe(413);
    const fits = JSON.stringify({ ...PAYLOADS.visitor_queued, padding: "x".repeat(1024 * 1000) });
    expect((await handle(post(fits))).status).toBe(200);
  });
});

describe("dedupe", () => {
  test("drops a repeat of an event_unique_id, answering 200", async () => {
    const { handle, events } = collecting({ dedupe: true });
    const body = JSON.stringify(PAYLOADS.chat_started);
    expect(await (await handle(post(body))).json()).toEqual({ ok: true });
    expect(await (await handle(post(body))).json()).toEqual({ ok: true, duplicate: true });
    await flush();
    expect(events).toHaveLength(1);
  });

  test("keeps every delivery when off, and events without an ID always", async () => {
    const off = collecting();
    await off.handle(post(JSON.stringify(PAYLOADS.chat_started)));
    await off.handle(post(JSON.stringify(PAYLOADS.chat_started)));
    const on = collecting({ dedupe: true });
    const { event_unique_id: _, ...withoutId } = PAYLOADS.chat_ended;
    await on.handle(post(JSON.stringify(withoutId)));
    await on.handle(post(JSON.stringify(withoutId)));
    await flush();
    expect([off.events.length, on.events.length]).toEqual([2, 2]);
  });

  test("forgets IDs after the window", () => {
    let now = 0;
    const deduper = createDeduper({ windowMs: 1000 }, () => now);
    expect(deduper.first("a")).toBe(true);
    now = 999;
    expect(deduper.first("a")).toBe(false);
    now = 1001;
    expect(deduper.first("a")).toBe(true);
  });

  test("holds at most maxEntries IDs, forgetting the oldest", () => {
    const deduper = createDeduper({ maxEntries: 3 });
    for (const id of ["a", "b", "c", "d"]) deduper.first(id);
    expect(deduper.size).toBe(3);
    expect(deduper.first("a")).toBe(true);
    expect(deduper.first("d")).toBe(false);
  });

  test("memory stays bounded under 200,000 distinct IDs", () => {
    const deduper = createDeduper({ maxEntries: 10_000 });
    for (let i = 0; i < 200_000; i++) deduper.first(`id-${i}`);
    expect(deduper.size).toBe(10_000);
  });
});

describe("no input makes the handler throw or answer outside 200/400/401/405/413", () => {
  const statuses = [200, 400, 401, 405, 413];
  test("any JSON", async () => {
    const handle = createWebhookHandler({ onEvent: () => {}, maxBodyBytes: 4096 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.record({ event_type: fc.constantFrom(...Object.keys(PAYLOADS)), token: fc.string(), license_id: fc.string() }, { requiredKeys: [] })), async (value) => {
        const response = await handle(post(JSON.stringify(value)));
        expect(statuses).toContain(response.status);
      }),
      { numRuns: 500 },
    );
  });

  test("any bytes, any method, any headers", async () => {
    const handle = createWebhookHandler({ onEvent: () => {}, credentials, dedupe: true, maxBodyBytes: 256 });
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom("POST", "GET", "PUT", "DELETE"),
        fc.option(fc.oneof(fc.constant(basic("livechat", "s3cret-hook")), fc.string())),
        async (bytes, method, authorization) => {
          const headers = new Headers();
          if (authorization && /^[\x20-\x7e]*$/.test(authorization)) headers.set("Authorization", authorization);
          const init: RequestInit = { method, headers };
          if (method !== "GET") init.body = bytes;
          const response = await handle(new Request(URL_, init));
          expect(statuses).toContain(response.status);
        },
      ),
      { numRuns: 500 },
    );
  });
});
