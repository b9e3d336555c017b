// The SQLite inbox (livechat-rest-v2/webhooks/sqlite) on a real file: the shared contract, and
// what only this store promises (WAL, synchronous=FULL read back, several processes on one file).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";
import { createSqliteInbox } from "../../src/webhooks/sqlite.js";
import { createWebhookHandler, LiveChatInputError, toNodeListener, type WebhookInbox } from "../../src/webhooks/index.js";
import { createLiveChatMock } from "../../src/mock/index.js";
import { killed, pool, startReceiver } from "../helpers/receivers.js";
import { freePort } from "../helpers/redis-server.js";
import { inboxContract, until } from "./inbox-contract.js";

const dir = mkdtempSync(join(tmpdir(), "livechat-sqlite-inbox-"));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

inboxContract({
  kind: "sqlite",
  fresh: () => ({ location: join(dir, `inbox-${files++}.db`) }),
  open: ({ location }, { putTimeoutMs, ...options } = {}) => createSqliteInbox({ path: location, pollMs: 20, ...options, ...(putTimeoutMs !== undefined && { busyTimeoutMs: putTimeoutMs }) }),
  async outage({ location }) {
    const holder = new Database(location);
    holder.exec("BEGIN IMMEDIATE"); // the write lock, held until restore()
    return {
      refusal: /^SQLite's write lock was not free within busyTimeoutMs \(\d+ ms\): another connection holds it$/,
      async restore() {
        holder.exec("COMMIT");
        holder.close();
      },
    };
  },
});

test("the inbox's connection runs in WAL mode with synchronous=FULL by default, as SQLite reports", async () => {
  const path = join(dir, "pragmas.db");
  const inbox = createSqliteInbox({ path });
  expect(inbox.sqlite).toEqual({ journalMode: "wal", synchronous: "FULL" });
  await inbox.close();
  // WAL is a property of the file: another connection sees it too.
  const reader = new Database(path, { readonly: true });
  expect(reader.pragma("journal_mode", { simple: true })).toBe("wal");
  reader.close();
  const normal = createSqliteInbox({ path, synchronous: "NORMAL" });
  expect(normal.sqlite).toEqual({ journalMode: "wal", synchronous: "NORMAL" });
  await normal.close();
});

test("a put is committed before it resolves: another connection reads the event at once", async () => {
  const path = join(dir, "committed.db");
  const inbox = createSqliteInbox({ path });
  await inbox.put({ event_type: "visitor_queued", token: "t", license_id: "1", event_unique_id: "c1" });
  const reader = new Database(path, { readonly: true });
  expect(reader.prepare("SELECT id, state, attempts FROM livechat_webhook_inbox").all()).toEqual([{ id: "lc-c1", state: "ready", attempts: 0 }]);
  reader.close();
  await inbox.close();
});

describe("one group commit, several puts", () => {
  const queued = (id: string) => ({ event_type: "visitor_queued" as const, token: "t", license_id: "1", event_unique_id: id });
  /** A file whose table refuses the row `lc-poison` with RAISE(mode): a failure that concerns one event (ABORT undoes its statement) or the whole transaction (ROLLBACK). */
  async function poisoned(name: string, mode: "ABORT" | "ROLLBACK") {
    const path = join(dir, name);
    await createSqliteInbox({ path }).close(); // makes the table
    const setup = new Database(path);
    setup.exec(`CREATE TRIGGER poison BEFORE INSERT ON livechat_webhook_inbox WHEN NEW.id = 'lc-poison' BEGIN SELECT RAISE(${mode}, 'poisoned row'); END`);
    setup.close();
    return path;
  }
  const storedIds = (path: string) => {
    const reader = new Database(path, { readonly: true });
    try {
      return reader.prepare("SELECT id FROM livechat_webhook_inbox ORDER BY id").all();
    } finally {
      reader.close();
    }
  };

  test("a row SQLite refuses for one event rejects only that put; the others of the same commit are stored", async () => {
    const path = await poisoned("poison-abort.db", "ABORT");
    const inbox = createSqliteInbox({ path });
    try {
      const settled = await Promise.allSettled([inbox.put(queued("before")), inbox.put(queued("poison")), inbox.put(queued("after"))]);
      expect(settled.map((s) => (s.status === "fulfilled" ? s.value : String(s.reason)))).toEqual([
        { id: "lc-before", duplicate: false },
        "SqliteError: poisoned row",
        { id: "lc-after", duplicate: false },
      ]);
      expect(storedIds(path)).toEqual([{ id: "lc-after" }, { id: "lc-before" }]);
    } finally {
      await inbox.close();
    }
  });

  test("an error that rolls back the whole transaction rejects every put in it, and none is stored", async () => {
    const path = await poisoned("poison-rollback.db", "ROLLBACK");
    const inbox = createSqliteInbox({ path });
    try {
      const settled = await Promise.allSettled([inbox.put(queued("before")), inbox.put(queued("poison")), inbox.put(queued("after"))]);
      expect(settled.map((s) => (s.status === "fulfilled" ? s.value : String(s.reason)))).toEqual(Array(3).fill("SqliteError: poisoned row"));
      expect(storedIds(path)).toEqual([]);
      expect(await inbox.put(queued("later"))).toEqual({ id: "lc-later", duplicate: false }); // the connection goes on
    } finally {
      await inbox.close();
    }
  });
});

