// End to end on loopback: the client registers a webhook on the mock, the mock delivers to a
// receiver served by Node's HTTP server, and onEvent sees the typed event once, even when
// LiveChat (the mock) delivers it twice; and the failure paths, with the mock redelivering as
// LiveChat does.
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createLiveChatClient } from "../../src/index.js";
import { createLiveChatMock } from "../../src/mock/index.js";
import { serveLiveChatMock, type ServedMock } from "../../src/mock/node.js";
import { createWebhookHandler, toNodeListener, type LiveChatWebhookEvent } from "../../src/webhooks/index.js";

const events: LiveChatWebhookEvent[] = [];
const receiver = createServer(
  toNodeListener(
    createWebhookHandler({
      credentials: { username: "hook", password: "p@ss word" },
      dedupe: true,
      onEvent: (event) => void events.push(event),
    }),
  ),
);
const mock = createLiveChatMock({ credentials: { login: "owner@example.com", apiKey: "key" } });
let api: ServedMock;
let receiverUrl = "";

beforeAll(async () => {
  api = await serveLiveChatMock(mock);
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://hook:p%40ss%20word@127.0.0.1:${(receiver.address() as { port: number }).port}/livechat`;
});
afterAll(async () => {
  await api.close();
  await new Promise((resolve) => receiver.close(resolve));
});

test("a registered webhook's event reaches onEvent typed, once, despite a repeated delivery", async () => {
  const livechat = createLiveChatClient({ baseUrl: api.baseUrl, auth: { login: "owner@example.com", apiKey: "key" } });
  const { events: [webhook] } = await livechat.webhooks.create({ event_type: "chat_ended", data_types: ["chat", "visitor"], url: receiverUrl });

  const first = await mock.deliver({ event_type: "chat_ended", event_unique_id: "0123456789abcdef0123456789abcdef" });
  const again = await mock.deliver({ event_type: "chat_ended", event_unique_id: "0123456789abcdef0123456789abcdef" });
  expect(first).toEqual([{ webhookId: webhook!.id, url: receiverUrl.replace("hook:p%40ss%20word@", ""), status: 200, attempts: [{ status: 200 }] }]);
  expect(again[0]!.status).toBe(200);

  expect(events).toHaveLength(1);
  const event = events[0]!;
  expect(event.event_type).toBe("chat_ended");
  if (event.event_type !== "chat_ended") throw new Error("narrowing");
  expect(event.token).toBe(webhook!.token);
  expect(event.license_id).toBe("12345");
  expect(event.chat?.id).toBe("MH0NQTLD8B");
  expect(event.visitor?.name).toBe("Jane");
  expect("pre_chat_survey" in event).toBe(false);
});

test("a delivery with wrong credentials in the registered URL is refused with 401", async () => {
  const livechat = createLiveChatClient({ baseUrl: api.baseUrl, auth: { login: "owner@example.com", apiKey: "key" } });
  await livechat.webhooks.create({ event_type: "ticket_created", data_types: ["ticket"], url: receiverUrl.replace("p%40ss", "wrong") });
  const [delivery] = await mock.deliver({ event_type: "ticket_created" });
  expect(delivery!.status).toBe(401);
  expect(events.filter((e) => e.event_type === "ticket_created")).toEqual([]);
});

test("every event type the mock delivers is a valid payload", async () => {
  const { parseWebhook } = await import("../../src/webhooks/index.js");
  const { DATA_TYPES_BY_EVENT } = await import("../../src/index.js");
  const bodies: string[] = [];
  const local = createLiveChatMock({
    credentials: { accessToken: "t" },
    seed: { webhooks: Object.entries(DATA_TYPES_BY_EVENT).map(([event_type, data_types]) => ({ event_type: event_type as never, data_types: [...data_types] as never, url: "https://h.example/x" })) },
  });
  for (const event_type of Object.keys(DATA_TYPES_BY_EVENT)) {
    await local.deliver({ event_type: event_type as never }, { fetch: async (_u, init) => (bodies.push(String(init.body)), new Response(null)) });
  }
  expect(bodies).toHaveLength(6);
  for (const body of bodies) expect(() => parseWebhook(body)).not.toThrow();
});

describe("the failure paths, with the mock redelivering as LiveChat does", () => {
  async function receive(handler: (request: Request) => Promise<Response>) {
    const server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/livechat`;
    const mock = createLiveChatMock({ credentials: { accessToken: "t" }, seed: { webhooks: [{ event_type: "chat_ended", data_types: ["chat"], url }] } });
    return { mock, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  test("a throwing onEvent answers 500; the redelivery runs it again and gets its 200", async () => {
    let runs = 0;
    const { mock, close } = await receive(createWebhookHandler({ onError: () => {}, onEvent: () => {
      if (++runs === 1) throw new Error("db down");
    } }));
    const [delivery] = await mock.deliver({ event_type: "chat_ended" }, { redeliver: { delaysMs: [10, 10] } });
    await close();
    expect(delivery!.attempts).toEqual([{ status: 500 }, { status: 200 }]);
    expect(runs).toBe(2);
  });

  test("a slow onEvent answers 503 and is not run twice at once: the redelivery waits for the same run", async () => {
    let runs = 0;
    let running = 0;
    let most = 0;
    const { mock, close } = await receive(createWebhookHandler({ ackTimeoutMs: 100, dedupe: true, onError: () => {}, onEvent: async () => {
      runs++;
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 250));
      running--;
    } }));
    const [delivery] = await mock.deliver({ event_type: "chat_ended" }, { redeliver: { delaysMs: [10, 10, 10, 10] } });
    await close();
    expect(delivery!.attempts[0]).toEqual({ status: 503 });
    expect(delivery!.attempts.at(-1)).toEqual({ status: 200 });
    expect([runs, most]).toEqual([1, 1]);
  });

  test("a receiver slower than LiveChat's timeout gets the delivery again", async () => {
    let runs = 0;
    const { mock, close } = await receive(createWebhookHandler({ ackTimeoutMs: 5_000, onEvent: async () => {
      if (++runs === 1) await new Promise((resolve) => setTimeout(resolve, 300));
    } }));
    const [delivery] = await mock.deliver({ event_type: "chat_ended" }, { timeoutMs: 100, redeliver: { delaysMs: [400] } });
    await close();
    expect(delivery!.attempts).toEqual([{ error: "No answer within 100 ms" }, { status: 200 }]);
  });
});
