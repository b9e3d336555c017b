// The README's receiver examples (examples/receive-webhooks*.ts), served on loopback and fed a
// delivery by the mock: without a store, with the SQLite inbox on a temporary file, and with the
// Redis inbox on a real redis-server.
import type { Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, expect, test, vi } from "vitest";
import { createLiveChatMock } from "../../src/mock/index.js";
import { startRedis, type RedisServer } from "../helpers/redis-server.js";
import { until } from "./inbox-contract.js";

const dir = mkdtempSync(join(tmpdir(), "livechat-examples-"));
let redis: RedisServer | undefined;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
afterAll(async () => {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Serves an example's server on a free port; returns a mock with a webhook registered there. */
async function deliverTo(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const port = (server.address() as { port: number }).port;
  return createLiveChatMock({
    credentials: { accessToken: "t" },
    seed: { webhooks: [{ event_type: "chat_ended", data_types: ["chat"], url: `http://livechat:change-me@127.0.0.1:${port}/livechat-webhook` }] },
  });
}

test("without a store: the 200 comes once onEvent logged the event", async () => {
  const { server } = await import("../../examples/receive-webhooks.js");
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const [delivery] = await (await deliverTo(server)).deliver({ event_type: "chat_ended" });
  expect(delivery!.status).toBe(200);
  expect(log).toHaveBeenCalledWith("chat MH0NQTLD8B ended with 1 messages");
});

test("the SQLite inbox: 200 once stored, then the worker logs the event", async () => {
  process.env.WEBHOOK_DB = join(dir, "example.db");
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const { server, inbox } = await import("../../examples/receive-webhooks-sqlite.js");
  cleanups.push(() => inbox.close());
  const [delivery] = await (await deliverTo(server)).deliver({ event_type: "chat_ended" });
  expect(delivery!.status).toBe(200);
  await until(() => log.mock.calls.some(([line]) => line === "chat MH0NQTLD8B ended with 1 messages"));
});

test("the Redis inbox: 200 once stored, then the worker logs the event", async () => {
  redis = await startRedis();
  process.env.REDIS_URL = redis.url;
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const { server, inbox } = await import("../../examples/receive-webhooks-redis.js");
  cleanups.push(() => inbox.close());
  const [delivery] = await (await deliverTo(server)).deliver({ event_type: "chat_ended" });
  expect(delivery!.status).toBe(200);
  await until(() => log.mock.calls.some(([line]) => line === "chat MH0NQTLD8B ended with 1 messages"));
});
