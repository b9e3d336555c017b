// The crash test of the SQLite inbox: a receiver process (HTTP server + worker on one SQLite
// file) takes 1,000 events from the mock, which redelivers as LiveChat does; it is killed with
// SIGKILL at five seeded random moments and started again. Every event's handler effect must be
// there; duplicates no more than the handlers in flight at the kills (read from the file right
// after each kill: the rows the dead process was running). CRASH_SEED=<n> replays a run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { createLiveChatMock, type Delivery } from "../../src/mock/index.js";
import { freePort } from "../helpers/redis-server.js";
import { killed, pool, seeded, startReceiver } from "../helpers/receivers.js";
import { until } from "./inbox-contract.js";

const EVENTS = 1_000;
const KILLS = 5;
const dir = mkdtempSync(join(tmpdir(), "livechat-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("SQLite inbox: 1,000 events, SIGKILL at five random moments, every effect present, duplicates no more than the handlers in flight", async () => {
  const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`crash test seed ${seed} (replay: CRASH_SEED=${seed} npx vitest run test/webhooks/crash.test.ts)`);
  const random = seeded(seed);
  const killAt = new Set<number>();
  while (killAt.size < KILLS) killAt.add(100 + Math.floor(random() * (EVENTS - 200)));

  const path = join(dir, "inbox.db");
  const effects = join(dir, "effects.log");
  writeFileSync(effects, "");
  const port = await freePort();
  const env = { STORE: "sqlite", LOCATION: path, PORT: String(port), EFFECTS: effects, LEASE_MS: "2000", CONCURRENCY: "8", DELAY_MS: "20" };
  let receiver = await startReceiver(env);
  const mock = createLiveChatMock({ credentials: { accessToken: "t" }, seed: { webhooks: [{ event_type: "chat_ended", data_types: ["chat"], url: `http://127.0.0.1:${port}/livechat` }] } });

  let acknowledged = 0;
  let restarting: Promise<void> = Promise.resolve(); // one restart at a time: no kill while it runs
  const kills: { afterAcks: number; inFlight: string[] }[] = [];
  const deadOwners = new Set<string>();
  let alive = true;
  const countingFetch = async (url: string, init: RequestInit) => {
    const response = await fetch(url, init);
    // Acknowledgements count while the receiver lives (a dead one's last answers still arrive).
    if (response.ok && alive && killAt.has(++acknowledged)) {
      alive = false;
      const dying = receiver;
      dying.kill("SIGKILL"); // now: the moment is the seeded one
      restarting = (async () => {
        await killed(dying);
        const db = new Database(path);
        // What the dead process was running: running rows of a worker not seen at an earlier kill.
        const rows = db.prepare("SELECT id, lease_owner FROM livechat_webhook_inbox WHERE state = 'running'").all() as { id: string; lease_owner: string }[];
        db.close();
        const mine = rows.filter((row) => !deadOwners.has(row.lease_owner));
        for (const row of mine) deadOwners.add(row.lease_owner);
        kills.push({ afterAcks: acknowledged, inFlight: mine.map((r) => r.id.replace(/^lc-/, "")) });
        receiver = await startReceiver(env);
        alive = true;
      })();
    }
    return response;
  };

  const ids = Array.from({ length: EVENTS }, (_, i) => `crash${String(i).padStart(4, "0")}`);
  const deliveries: Delivery[] = [];
  // LiveChat redelivers what got no 2xx; the schedule here covers a restart many times over.
  const redeliver = { delaysMs: Array(60).fill(200) as number[] };
  await pool(ids, 32, async (id) => {
    const [delivery] = await mock.deliver({ event_type: "chat_ended", event_unique_id: id }, { fetch: countingFetch, redeliver });
    deliveries.push(delivery!);
  });
  await restarting;
  expect(kills).toHaveLength(KILLS);
  expect(deliveries.filter((d) => d.status !== 200)).toEqual([]);

  // Every acknowledged event is processed: wait for the worker to drain the file.
  const db = new Database(path);
  const pending = db.prepare("SELECT count(*) AS n FROM livechat_webhook_inbox WHERE state != 'done'");
  await until(() => (pending.get() as { n: number }).n === 0, 50);
  db.close();
  receiver.kill("SIGTERM");
  await new Promise((resolve) => receiver.once("exit", resolve));

  const lines = readFileSync(effects, "utf8").trim().split("\n");
  const runsPerEvent = new Map<string, number>();
  for (const line of lines) runsPerEvent.set(line.split(" ")[0]!, (runsPerEvent.get(line.split(" ")[0]!) ?? 0) + 1);
  const effected = new Set(runsPerEvent.keys());
  const duplicated = [...runsPerEvent].filter(([, runs]) => runs > 1).map(([id]) => id);
  const duplicates = lines.length - effected.size;
  const inFlightIds = new Set(kills.flatMap((k) => k.inFlight));
  const inFlight = kills.reduce((sum, k) => sum + k.inFlight.length, 0); // an event may be in flight at two kills
  const redelivered = deliveries.reduce((sum, d) => sum + d.attempts.length - 1, 0);
  console.log(
    `crash test: kills after ${kills.map((k) => `${k.afterAcks} acks (${k.inFlight.length} in flight)`).join(", ")}; ` +
      `${lines.length} handler runs for ${effected.size} events, ${duplicates} duplicates against ${inFlight} handlers in flight at the kills (${inFlightIds.size} distinct events); ` +
      `${redelivered} redeliveries`,
  );
  expect([...effected].sort()).toEqual(ids);
  // Only an event whose handler was running at a kill may have run twice (once per kill at most).
  expect(duplicated.filter((id) => !inFlightIds.has(id))).toEqual([]);
  expect(duplicates).toBeLessThanOrEqual(inFlight);
});
