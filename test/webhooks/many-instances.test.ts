// Many instances on one Redis: two receiver processes (HTTP server + worker each) share a real
// redis-server, and every one of 1,000 events is delivered to both, as it would be behind two
// registered URLs or a load balancer retrying on the other node. Each handler effect must happen
// exactly once. Then the same with Redis stopped (SIGKILL) mid-run and started again: the
// receivers answer 503, do not crash, and catch up; nothing acknowledged is lost; the handlers
// that were running when Redis went away may run again, and are counted.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createLiveChatMock, type Delivery } from "../../src/mock/index.js";
import { pool, startReceiver } from "../helpers/receivers.js";
import { freePort, startRedis, type RedisServer } from "../helpers/redis-server.js";
import { until } from "./inbox-contract.js";

const EVENTS = 1_000;
const CONCURRENCY = 8;
const dir = mkdtempSync(join(tmpdir(), "livechat-instances-"));
let redis: RedisServer;
const children: ChildProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  deliveries: Delivery[];
  receivers: ChildProcess[];
  effects: () => string[];
  drained: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Two receivers on one prefix; 1,000 events delivered to both; `during` runs once `at` deliveries are acknowledged. */
async function run(prefix: string, options: { at?: number; during?: () => Promise<void> } = {}): Promise<Run> {
  const ports = [await freePort(), await freePort()];
  const files = ports.map((_, i) => join(dir, `${prefix}-${i}.log`));
  for (const file of files) writeFileSync(file, "");
  const receivers = await Promise.all(
    ports.map((port, i) =>
      startReceiver({ STORE: "redis", LOCATION: redis.url, PREFIX: prefix, PORT: String(port), EFFECTS: files[i]!, LEASE_MS: "2000", CONCURRENCY: String(CONCURRENCY), DELAY_MS: "10", PUT_TIMEOUT_MS: "1000" }),
    ),
  );
  children.push(...receivers);
  const mock = createLiveChatMock({
    credentials: { accessToken: "t" },
    seed: { webhooks: ports.map((port) => ({ event_type: "chat_ended" as const, data_types: ["chat" as const], url: `http://127.0.0.1:${port}/livechat` })) },
  });
  let acknowledged = 0;
  let during: Promise<void> | undefined;
  const counting = async (url: string, init: RequestInit) => {
    const response = await fetch(url, init);
    if (response.ok && ++acknowledged === options.at) during = options.during?.();
    return response;
  };
  const deliveries: Delivery[] = [];
  const ids = Array.from({ length: EVENTS }, (_, i) => `${prefix}${String(i).padStart(4, "0")}`);
  const redeliver = { delaysMs: Array(60).fill(250) as number[] };
  await pool(ids, 32, async (id) => {
    deliveries.push(...(await mock.deliver({ event_type: "chat_ended", event_unique_id: id }, { fetch: counting, redeliver })));
  });
  await during;
  const queue = new Queue("webhooks", { connection: { url: redis.url }, prefix });
  return {
    deliveries,
    receivers,
    effects: () => files.flatMap((file) => readFileSync(file, "utf8").split("\n").filter(Boolean)),
    drained: async () => {
      await until(async () => {
        const counts = await queue.getJobCounts("wait", "active", "delayed", "completed");
        return counts.wait === 0 && counts.active === 0 && counts.delayed === 0 && counts.completed === EVENTS;
      }, 100);
      await queue.close();
    },
    stop: async () => {
      await Promise.all(receivers.map((child) => new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGTERM")))));
    },
  };
}

const summary = (lines: string[]) => {
  const ids = new Set(lines.map((line) => line.split(" ")[0]));
  const pids = new Set(lines.map((line) => line.split(" ")[1]));
  return { runs: lines.length, events: ids.size, ids, pids };
};

test("two receivers, one Redis, each of 1,000 events delivered to both: every handler effect exactly once", async () => {
  const result = await run("twice");
  expect(result.deliveries).toHaveLength(2 * EVENTS);
  expect(result.deliveries.filter((d) => d.status !== 200)).toEqual([]);
  await result.drained();
  const { runs, events, pids } = summary(result.effects());
  await result.stop();
  console.log(`many instances: ${2 * EVENTS} deliveries, ${runs} handler runs for ${events} events, split over ${pids.size} workers`);
  expect([runs, events]).toEqual([EVENTS, EVENTS]);
  expect(pids.size).toBe(2); // both workers took part
});

test("Redis stopped mid-run: 503s, no crash, catch-up once it is back, nothing acknowledged lost; re-runs counted", async () => {
  let stoppedAt = 0;
  const result = await run("outage", {
    at: 600,
    during: async () => {
      stoppedAt = Date.now();
      await redis.kill();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await redis.start();
    },
  });
  expect(stoppedAt).toBeGreaterThan(0);
  const unavailable = result.deliveries.flatMap((d) => d.attempts).filter((a) => a.status === 503).length;
  const refused = result.deliveries.flatMap((d) => d.attempts).filter((a) => a.error !== undefined).length;
  expect(unavailable).toBeGreaterThan(0); // the receivers answered 503 while Redis was away...
  expect(refused).toBe(0); // ...and never dropped a connection
  expect(result.receivers.map((child) => child.exitCode ?? child.signalCode)).toEqual([null, null]); // nor crashed
  expect(result.deliveries.filter((d) => d.status !== 200)).toEqual([]);
  await result.drained();
  const lines = result.effects();
  const { runs, events, ids } = summary(lines);
  await result.stop();
  const reRuns = runs - events;
  console.log(`Redis outage: ${unavailable} answers 503 while it was away; ${runs} handler runs for ${events} events: ${reRuns} re-runs of handlers running when it went away`);
  expect(ids.size).toBe(EVENTS);
  // Only a job active at the outage can run again: at most both workers' concurrency.
  expect(reRuns).toBeLessThanOrEqual(2 * CONCURRENCY);
});