test.each([
  [undefined, "createSqliteInbox needs an options object with path: \"./webhooks.db\"."],
  [{}, "path must be a non-empty string: the database file, such as \"./webhooks.db\"."],
  [{ path: "x.db", leaseMs: Number.NaN }, "leaseMs must be a positive whole number of milliseconds (at most 2147483647), such as 30000."],
  [{ path: "x.db", busyTimeoutMs: -1 }, "busyTimeoutMs must be a positive whole number of milliseconds (at most 2147483647), such as 5000."],
  [{ path: "x.db", dedupeWindowMs: 1.5 }, "dedupeWindowMs must be a positive whole number of milliseconds (at most 2147483647), such as 86400000."],
  [{ path: "x.db", synchronous: "OFF" }, 'synchronous must be "FULL" (the default), "NORMAL" or "EXTRA".'],
  [{ path: "x.db", onError: "log" }, "onError must be a function, such as (error) => log.error(error)."],
  [{ path: "x.db", poll: 5 }, "createSqliteInbox has no option \"poll\"; its options are path, dedupeWindowMs, leaseMs, busyTimeoutMs, pollMs, synchronous, onError."],
])("createSqliteInbox(%j) throws LiveChatInputError before opening anything", (options, message) => {
  expect(() => createSqliteInbox(options as never)).toThrow(new LiveChatInputError(message));
});

