// Receiving webhooks: events acknowledged per second at concurrency 64, and the p50/p99 time to
// the acknowledgement, for the receiver without a store (onEvent inline, in-memory dedupe: the
// baseline) and with each inbox (SQLite: a committed WAL transaction with synchronous=FULL per
// event; Redis: appendonly with appendfsync always). Each receiver runs in its own process; the
// load comes from this one over undici keep-alive connections, every event a new event_unique_id.
// Rounds are interleaved in rotated order, as in bench/measure.ts, so ratios pair within a round.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Pool } from "undici";
import { startRedis } from "../test/helpers/redis-server.js";
import { spawnListening } from "../test/helpers/spawn-mock.js";

const CONCURRENCY = 64;
const ROUNDS = 7;
const ROUND_MS = 1_500;
export const RECEIVERS = ["in-memory (no store)", "SQLite inbox", "Redis inbox"] as const;
type Receiver = (typeof RECEIVERS)[number];

export interface WebhookMeasurement {
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Events per second in each round, in round order: for ratios paired by round. */
  rounds: number[];
}

const body = (id: string) =>
  `{"event_type":"chat_ended","token":"0adec158e423091d5a36c9fce95775db","license_id":"1025707","event_unique_id":"${id}","chat":{"id":"MH0NQTLD8B","started_timestamp":1499350000,"messages":[{"user_type":"visitor","author_name":"Jane","text":"Hello","timestamp":1499350010}],"tags":["sales"]}}`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

/** `CONCURRENCY` senders POST events for `ms`; returns the latencies of the answered ones. */
async function load(pool: Pool, path: string, prefix: string, ms: number): Promise<number[]> {
  const latencies: number[] = [];
  const until = performance.now() + ms;
  let sent = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const { statusCode, body: answer } = await pool.request({ method: "POST", path, headers: { "content-type": "application/json" }, body: body(`${prefix}-${sent++}`) });
        await answer.text();
        if (statusCode !== 200) throw new Error(`the receiver answered ${statusCode}`);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

export async function measureWebhooks(): Promise<Record<Receiver, WebhookMeasurement>> {
  const dir = mkdtempSync(join(tmpdir(), "livechat-bench-webhooks-"));
  const redis = await startRedis();
  const servers = await Promise.all([
    spawnListening("node", ["--import", "tsx", "bench/webhook-receiver.ts"], { KIND: "memory" }),
    spawnListening("node", ["--import", "tsx", "bench/webhook-receiver.ts"], { KIND: "sqlite", LOCATION: join(dir, "inbox.db") }),
    spawnListening("node", ["--import", "tsx", "bench/webhook-receiver.ts"], { KIND: "redis", LOCATION: redis.url }),
  ]);
  const targets = servers.map((server) => new URL(server.urls[0]!));
  const pools = targets.map((url) => new Pool(url.origin, { connections: CONCURRENCY }));
  const latencies: number[][] = RECEIVERS.map(() => []);
  const rounds: number[][] = RECEIVERS.map(() => []);
  try {
    for (let i = 0; i < RECEIVERS.length; i++) await load(pools[i]!, targets[i]!.pathname, `warm-${i}`, 500);
    for (let round = 0; round < ROUNDS; round++) {
      const order = RECEIVERS.map((_, i) => i);
      const rotated = [...order.slice(round % order.length), ...order.slice(0, round % order.length)];
      for (const i of rotated) {
        const measured = await load(pools[i]!, targets[i]!.pathname, `r${round}-${i}`, ROUND_MS);
        rounds[i]!.push(Math.round((measured.length * 1000) / ROUND_MS));
        latencies[i]!.push(...measured);
      }
    }
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
    await Promise.all(servers.map((server) => server.stop()));
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return Object.fromEntries(
    RECEIVERS.map((name, i) => {
      const sorted = latencies[i]!.sort((a, b) => a - b);
      return [name, { eventsPerSecond: median(rounds[i]!), p50Ms: +percentile(sorted, 50).toFixed(2), p99Ms: +percentile(sorted, 99).toFixed(2), rounds: rounds[i]! }];
    }),
  ) as Record<Receiver, WebhookMeasurement>;
}

/** Events per second of `store` over the baseline's: the median of the per-round ratios. */
export function webhookRatio(results: Record<Receiver, WebhookMeasurement>, store: Receiver): number {
  const base = results["in-memory (no store)"].rounds;
  const ratios = results[store].rounds.map((eps, i) => eps / base[i]!);
  return ratios.sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await measureWebhooks();
  console.log(JSON.stringify(results, null, 2));
  for (const store of RECEIVERS.slice(1)) console.log(`${store} / in-memory: ${webhookRatio(results, store).toFixed(2)}`);
}
