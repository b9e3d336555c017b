// `npm run test:load`: 10,000 calls at concurrency 256 against `npm run mock` on loopback.
// Checks that every call is answered, that the mock's state is exactly what the calls imply
// (no lost or doubled writes), and that the client's heap after a forced GC grows < 20 MB.
// Run with `node --expose-gc`; prints the figures as JSON and exits non-zero on a failed check.
import assert from "node:assert/strict";
import { createLiveChatClient } from "../../src/index.js";
import { spawnMock } from "../helpers/spawn-mock.js";

const CONCURRENCY = 256;
const CHATS = 100;
const UPDATES_PER_CHAT = 20;
const TAGS = 2_000; // created; the first half deleted again
const WEBHOOKS = 2_000; // created; the first half deleted again
const READS = 2_000;
const HEAP_LIMIT_MB = 20;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc (npm run test:load does)");

const mock = await spawnMock({ LIVECHAT_MOCK_CHATS: String(CHATS) });
const client = createLiveChatClient({ baseUrl: mock.baseUrl, auth: { login: "demo@example.com", apiKey: "demo-api-key" }, maxRetries: 0 });

try {
  await client.tags.list(); // warm up the connection pool and code paths before measuring
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let calls = 0;
  const count = <T>(p: Promise<T>) => p.then((v) => (calls++, v));

  // Each task is a short sequence of calls; the tasks run 256 at a time.
  const tasks: (() => Promise<void>)[] = [];
  const keptWebhooks: string[] = [];
  for (let i = 0; i < TAGS / 2; i++) {
    tasks.push(async () => {
      await count(client.tags.create({ tag: `gone-${i}`, group: 7, author: "load@example.com" }));
      await count(client.tags.delete(`gone-${i}`, { group: 7 }));
    });
    tasks.push(async () => void (await count(client.tags.create({ tag: `kept-${i}`, group: 7, author: "load@example.com" }))));
  }
  for (let i = 0; i < WEBHOOKS / 2; i++) {
    tasks.push(async () => {
      const { events } = await count(client.webhooks.create({ event_type: "chat_started", data_types: ["chat"], url: `https://load.example/gone/${i}` }));
      await count(client.webhooks.delete(events[0]!.id));
    });
    tasks.push(async () => {
      const { events } = await count(client.webhooks.create({ event_type: "visitor_queued", data_types: ["visitor"], url: `https://load.example/kept/${i}` }));
      keptWebhooks.push(events[0]!.id);
    });
  }
  const lastTags = new Map<string, string[]>();
  for (let c = 0; c < CHATS; c++) {
    const chat = `C${c}`;
    const sequence = Array.from({ length: UPDATES_PER_CHAT }, (_, u) => (u % 2 === 0 ? ["sales"] : ["sales", "support"]).slice(0, 1 + ((c + u) % 2)));
    lastTags.set(chat, sequence.at(-1)!);
    tasks.push(async () => {
      for (const tags of sequence) await count(client.chats.updateTags(chat, tags));
    });
  }
  for (let r = 0; r < READS; r++) tasks.push(async () => void (await count<unknown>(r % 2 ? client.tags.list({ group: 0 }) : client.webhooks.list())));

  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < tasks.length) await tasks[next++]!();
  }));
  const wallMs = performance.now() - started;

  gc();
  const heapDeltaMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

  // The state the calls imply, read back through the API.
  const tags = await client.tags.list({ group: 7 });
  const expectedTags = Array.from({ length: TAGS / 2 }, (_, i) => `kept-${i}`).sort();
  const webhooks = (await client.webhooks.list()).events.map((w) => w.id).sort();
  const chatCounts = Object.fromEntries((await client.tags.list({ group: 0 })).map((t) => [t.name, t.count.inChats]));
  const expectedCounts = { sales: CHATS, support: 1 + [...lastTags.values()].filter((t) => t.includes("support")).length };
  const lostTagWrites = expectedTags.filter((t) => !tags.some((x) => x.name === t)).length + tags.filter((t) => !expectedTags.includes(t.name)).length;
  const lostWebhookWrites = keptWebhooks.filter((id) => !webhooks.includes(id)).length + webhooks.filter((id) => !keptWebhooks.includes(id)).length;

  const figures = {
    calls,
    concurrency: CONCURRENCY,
    wallMs: Math.round(wallMs),
    callsPerSecond: Math.round((calls / wallMs) * 1000),
    heapDeltaMb: Number(heapDeltaMb.toFixed(2)),
    lostOrDoubledTagWrites: lostTagWrites,
    lostOrDoubledWebhookWrites: lostWebhookWrites,
    chatTagCounts: chatCounts,
  };
  console.log(JSON.stringify(figures, null, 2));
  assert.equal(calls, 10_000, "every call answered");
  assert.equal(lostTagWrites, 0, "tags: no lost or doubled writes");
  assert.equal(tags.length, TAGS / 2, "tags: exactly the kept ones");
  assert.equal(lostWebhookWrites, 0, "webhooks: no lost or doubled writes");
  assert.equal(keptWebhooks.length, WEBHOOKS / 2);
  assert.deepEqual(chatCounts, expectedCounts, "chat tags: the last update of each chat won");
  assert.ok(heapDeltaMb < HEAP_LIMIT_MB, `client heap grew ${heapDeltaMb.toFixed(1)} MB (limit ${HEAP_LIMIT_MB})`);
  console.log("load test passed");
} finally {
  await mock.stop();
}