test("two receiver processes on one file: each of 300 events delivered to both runs exactly once", async () => {
  const path = join(dir, "shared.db");
  const ports = [await freePort(), await freePort()];
  const effects = ports.map((_, i) => join(dir, `shared-${i}.log`));
  for (const file of effects) writeFileSync(file, "");
  // Both open the new file at the same moment (what an opening must survive); one that fails is reported, the other stopped.
  const started = await Promise.allSettled(ports.map((port, i) => startReceiver({ STORE: "sqlite", LOCATION: path, PORT: String(port), EFFECTS: effects[i]!, CONCURRENCY: "4", DELAY_MS: "5" })));
  const receivers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  try {
    expect(started.filter((s) => s.status === "rejected").map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
    const mock = createLiveChatMock({ credentials: { accessToken: "t" }, seed: { webhooks: ports.map((port) => ({ event_type: "chat_ended" as const, data_types: ["chat" as const], url: `http://127.0.0.1:${port}/livechat` })) } });
    const ids = Array.from({ length: 300 }, (_, i) => `shared${i}`);
    const statuses: (number | undefined)[] = [];
    await pool(ids, 16, async (id) => {
      for (const delivery of await mock.deliver({ event_type: "chat_ended", event_unique_id: id }, { redeliver: { delaysMs: [100, 100, 100] } })) statuses.push(delivery.status);
    });
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const lines = () => effects.flatMap((file) => readFileSync(file, "utf8").split("\n").filter(Boolean));
    await until(() => lines().length >= ids.length, 50);
    const db = new Database(path, { readonly: true });
    await until(() => (db.prepare("SELECT count(*) AS n FROM livechat_webhook_inbox WHERE state != 'done'").get() as { n: number }).n === 0, 50);
    db.close();
    const runs = lines().map((line) => line.split(" ")[0]!);
    expect(runs.sort()).toEqual([...ids].sort());
    expect(new Set(lines().map((line) => line.split(" ")[1])).size).toBe(2); // both processes worked
  } finally {
    await Promise.all(receivers.map((child) => killed(child)));
  }
});

describe("when a run's outcome cannot be written at once", () => {
  const queued = (id: string) => ({ event_type: "visitor_queued" as const, token: "t", license_id: "1", event_unique_id: id });
  const rowOf = (path: string) => {
    const reader = new Database(path, { readonly: true });
    try {
      return reader.prepare("SELECT state, attempts, last_error, lease_owner FROM livechat_webhook_inbox").get();
    } finally {
      reader.close();
    }
  };

  test("another connection holds the write lock past busyTimeoutMs while a run throws: the failure is written once the lock is free, and the event runs again and ends done", async () => {
    const path = join(dir, "held-outcome.db");
    const reported: unknown[] = [];
    const inbox = createSqliteInbox({ path, leaseMs: 300, busyTimeoutMs: 100, pollMs: 20, onError: (error) => void reported.push(error) });
    const holder = new Database(path);
    try {
      await inbox.put(queued("held"));
      const runs: number[] = [];
      inbox.work(
        (_e, run) => {
          runs.push(run.attempt);
          if (run.attempt > 1) return;
          holder.exec("BEGIN IMMEDIATE"); // the write of this run's failure waits for the lock: 400 ms, four busyTimeoutMs
          setTimeout(() => holder.exec("COMMIT"), 400);
          throw new Error("first run fails");
        },
        { backoff: { initialMs: 20, maxMs: 20 } },
      );
      // Unfixed, the row stayed running with attempts 1 for good (its lease renewed by the heartbeat).
      await expect.poll(() => rowOf(path), { timeout: 20_000 }).toEqual({ state: "done", attempts: 2, last_error: "first run fails", lease_owner: null });
      expect(runs).toEqual([1, 2]);
      expect(reported.length).toBeGreaterThan(0); // the failed writes were reported, each a lock that was not free
      expect(new Set(reported.map(String))).toEqual(new Set(["Error: SQLite's write lock was not free within busyTimeoutMs (100 ms): another connection holds it"]));
    } finally {
      if (holder.inTransaction) holder.exec("ROLLBACK");
      holder.close();
      await inbox.close();
    }
  });

  test("close() gives up on an outcome it cannot write instead of waiting for ever; the lease, no longer renewed, expires and another inbox runs the event again", async () => {
    const path = join(dir, "held-at-close.db");
    const first = createSqliteInbox({ path, leaseMs: 300, busyTimeoutMs: 100, pollMs: 20, onError: () => {} });
    const holder = new Database(path);
    try {
      await first.put(queued("closing"));
      const runs: number[] = [];
      first.work((_e, run) => {
        runs.push(run.attempt);
        holder.exec("BEGIN IMMEDIATE"); // held until the test ends it: the run's done cannot be written
      });
      await until(() => runs.length === 1);
      await first.close();
      expect(rowOf(path)).toEqual({ state: "running", attempts: 1, last_error: null, lease_owner: expect.any(String) });
      holder.exec("COMMIT");
      const second = createSqliteInbox({ path, leaseMs: 300, pollMs: 20 });
      const again: number[] = [];
      second.work((_e, run) => void again.push(run.attempt));
      await until(() => again.length === 1);
      expect(again).toEqual([2]);
      await second.close();
    } finally {
      if (holder.inTransaction) holder.exec("ROLLBACK");
      holder.close();
    }
  });
});

describe("while another connection holds the write lock", () => {
  /** A node:http server on a free loopback port, answering through `handler`. */
  async function listen(handler: (request: Request) => Promise<Response>) {
    const server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/livechat` };
  }

  test("the process is not blocked: another request is answered while a put waits for the lock, and the put is stored once the lock is free", async () => {
    const path = join(dir, "waiting-put.db");
    const reported: unknown[] = [];
    const inbox = createSqliteInbox({ path, busyTimeoutMs: 2_000, onError: (error) => void reported.push(error) });
    let put: "not started" | "waiting" | "settled" = "not started";
    const settled = () => void (put = "settled");
    const watched: WebhookInbox = {
      ...inbox,
      put(event) {
        put = "waiting";
        const stored = inbox.put(event);
        stored.then(settled, settled);
        return stored;
      },
    };
    const { server, url } = await listen(createWebhookHandler({ inbox: watched, onError: (error) => void reported.push(error) }));
    const holder = new Database(path);
    try {
      holder.exec("BEGIN IMMEDIATE");
      const answers: string[] = [];
      const body = JSON.stringify({ event_type: "visitor_queued", token: "t", license_id: "1", event_unique_id: "waited", visitor: { id: "v", name: "" } });
      const posted = fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body }).then(async (response) => void answers.push(`POST ${response.status} ${await response.text()}`));
      await until(() => put !== "not started");
      // Unfixed, SQLite slept inside the put for busyTimeoutMs with the event loop: this GET was
      // answered only after the POST had failed with 503.
      const other = await fetch(url);
      answers.push(`GET ${other.status} ${await other.text()}, the put ${put}`);
      holder.exec("COMMIT");
      await posted;
      expect(answers).toEqual(['GET 405 {"error":"Method not allowed: LiveChat delivers webhooks with POST"}, the put waiting', 'POST 200 {"ok":true}']);
      expect(reported).toEqual([]);
      const runs: string[] = [];
      inbox.work((event) => void runs.push(event.event_unique_id!));
      await until(() => runs.length === 1);
      expect(runs).toEqual(["waited"]);
    } finally {
      if (holder.inTransaction) holder.exec("ROLLBACK");
      holder.close();
      await new Promise((resolve) => server.close(resolve));
      await inbox.close();
    }
  });

  test("the worker's wait for the lock does not block either: a request is answered while its claim waits, and it runs the event once the lock is free", async () => {
    const path = join(dir, "waiting-claim.db");
    const reported: unknown[] = [];
    // pollMs a minute: the worker claims when work() starts, and again only when woken.
    const inbox = createSqliteInbox({ path, busyTimeoutMs: 2_000, pollMs: 60_000, onError: (error) => void reported.push(error) });
    const { server, url } = await listen(createWebhookHandler({ inbox }));
    const holder = new Database(path);
    try {
      await inbox.put({ event_type: "visitor_queued", token: "t", license_id: "1", event_unique_id: "claimed" });
      holder.exec("BEGIN IMMEDIATE");
      const runs: string[] = [];
      inbox.work((event) => void runs.push(event.event_unique_id!)); // its first claim finds the lock taken
      // Unfixed, the claim slept inside SQLite for busyTimeoutMs within work(), then failed.
      const other = await fetch(url);
      expect([other.status, reported]).toEqual([405, []]);
      holder.exec("COMMIT");
      await until(() => runs.length === 1);
      expect([runs, reported]).toEqual([["claimed"], []]);
    } finally {
      if (holder.inTransaction) holder.exec("ROLLBACK");
      holder.close();
      await new Promise((resolve) => server.close(resolve));
      await inbox.close();
    }
  });

  test("a put that cannot get the lock within busyTimeoutMs rejects saying so, with SQLite's SQLITE_BUSY as its cause", async () => {
    const path = join(dir, "refused-put.db");
    const inbox = createSqliteInbox({ path, busyTimeoutMs: 50 });
    const holder = new Database(path);
    try {
      holder.exec("BEGIN IMMEDIATE");
      const error = await inbox.put({ event_type: "visitor_queued", token: "t", license_id: "1", event_unique_id: "refused" }).catch((e: unknown) => e);
      expect(error).toEqual(new Error("SQLite's write lock was not free within busyTimeoutMs (50 ms): another connection holds it"));
      expect((error as Error).cause).toMatchObject({ name: "SqliteError", code: "SQLITE_BUSY", message: "database is locked" });
      holder.exec("ROLLBACK");
      expect(await inbox.put({ event_type: "visitor_queued", token: "t", license_id: "1", event_unique_id: "refused" })).toEqual({ id: "lc-refused", duplicate: false });
    } finally {
      if (holder.inTransaction) holder.exec("ROLLBACK");
      holder.close();
      await inbox.close();
    }
  });
});
