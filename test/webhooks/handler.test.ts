import fc from "fast-check";
import { describe, expect, test, vi } from "vitest";
import { createWebhookHandler, LiveChatInputError, type LiveChatWebhookEvent, type OnEventReceiverOptions } from "../../src/webhooks/index.js";
import { createDeduper } from "../../src/webhooks/dedupe.js";
import { basicCredentials, timingSafeEqualText } from "../../src/webhooks/credentials.js";
import { PAYLOADS } from "../helpers/payloads.js";

const URL_ = "https://receiver.example.com/livechat";
const credentials = { username: "livechat", password: "s3cret-hook" };
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
const post = (body: string, headers: Record<string, string> = {}) =>
  new Request(URL_, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
const flush = () => new Promise((resolve) => setTimeout(resolve, 5));

function collecting(options: Partial<OnEventReceiverOptions> = {}) {
  const events: LiveChatWebhookEvent[] = [];
  const handle = createWebhookHandler({ onEvent: (e) => void events.push(e), ...options });
  return { events, handle };
}

const deferred = () => {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
const body = JSON.stringify(PAYLOADS.chat_ended);

describe("createWebhookHandler without a store: the answer waits for onEvent", () => {
  test("answers 200 only once onEvent resolved", async () => {
    const gate = deferred();
    const order: string[] = [];
    const handle = createWebhookHandler({ onEvent: async () => {
      order.push("onEvent started");
      await gate.promise;
      order.push("onEvent done");
    } });
    const answering = handle(post(body)).then((response) => (order.push("answered"), response));
    await flush();
    expect(order).toEqual(["onEvent started"]);
    gate.resolve();
    const response = await answering;
    expect([response.status, await response.json()]).toEqual([200, { ok: true }]);
    expect(order).toEqual(["onEvent started", "onEvent done", "answered"]);
  });

  test("a throwing onEvent answers 500 and is reported; the redelivery runs it again", async () => {
    const onError = vi.fn();
    let calls = 0;
    const handle = createWebhookHandler({ onEvent: () => {
      if (++calls === 1) throw new Error("db down");
    }, onError });
    const failed = await handle(post(body));
    expect([failed.status, await failed.json()]).toEqual([500, { error: "The event could not be handled; deliver it again" }]);
    expect(onError).toHaveBeenCalledWith(new Error("db down"), PAYLOADS.chat_ended);
    const redelivered = await handle(post(body));
    expect([redelivered.status, calls]).toEqual([200, 2]);
  });

  test("a rejecting onEvent answers 500 too", async () => {
    const handle = createWebhookHandler({ onEvent: () => Promise.reject(new Error("no")), onError: () => {} });
    expect((await handle(post(body))).status).toBe(500);
  });

  test("a slow onEvent answers 503 at ackTimeoutMs and goes on; a redelivery meanwhile waits for that run and never starts another", async () => {
    const gate = deferred();
    let calls = 0;
    let finished = 0;
    const handle = createWebhookHandler({ ackTimeoutMs: 50, onError: () => {}, onEvent: async () => {
      calls++;
      await gate.promise;
      finished++;
    } });
    const first = await handle(post(body));
    expect([first.status, await first.json()]).toEqual([503, { error: "The event is still being handled; deliver it again" }]);
    const second = await handle(post(body)); // LiveChat's redelivery, the run still going
    expect(second.status).toBe(503);
    const third = handle(post(body));
    await flush();
    gate.resolve();
    expect((await third).status).toBe(200); // answered with the first run's outcome
    expect([calls, finished]).toEqual([1, 1]);
  });

  test("a delivery answered 503 past ackTimeoutMs is reported to onError with the event's ID, once per 503; a throw after it is reported once more", async () => {
    const gate = deferred();
    const onError = vi.fn();
    const handle = createWebhookHandler({ ackTimeoutMs: 50, onError, onEvent: () => gate.promise });
    const late = new Error(
      'onEvent did not finish within ackTimeoutMs (50 ms): the delivery of event_unique_id "6ab10a2f0d0a4f18a8fb3c4a5b0a1e4c" was answered 503, and LiveChat will deliver it again; onEvent goes on running',
    );
    expect((await handle(post(body))).status).toBe(503);
    expect(onError.mock.calls).toEqual([[late, PAYLOADS.chat_ended]]);
    expect((await handle(post(body))).status).toBe(503); // the redelivery waited for the same run: a second 503
    expect(onError.mock.calls).toEqual([[late, PAYLOADS.chat_ended], [late, PAYLOADS.chat_ended]]);
    const waiting = handle(post(body)); // another redelivery, waiting when the run throws
    await flush();
    gate.reject(new Error("db down"));
    expect((await waiting).status).toBe(500);
    await flush();
    expect(onError.mock.calls).toEqual([[late, PAYLOADS.chat_ended], [late, PAYLOADS.chat_ended], [new Error("db down"), PAYLOADS.chat_ended]]);
  });

  test("an onEvent that throws after its 503, with no delivery waiting, is reported, not dropped", async () => {
    const gate = deferred();
    const onError = vi.fn();
    const handle = createWebhookHandler({ ackTimeoutMs: 50, onError, onEvent: () => gate.promise });
    expect((await handle(post(body))).status).toBe(503);
    gate.reject(new Error("db down"));
    await flush();
    expect(onError).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenLastCalledWith(new Error("db down"), PAYLOADS.chat_ended);
  });

  test("a 503 past ackTimeoutMs for an event without event_unique_id says so, and goes to console.error by default", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const gate = deferred();
    const handle = createWebhookHandler({ ackTimeoutMs: 50, onEvent: () => gate.promise });
    const { event_unique_id: _, ...withoutId } = PAYLOADS.chat_ended;
    expect((await handle(post(JSON.stringify(withoutId)))).status).toBe(503);
    expect(spy.mock.calls).toEqual([[
      "livechat-rest-v2: a webhook could not be handled:",
      new Error("onEvent did not finish within ackTimeoutMs (50 ms): the delivery of an event without event_unique_id was answered 503, and LiveChat will deliver it again; onEvent goes on running"),
    ]]);
    gate.resolve();
    await flush();
    expect(spy).toHaveBeenCalledTimes(1); // the run then succeeded: nothing more to report
    spy.mockRestore();
  });

  test("a redelivery that waits for a failing first run answers 500 with it, and the next one runs again", async () => {
    const gate = deferred();
    let calls = 0;
    const handle = createWebhookHandler({ ackTimeoutMs: 50, onError: () => {}, onEvent: async () => {
      if (++calls === 1) await gate.promise;
    } });
    expect((await handle(post(body))).status).toBe(503);
    const waiting = handle(post(body));
    await flush();
    gate.reject(new Error("gave up"));
    expect((await waiting).status).toBe(500);
    expect(calls).toBe(1);
    expect((await handle(post(body))).status).toBe(200);
    expect(calls).toBe(2);
  });

  test("runs different events side by side", async () => {
    const gate = deferred();
    const seen: string[] = [];
    const handle = createWebhookHandler({ onEvent: async (event) => {
      seen.push(event.event_unique_id!);
      await gate.promise;
    } });
    const a = handle(post(JSON.stringify({ ...PAYLOADS.chat_ended, event_unique_id: "a" })));
    const b = handle(post(JSON.stringify({ ...PAYLOADS.chat_ended, event_unique_id: "b" })));
    await flush();
    expect(seen).toEqual(["a", "b"]);
    gate.resolve();
    expect([(await a).status, (await b).status]).toEqual([200, 200]);
  });

  test("a throwing onEvent and a throwing onError still crash nothing", async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => void unhandled.push(reason);
    process.on("unhandledRejection", listener);
    const handle = createWebhookHandler({ onEvent: () => { throw new Error("sync"); }, onError: () => { throw new Error("reporter"); } });
    expect((await handle(post(body))).status).toBe(500);
    await flush();
    process.off("unhandledRejection", listener);
    expect(unhandled).toEqual([]);
  });

  test("by default reports onEvent failures with console.error", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const handle = createWebhookHandler({ onEvent: () => { throw new Error("boom"); } });
    await handle(post(body));
    expect(spy).toHaveBeenCalledWith("livechat-rest-v2: a webhook could not be handled:", new Error("boom"));
    spy.mockRestore();
  });

  test("hands onEvent's run to waitUntil, for when it outlives a 503", async () => {
    const waited: Promise<unknown>[] = [];
    const handle = createWebhookHandler({ onEvent: () => {}, waitUntil: (p) => void waited.push(p) });
    await handle(post(body));
    expect(waited).toHaveLength(1);
    await expect(waited[0]).resolves.toBe("done");
  });

  test("a throwing waitUntil is reported through onError and changes neither the answer nor the run", async () => {
    const onError = vi.fn();
    const events: LiveChatWebhookEvent[] = [];
    const handle = createWebhookHandler({
      onEvent: (e) => void events.push(e),
      onError,
      waitUntil: () => {
        throw new Error("waitUntil is not available here");
      },
    });
    const response = await handle(post(body));
    expect([response.status, await response.json()]).toEqual([200, { ok: true }]);
    expect(events).toEqual([PAYLOADS.chat_ended]);
    expect(onError).toHaveBeenCalledExactlyOnceWith(new Error("waitUntil is not available here"), PAYLOADS.chat_ended);
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
});

describe("createWebhookHandler with an inbox: the answer waits for the store", () => {
  // A stub inbox: the rule under test is the handler's (the stores' own deadlines are tested in
  // the inbox contract, test/webhooks/inbox-contract.ts).
  const stubInbox = (put: () => Promise<{ id: string; duplicate: boolean }>) => ({ put, work() {}, failed: async () => [], retry: async () => {}, close: async () => {} });

  test("a put that outlasts ackTimeoutMs answers 503, never 200, and is reported once", async () => {
    const onError = vi.fn();
    const handle = createWebhookHandler({ inbox: stubInbox(() => new Promise(() => {})), ackTimeoutMs: 50, onError });
    const response = await handle(post(body));
    expect([response.status, await response.text()]).toEqual([503, '{"error":"The event could not be stored; deliver it again"}']);
    expect(onError).toHaveBeenCalledExactlyOnceWith(
      new Error(
        'inbox.put did not finish within ackTimeoutMs (50 ms): the delivery of event_unique_id "6ab10a2f0d0a4f18a8fb3c4a5b0a1e4c" was answered 503, and LiveChat will deliver it again; the put goes on, and may still store the event',
      ),
      PAYLOADS.chat_ended,
    );
  });

  test("a put that rejects after its 503 is reported too, once", async () => {
    const gate = deferred();
    const onError = vi.fn();
    const handle = createWebhookHandler({ inbox: stubInbox(() => gate.promise.then(() => ({ id: "lc-1", duplicate: false }))), ackTimeoutMs: 50, onError });
    expect((await handle(post(body))).status).toBe(503);
    expect(onError).toHaveBeenCalledTimes(1);
    gate.reject(new Error("SQLite's write lock was not free within busyTimeoutMs (5000 ms)"));
    await flush();
    expect(onError).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenLastCalledWith(new Error("SQLite's write lock was not free within busyTimeoutMs (5000 ms)"), PAYLOADS.chat_ended);
  });

  test("a put that rejects answers 503 and is reported with its error", async () => {
    const onError = vi.fn();
    const handle = createWebhookHandler({ inbox: stubInbox(() => Promise.reject(new Error("disk full"))), onError });
    const response = await handle(post(body));
    expect([response.status, await response.text()]).toEqual([503, '{"error":"The event could not be stored; deliver it again"}']);
    expect(onError).toHaveBeenCalledExactlyOnceWith(new Error("disk full"), PAYLOADS.chat_ended);
  });

  test.each<[string, unknown, string]>([
    ["undefined", undefined, "undefined"],
    ["null", null, "null"],
    ["a string", "lc-1", "string"],
    ["an object without duplicate", { id: "lc-1" }, "object"],
  ])("a put of an inbox of the user's own that resolves with %s answers 503 and is reported, never 200 nor a crash", async (_, value, what) => {
    const onError = vi.fn();
    const handle = createWebhookHandler({ inbox: stubInbox(async () => value as never), onError });
    const response = await handle(post(body));
    expect([response.status, await response.text()]).toEqual([503, '{"error":"The event could not be stored; deliver it again"}']);
    expect(onError).toHaveBeenCalledExactlyOnceWith(new TypeError(`inbox.put resolved with ${what}, not { id, duplicate }: the event was not known to be stored`), PAYLOADS.chat_ended);
  });

  test("a put that resolves answers 200, or 200 duplicate", async () => {
    const results = [{ id: "lc-1", duplicate: false }, { id: "lc-1", duplicate: true }];
    const handle = createWebhookHandler({ inbox: stubInbox(async () => results.shift()!) });
    expect(await (await handle(post(body))).text()).toBe('{"ok":true}');
    expect(await (await handle(post(body))).text()).toBe('{"ok":true,"duplicate":true}');
  });
});

describe("options are checked when the handler is made, with LiveChatInputError", () => {
  const onEvent = () => {};
  const inbox = { put: async () => ({ id: "x", duplicate: false }), work() {}, failed: async () => [], retry: async () => {}, close: async () => {} };
  test.each([
    ["no options", undefined, "createWebhookHandler needs an options object with onEvent: (event) => ..., or an inbox."],
    ["neither onEvent nor inbox", {}, "createWebhookHandler needs onEvent: (event) => ..., or an inbox from createSqliteInbox or createRedisInbox."],
    ["onEvent not a function", { onEvent: "log" }, "onEvent must be a function, such as async (event) => { ... }."],
    ["both onEvent and inbox", { onEvent, inbox }, "createWebhookHandler takes onEvent or an inbox, not both: with an inbox, pass your handler to inbox.work(handler)."],
    ["an inbox without put", { inbox: {} }, "inbox must be an inbox such as createSqliteInbox({ path }) or createRedisInbox({ connection }) (an object with put(event))."],
    ["dedupe with an inbox", { inbox, dedupe: true }, "dedupe does not apply with an inbox: the inbox deduplicates by itself (its dedupeWindowMs option)."],
    ["waitUntil with an inbox", { inbox, waitUntil: () => {} }, "waitUntil does not apply with an inbox: the answer waits for the store, and inbox.work runs your handler."],
    ["maxBodyBytes NaN", { onEvent, maxBodyBytes: Number.NaN }, "maxBodyBytes must be a whole number at least 1, such as 1048576."],
    ["maxBodyBytes 0", { onEvent, maxBodyBytes: 0 }, "maxBodyBytes must be a whole number at least 1, such as 1048576."],
    ["maxBodyBytes Infinity", { onEvent, maxBodyBytes: Number.POSITIVE_INFINITY }, "maxBodyBytes must be a whole number at least 1, such as 1048576."],
    ["maxBodyBytes a string", { onEvent, maxBodyBytes: "1mb" }, "maxBodyBytes must be a whole number at least 1, such as 1048576."],
    ["ackTimeoutMs NaN", { onEvent, ackTimeoutMs: Number.NaN }, "ackTimeoutMs must be a positive whole number of milliseconds (at most 2147483647), such as 8000."],
    ["ackTimeoutMs negative", { onEvent, ackTimeoutMs: -1 }, "ackTimeoutMs must be a positive whole number of milliseconds (at most 2147483647), such as 8000."],
    ["onError not a function", { onEvent, onError: true }, "onError must be a function, such as (error, event) => log.error(error)."],
    ["waitUntil not a function", { onEvent, waitUntil: {} }, "waitUntil must be a function, such as ctx.waitUntil.bind(ctx)."],
    ["dedupe a string", { onEvent, dedupe: "yes" }, "dedupe must be true, false or { windowMs, maxEntries }."],
    ["dedupe.windowMs NaN", { onEvent, dedupe: { windowMs: Number.NaN } }, "dedupe.windowMs must be a positive whole number of milliseconds (at most 2147483647), such as 86400000."],
    ["dedupe.maxEntries 0", { onEvent, dedupe: { maxEntries: 0 } }, "dedupe.maxEntries must be a whole number at least 1, such as 100000."],
    ["dedupe with an unknown option", { onEvent, dedupe: { window: 5 } }, 'dedupe has no option "window"; its options are windowMs, maxEntries.'],
    ["credentials not an object", { onEvent, credentials: "livechat:pw" }, 'credentials must be an object such as { username: "livechat", password: process.env.WEBHOOK_PASSWORD }.'],
    ["credentials without a password", { onEvent, credentials: { username: "livechat", password: undefined } }, "credentials.password must be a non-empty string: the password embedded in the registered webhook URL."],
    ["credentials with an empty username", { onEvent, credentials: { username: "", password: "x" } }, "credentials.username must be a non-empty string: the user name embedded in the registered webhook URL."],
    ["a username with a colon", { onEvent, credentials: { username: "a:b", password: "x" } }, "credentials.username may not contain ':' (HTTP Basic cannot carry it)."],
    ["a misspelt option", { onevent: onEvent }, 'createWebhookHandler has no option "onevent"; its options are credentials, maxBodyBytes, ackTimeoutMs, onError, onEvent, dedupe, waitUntil, inbox.'],
  ])("%s", (_, options, message) => {
    expect(() => createWebhookHandler(options as never)).toThrow(new LiveChatInputError(message));
    expect(() => createWebhookHandler(options as never)).toThrow(expect.objectContaining({ name: "LiveChatInputError" }));
  });

  test("an error names no secret it was given", () => {
    const error = (() => {
      try {
        createWebhookHandler({ onEvent, credentials: { username: "a:b", password: "hunter2-secret" } });
      } catch (e) {
        return e;
      }
    })();
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain("hunter2");
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
  test("is on by default: a repeat of an event_unique_id whose onEvent succeeded (a redelivery after a lost 200) answers 200 duplicate without running onEvent", async () => {
    const { handle, events } = collecting();
    expect(await (await handle(post(body))).text()).toBe('{"ok":true}');
    expect(await (await handle(post(body))).text()).toBe('{"ok":true,"duplicate":true}');
    expect(events).toEqual([PAYLOADS.chat_ended]);
  });

  test("dedupe: true is the default", async () => {
    const { handle, events } = collecting({ dedupe: true });
    expect(await (await handle(post(body))).json()).toEqual({ ok: true });
    expect(await (await handle(post(body))).json()).toEqual({ ok: true, duplicate: true });
    expect(events).toHaveLength(1);
  });

  test("records an ID only once its onEvent succeeded: a failed event's redelivery runs again", async () => {
    let calls = 0;
    const handle = createWebhookHandler({ dedupe: true, onError: () => {}, onEvent: () => {
      if (++calls === 1) throw new Error("first try fails");
    } });
    expect((await handle(post(body))).status).toBe(500);
    expect(await (await handle(post(body))).json()).toEqual({ ok: true });
    expect(await (await handle(post(body))).json()).toEqual({ ok: true, duplicate: true });
    expect(calls).toBe(2);
  });

  test("by default, a slow onEvent answers 503, finishes, and LiveChat's redelivery then answers 200 duplicate: onEvent ran once", async () => {
    const gate = deferred();
    let calls = 0;
    let finished = 0;
    // ackTimeoutMs is set (8 s by default) and onError silenced; the dedupe is the default one.
    const handle = createWebhookHandler({ ackTimeoutMs: 20, onError: () => {}, onEvent: async () => {
      calls++;
      await gate.promise;
      finished++;
    } });
    const first = await handle(post(body));
    expect([first.status, await first.text()]).toEqual([503, '{"error":"The event is still being handled; deliver it again"}']);
    gate.resolve();
    await flush();
    expect(finished).toBe(1);
    const redelivery = await handle(post(body));
    expect([redelivery.status, await redelivery.text()]).toEqual([200, '{"ok":true,"duplicate":true}']);
    expect(calls).toBe(1);
  });

  test("keeps every delivery when off (dedupe: false), and events without an ID always", async () => {
    const off = collecting({ dedupe: false });
    await off.handle(post(JSON.stringify(PAYLOADS.chat_started)));
    await off.handle(post(JSON.stringify(PAYLOADS.chat_started)));
    const on = collecting();
    const { event_unique_id: _, ...withoutId } = PAYLOADS.chat_ended;
    await on.handle(post(JSON.stringify(withoutId)));
    await on.handle(post(JSON.stringify(withoutId)));
    expect([off.events.length, on.events.length]).toEqual([2, 2]);
  });

  test("forgets IDs after the window (24 hours by default)", () => {
    let now = 0;
    const deduper = createDeduper({}, () => now);
    deduper.remember("a");
    now = 24 * 60 * 60 * 1000 - 1;
    expect(deduper.has("a")).toBe(true);
    now += 2;
    expect(deduper.has("a")).toBe(false);
  });

  test("holds at most maxEntries IDs, forgetting the oldest", () => {
    const deduper = createDeduper({ maxEntries: 3 });
    for (const id of ["a", "b", "c", "d"]) deduper.remember(id);
    expect(deduper.size).toBe(3);
    expect([deduper.has("a"), deduper.has("b"), deduper.has("d")]).toEqual([false, true, true]);
  });

  test("memory stays bounded under 200,000 distinct IDs", () => {
    const deduper = createDeduper({ maxEntries: 10_000 });
    for (let i = 0; i < 200_000; i++) deduper.remember(`id-${i}`);
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
