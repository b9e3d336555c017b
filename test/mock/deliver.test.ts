// mock.deliver (src/mock/deliver.ts) redelivering as LiveChat does: what got no 2xx, or no
// answer in time, is delivered again on a schedule a test sets; every attempt is reported.
import { afterEach, expect, test, vi } from "vitest";
import { createLiveChatMock, LIVECHAT_REDELIVERY_DELAYS_MS } from "../../src/mock/index.js";
import { LiveChatInputError } from "../../src/index.js";

const hook = (url: string) => ({ event_type: "chat_ended" as const, data_types: ["chat" as const], url });
const mockWith = (...urls: string[]) => createLiveChatMock({ credentials: { accessToken: "t" }, seed: { webhooks: urls.map(hook) } });

/** A fetch that answers each URL from its own script of statuses ("hang" waits for the abort, "down" rejects). */
function scripted(scripts: Record<string, (number | "hang" | "down")[]>) {
  const calls: { url: string; at: number; body: string }[] = [];
  const fetch = (url: string, init: RequestInit) => {
    calls.push({ url, at: performance.now(), body: String(init.body) });
    const next = scripts[url]!.shift() ?? 200;
    if (next === "down") return Promise.reject(new TypeError("fetch failed"));
    if (next === "hang") return new Promise<Response>((_, reject) => init.signal!.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    return Promise.resolve(new Response(null, { status: next }));
  };
  return { fetch, calls };
}

afterEach(() => void vi.useRealTimers());

test("without redeliver: one attempt per webhook, its outcome reported", async () => {
  const mock = mockWith("https://a.example/hook");
  const { fetch } = scripted({ "https://a.example/hook": [500] });
  const [delivery] = await mock.deliver({ event_type: "chat_ended" }, { fetch });
  expect(delivery).toEqual({ webhookId: expect.any(String), url: "https://a.example/hook", status: 500, attempts: [{ status: 500 }] });
});

test("redelivers what got no 2xx until it does, the same body each time, and reports every attempt", async () => {
  const mock = mockWith("https://a.example/hook");
  const { fetch, calls } = scripted({ "https://a.example/hook": [500, 503, 404, 200] });
  const [delivery] = await mock.deliver({ event_type: "chat_ended", event_unique_id: "e1" }, { fetch, redeliver: { delaysMs: [0, 0, 0, 0, 0] } });
  expect(delivery!.attempts).toEqual([{ status: 500 }, { status: 503 }, { status: 404 }, { status: 200 }]);
  expect(delivery!.status).toBe(200);
  expect(new Set(calls.map((c) => c.body)).size).toBe(1);
  expect(JSON.parse(calls[0]!.body).event_unique_id).toBe("e1");
});

test("a network error and an attempt unanswered within timeoutMs count as failures and are retried", async () => {
  const mock = mockWith("https://a.example/hook");
  const { fetch } = scripted({ "https://a.example/hook": ["down", "hang", 204] });
  const [delivery] = await mock.deliver({ event_type: "chat_ended" }, { fetch, timeoutMs: 50, redeliver: { delaysMs: [0, 0] } });
  expect(delivery!.attempts).toEqual([{ error: "fetch failed" }, { error: "No answer within 50 ms" }, { status: 204 }]);
});

test("gives up once the schedule is used up, reporting the last outcome", async () => {
  const mock = mockWith("https://a.example/hook");
  const { fetch } = scripted({ "https://a.example/hook": [500, 500, 502, 200] });
  const [delivery] = await mock.deliver({ event_type: "chat_ended" }, { fetch, redeliver: { delaysMs: [1, 1] } });
  expect([delivery!.status, delivery!.attempts.length]).toEqual([502, 3]);
});

test("waits the given delays between attempts", async () => {
  const mock = mockWith("https://a.example/hook");
  const { fetch, calls } = scripted({ "https://a.example/hook": [500, 500, 200] });
  await mock.deliver({ event_type: "chat_ended" }, { fetch, redeliver: { delaysMs: [40, 80] } });
  expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(40 - 2);
  expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(80 - 2);
});

test("each webhook is redelivered on its own", async () => {
  const mock = mockWith("https://a.example/hook", "https://b.example/hook");
  const { fetch } = scripted({ "https://a.example/hook": [200], "https://b.example/hook": [500, 500, 200] });
  const deliveries = await mock.deliver({ event_type: "chat_ended" }, { fetch, redeliver: { delaysMs: [0, 0, 0] } });
  expect(deliveries.map((d) => d.attempts.map((a) => a.status))).toEqual([[200], [500, 500, 200]]);
});

test("redeliver: true follows LiveChat's 10 retries, compressed: doubling from 10 ms", async () => {
  expect(LIVECHAT_REDELIVERY_DELAYS_MS).toEqual([10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120]);
  vi.useFakeTimers();
  const mock = mockWith("https://a.example/hook");
  const { fetch } = scripted({ "https://a.example/hook": Array(20).fill(500) });
  const delivering = mock.deliver({ event_type: "chat_ended" }, { fetch, redeliver: true });
  await vi.runAllTimersAsync();
  const [delivery] = await delivering;
  expect(delivery!.attempts).toHaveLength(11);
});

test.each([
  [{ timeoutMs: 0 }, "deliver: timeoutMs must be a positive whole number of milliseconds, such as 10000."],
  [{ timeoutMs: Number.NaN }, "deliver: timeoutMs must be a positive whole number of milliseconds, such as 10000."],
  [{ redeliver: { delaysMs: [10, -1] } }, "deliver: redeliver must be true, false or { delaysMs: [...] } with whole milliseconds, such as { delaysMs: [10, 20, 40] }."],
  [{ redeliver: "yes" }, "deliver: redeliver must be true, false or { delaysMs: [...] } with whole milliseconds, such as { delaysMs: [10, 20, 40] }."],
  [{ fetch: "fetch" }, "deliver: fetch must be a function such as globalThis.fetch."],
])("refuses %j with LiveChatInputError", async (options, message) => {
  const mock = mockWith("https://a.example/hook");
  await expect(mock.deliver({ event_type: "chat_ended" }, options as never)).rejects.toThrow(new LiveChatInputError(message));
});
