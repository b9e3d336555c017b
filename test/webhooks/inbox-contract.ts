// The inbox contract: what every store promises (src/webhooks/inbox.ts), one suite run once per
// store (test/webhooks/sqlite-inbox.test.ts, test/webhooks/redis-inbox.test.ts), the way the
// client's suite runs once per transport.
import { spawn } from "node:child_process";
import { afterEach, describe, expect, test } from "vitest";
import { createWebhookHandler, isLiveChatInputError, LiveChatInputError, type InboxRun, type LiveChatWebhookEvent, type WebhookInbox } from "../../src/webhooks/index.js";
import { ROOT } from "../helpers/run.js";
import { PAYLOADS } from "../helpers/payloads.js";

export interface StoreUnderTest {
  /** A new, empty store: a file path, or a Redis URL with a fresh prefix. */
  fresh(): { location: string; prefix?: string };
  /** `putTimeoutMs`: how long a put may wait for the store (SQLite's busyTimeoutMs, Redis's putTimeoutMs). */
  open(where: { location: string; prefix?: string }, options?: { dedupeWindowMs?: number; leaseMs?: number; putTimeoutMs?: number; onError?: (error: unknown) => void }): WebhookInbox;
  /**
   * Makes the store unable to take writes until `restore()`: SQLite, another connection holding
   * the write lock; Redis, the server killed. `refusal` matches the message a put rejects with.
   */
  outage(where: { location: string; prefix?: string }): Promise<{ refusal: RegExp; restore(): Promise<void> }>;
  /** For the receiver fixture: `sqlite` or `redis`. */
  kind: "sqlite" | "redis";
}

/** Polls until `check` is true; the test's own timeout bounds it. */
export async function until(check: () => boolean | Promise<boolean>, everyMs = 10): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, everyMs));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const event = (id?: string): LiveChatWebhookEvent => {
  const { event_unique_id: _, ...rest } = PAYLOADS.chat_ended;
  return (id === undefined ? rest : { ...rest, event_unique_id: id }) as unknown as LiveChatWebhookEvent;
};
const post = (body: unknown) => new Request("http://127.0.0.1/livechat", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const fast = { backoff: { initialMs: 20, maxMs: 200 } };

export function inboxContract(store: StoreUnderTest): void {
  const opened: WebhookInbox[] = [];
  const open = (where: ReturnType<StoreUnderTest["fresh"]>, options?: Parameters<StoreUnderTest["open"]>[1]) => {
    const inbox = store.open(where, options);
    opened.push(inbox);
    return inbox;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((inbox) => inbox.close()));
  });

  /** Starts a receiver process on `where` whose handler hangs, waits until it runs `id`, and SIGKILLs it mid-run. */
  async function killMidRun(where: ReturnType<StoreUnderTest["fresh"]>, id: string): Promise<void> {
    const child = spawn("node", ["--import", "tsx", "test/webhooks/fixtures/receiver.ts"], {
      cwd: ROOT,
      env: { ...process.env, STORE: store.kind, LOCATION: where.location, PREFIX: where.prefix ?? "", LEASE_MS: "500", HANG: "1", QUIET: "1" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    await until(() => out.includes(`started ${id}`), 20);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  describe(`the ${store.kind} inbox contract`, () => {
    test("stores an event and runs the handler on it once, with its id and attempt 1", async () => {
      const inbox = open(store.fresh());
      expect(await inbox.put(event("aaaa0001"))).toEqual({ id: "lc-aaaa0001", duplicate: false });
      const runs: [LiveChatWebhookEvent, InboxRun][] = [];
      inbox.work((e, run) => void runs.push([e, run]));
      await until(() => runs.length === 1);
      expect(runs).toEqual([[event("aaaa0001"), { id: "lc-aaaa0001", attempt: 1 }]]);
    });

    test("a repeat of an event_unique_id is a duplicate: stored once, run once, before and after the run", async () => {
      const inbox = open(store.fresh());
      expect(await inbox.put(event("dup1"))).toEqual({ id: "lc-dup1", duplicate: false });
      expect(await inbox.put(event("dup1"))).toEqual({ id: "lc-dup1", duplicate: true });
      const runs: string[] = [];
      inbox.work((_e, run) => void runs.push(run.id));
      await until(() => runs.length === 1);
      expect(await inbox.put(event("dup1"))).toEqual({ id: "lc-dup1", duplicate: true });
      await inbox.put(event("after")); // a barrier: once it has run, a second run of dup1 would have too
      await until(() => runs.length === 2);
      expect(runs).toEqual(["lc-dup1", "lc-after"]);
    });

    test("the dedupe is shared by every inbox on the same store", async () => {
      const where = store.fresh();
      const [a, b] = [open(where), open(where)];
      expect((await a.put(event("shared"))).duplicate).toBe(false);
      expect((await b.put(event("shared"))).duplicate).toBe(true);
    });

    test("an event without event_unique_id is stored under an id of the inbox's own, never deduplicated", async () => {
      const inbox = open(store.fresh());
      const [first, second] = [await inbox.put(event()), await inbox.put(event())];
      expect([first.duplicate, second.duplicate]).toEqual([false, false]);
      expect(first.id).toMatch(/^own-[0-9a-f-]{36}$/);
      expect(second.id).not.toBe(first.id);
      const runs: string[] = [];
      inbox.work((_e, run) => void runs.push(run.id));
      await until(() => runs.length === 2);
      expect(runs.sort()).toEqual([first.id, second.id].sort());
    });

    test.each([
      ["12345", "lc-12345"],
      ["a:b", "lc-a%3Ab"],
      ["0", "lc-0"],
      ["x y/ü", "lc-x%20y%2F%C3%BC"],
      ["\u{1F600}", "lc-%F0%9F%98%80"],
      // A lone surrogate (JSON may carry "\ud800"; parseWebhook accepts it) has no UTF-8 form:
      // it is written %uD800, which encodeURIComponent never writes, so no two IDs meet.
      ["\ud800", "lc-%uD800"],
      ["a\udc00b\ud83d", "lc-a%uDC00b%uD83D"],
      ["%uD800", "lc-%25uD800"],
    ])("event_unique_id %j is stored as %s (no ':', never all digits)", async (unique, id) => {
      const inbox = open(store.fresh());
      expect(await inbox.put(event(unique))).toEqual({ id, duplicate: false });
      expect(await inbox.put(event(unique))).toEqual({ id, duplicate: true });
      const runs: string[] = [];
      inbox.work((e) => void runs.push(e.event_unique_id!));
      await until(() => runs.length === 1);
      expect(runs).toEqual([unique]);
    });

    test("three deliveries at once, the middle one's event_unique_id a lone surrogate: all three answer 200, and each is stored and runs once", async () => {
      const inbox = open(store.fresh());
      const handle = createWebhookHandler({ inbox });
      const ids = ["good-1", "bad-\ud800", "good-2"];
      // Before the fix the lone surrogate threw inside SQLite's group commit: all three got 503.
      const answers = await Promise.all(ids.map((id) => handle(post({ ...PAYLOADS.chat_started, event_unique_id: id }))));
      expect(await Promise.all(answers.map(async (answer) => [answer.status, await answer.text()]))).toEqual(ids.map(() => [200, '{"ok":true}']));
      // Deduplicated like any other ID, and kept apart from the IDs a lossy encoding would merge it with.
      expect(await inbox.put(event("bad-\ud800"))).toEqual({ id: "lc-bad-%uD800", duplicate: true });
      expect(await inbox.put(event("bad-\ud801"))).toEqual({ id: "lc-bad-%uD801", duplicate: false });
      expect(await inbox.put(event("bad-\ufffd"))).toEqual({ id: "lc-bad-%EF%BF%BD", duplicate: false });
      const runs: string[] = [];
      inbox.work((e) => void runs.push(e.event_unique_id!));
      await until(() => runs.length === 5);
      expect(runs.sort()).toEqual(["bad-\ud800", "bad-\ud801", "bad-\ufffd", "good-1", "good-2"].sort());
    });

    test("a put that fails for its own event rejects alone: the puts made at the same moment are stored", async () => {
      const inbox = open(store.fresh());
      const unstorable = { ...event("unstorable"), count: 1n } as unknown as LiveChatWebhookEvent; // JSON has no BigInt
      const settled = await Promise.allSettled([inbox.put(event("beside-1")), inbox.put(unstorable), inbox.put(event("beside-2"))]);
      // The Redis inbox reports a copy of what its store call threw (redis-errors.ts): read as text.
      expect(settled.map((s) => (s.status === "fulfilled" ? s.value : String(s.reason)))).toEqual([
        { id: "lc-beside-1", duplicate: false },
        "TypeError: Do not know how to serialize a BigInt",
        { id: "lc-beside-2", duplicate: false },
      ]);
      const runs: string[] = [];
      inbox.work((e) => void runs.push(e.event_unique_id!));
      await until(() => runs.length === 2);
      expect(runs.sort()).toEqual(["beside-1", "beside-2"]);
    });

    test("a throwing handler runs again after at least half its doubling backoff (50 ms, then 100 ms), and the event is done once it resolves", async () => {
      const inbox = open(store.fresh());
      await inbox.put(event("flaky"));
      const runs: { attempt: number; at: number }[] = [];
      inbox.work(
        (_e, run) => {
          runs.push({ attempt: run.attempt, at: performance.now() });
          if (run.attempt < 3) throw new Error(`try ${run.attempt}`);
        },
        { backoff: { initialMs: 100, maxMs: 1000 } },
      );
      await until(() => runs.length === 3);
      expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
      // Half the exponential delay at least (100 ms, then 200 ms). The jitter on top (up to as much
      // again) is retryDelayMs's, which both stores use: its table is in inbox.test.ts.
      expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(50 - 5);
      expect(runs[2]!.at - runs[1]!.at).toBeGreaterThanOrEqual(100 - 5);
      expect(await inbox.failed()).toEqual([]);
      expect((await inbox.put(event("flaky"))).duplicate).toBe(true);
    });

    test("after maxAttempts the event is listed as failed, and onError is told; retry(id) runs it again with a fresh count", async () => {
      const reported: unknown[] = [];
      const inbox = open(store.fresh(), { onError: (error) => void reported.push(error) });
      await inbox.put(event("doomed"));
      let fix = false;
      const attempts: number[] = [];
      const before = Date.now();
      inbox.work(
        (_e, run) => {
          attempts.push(run.attempt);
          if (!fix) throw new Error(`database down (run ${run.attempt})`);
        },
        { maxAttempts: 3, ...fast },
      );
      await until(async () => (await inbox.failed()).length === 1);
      const [failed] = await inbox.failed();
      expect(failed).toEqual({ id: "lc-doomed", event: event("doomed"), attempts: 3, lastError: "database down (run 3)", failedAt: expect.any(Date) });
      expect(failed!.failedAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(attempts).toEqual([1, 2, 3]);
      await until(() => reported.length === 1);
      expect(reported.map((e) => [e instanceof Error, (e as Error).message])).toEqual([
        [true, 'event lc-doomed failed 3 times (maxAttempts) and is now in inbox.failed(): fix the cause, then inbox.retry("lc-doomed"). Its last error: database down (run 3)'],
      ]);
      // A redelivery of a failed event is a duplicate: it stays failed, stored once.
      expect((await inbox.put(event("doomed"))).duplicate).toBe(true);
      expect((await inbox.failed()).map((f) => f.id)).toEqual(["lc-doomed"]);

      fix = true;
      await inbox.retry("lc-doomed");
      await until(() => attempts.length === 4);
      expect(attempts).toEqual([1, 2, 3, 1]);
      await until(async () => (await inbox.failed()).length === 0);
    });

    test("retry of an id that is not a failed event throws LiveChatInputError", async () => {
      const inbox = open(store.fresh());
      await inbox.put(event("waiting"));
      for (const id of ["lc-nope", "lc-waiting"]) {
        const error = await inbox.retry(id).catch((e: unknown) => e);
        expect(isLiveChatInputError(error)).toBe(true);
        expect((error as Error).message).toBe(`retry: ${JSON.stringify(id)} is not a failed event (take the id from inbox.failed()).`);
      }
    });

    test("runs at most `concurrency` handlers at once", async () => {
      const inbox = open(store.fresh());
      for (let i = 0; i < 10; i++) await inbox.put(event(`c${i}`));
      let now = 0;
      let most = 0;
      let done = 0;
      inbox.work(
        async () => {
          most = Math.max(most, ++now);
          await sleep(30);
          now--;
          done++;
        },
        { concurrency: 3 },
      );
      await until(() => done === 10);
      expect(most).toBe(3);
    });

    test("close() waits for the running handlers and takes no more work; another inbox runs what is left", async () => {
      const where = store.fresh();
      const inbox = open(where);
      await inbox.put(event("first"));
      let release!: () => void;
      const seen: string[] = [];
      inbox.work(async (e) => {
        seen.push(e.event_unique_id!);
        await new Promise<void>((resolve) => (release = resolve));
      });
      await until(() => seen.length === 1);
      await inbox.put(event("second"));
      let closed = false;
      const closing = inbox.close().then(() => (closed = true));
      await sleep(100);
      expect(closed).toBe(false);
      release();
      await closing;
      expect(seen).toEqual(["first"]);
      await expect(inbox.put(event("third"))).rejects.toThrow("The inbox is closed");

      const next = open(where);
      const later: string[] = [];
      next.work((e) => void later.push(e.event_unique_id!));
      await until(() => later.length === 1);
      expect(later).toEqual(["second"]);
      expect((await next.put(event("first"))).duplicate).toBe(true);
    });

    test("an event whose worker was killed mid-run runs again once the lease expires", async () => {
      const where = store.fresh();
      const inbox = open(where, { leaseMs: 500 });
      await inbox.put(event("orphan"));
      await killMidRun(where, "lc-orphan");
      const runs: InboxRun[] = [];
      inbox.work((_e, run) => void runs.push(run));
      await until(() => runs.length === 1);
      expect(runs).toEqual([{ id: "lc-orphan", attempt: 2 }]);
    });

    test("a run cut short by a crash counts as an attempt: past maxAttempts the event fails, and onError is told", async () => {
      const where = store.fresh();
      const reported: unknown[] = [];
      const inbox = open(where, { leaseMs: 500, onError: (error) => void reported.push(error) });
      await inbox.put(event("poison"));
      await killMidRun(where, "lc-poison");
      const runs: number[] = [];
      inbox.work((_e, run) => void runs.push(run.attempt), { maxAttempts: 1 });
      await until(async () => (await inbox.failed()).length === 1);
      const [failed] = await inbox.failed();
      expect([failed!.id, failed!.attempts, failed!.lastError, runs]).toEqual(["lc-poison", 1, "The run did not finish before its lease expired (did the worker stop?)", []]);
      await until(() => reported.length === 1);
      expect(reported.map((e) => [e instanceof Error, (e as Error).message])).toEqual([
        [true, 'event lc-poison failed 1 time (maxAttempts) and is now in inbox.failed(): fix the cause, then inbox.retry("lc-poison"). Its last error: The run did not finish before its lease expired (did the worker stop?)'],
      ]);
    });

    test("past the dedupe window after its run, the same event_unique_id is stored and run again", async () => {
      const inbox = open(store.fresh(), { dedupeWindowMs: 300 });
      await inbox.put(event("again"));
      const runs: string[] = [];
      inbox.work((e) => void runs.push(e.event_unique_id!));
      await until(() => runs.length === 1);
      expect((await inbox.put(event("again"))).duplicate).toBe(true);
      await sleep(400);
      expect((await inbox.put(event("again"))).duplicate).toBe(false);
      await until(() => runs.length === 2);
    });

    test("work is checked: a bad option or a second worker throws LiveChatInputError", () => {
      const inbox = open(store.fresh());
      expect(() => inbox.work(undefined as never)).toThrow(new LiveChatInputError("inbox.work(handler) must be a function, such as async (event) => { ... }."));
      expect(() => inbox.work(() => {}, { concurrency: 0 })).toThrow(new LiveChatInputError("concurrency must be a whole number from 1 to 10000, such as 1."));
      expect(() => inbox.work(() => {}, { maxAttempts: Number.NaN })).toThrow(new LiveChatInputError("maxAttempts must be a whole number from 1 to 1000000, such as 10."));
      expect(() => inbox.work(() => {}, { backoff: { initialMs: 500, maxMs: 100 } })).toThrow(new LiveChatInputError("backoff.maxMs must be at least backoff.initialMs."));
      inbox.work(() => {});
      expect(() => inbox.work(() => {})).toThrow(new LiveChatInputError("inbox.work was called already: one worker per inbox (raise its concurrency instead)."));
    });

    test("while the store cannot take an event: put rejects, the receiver answers 503 and calls onError; after recovery the redelivery gets 200 and runs once", async () => {
      const where = store.fresh();
      const inbox = open(where, { putTimeoutMs: 200 });
      const reported: [unknown, LiveChatWebhookEvent][] = [];
      const handle = createWebhookHandler({ inbox, onError: (error, e) => void reported.push([error, e]) });
      const body = { ...PAYLOADS.chat_started, event_unique_id: "outage" };
      await inbox.put(event("before")); // connected and working before the outage
      const outage = await store.outage(where);
      try {
        await expect(inbox.put(event("refused"))).rejects.toThrow(outage.refusal);
        const refused = await handle(post(body));
        expect([refused.status, await refused.json()]).toEqual([503, { error: "The event could not be stored; deliver it again" }]);
        expect(reported).toEqual([[expect.objectContaining({ message: expect.stringMatching(outage.refusal) }), body]]);
      } finally {
        await outage.restore();
      }
      // LiveChat delivers again until it gets a 200 (a Redis client takes a moment to reconnect).
      const answers: unknown[] = [];
      await until(async () => {
        const response = await handle(post(body));
        answers.push([response.status, await response.json()]);
        return response.status === 200;
      }, 50);
      expect(answers.at(-1)).toEqual([200, { ok: true }]); // stored now, not a duplicate: the refused delivery left nothing
      expect(answers.slice(0, -1).filter((answer) => (answer as unknown[])[0] !== 503)).toEqual([]);
      const runs: string[] = [];
      inbox.work((e) => void runs.push(e.event_unique_id!));
      await until(() => runs.length === 2);
      const again = await handle(post(body));
      expect([again.status, await again.json()]).toEqual([200, { ok: true, duplicate: true }]);
      await inbox.put(event("after")); // a barrier: once it has run, a second run of "outage" would have too
      await until(() => runs.length === 3);
      expect(runs.sort()).toEqual(["after", "before", "outage"]);
    });

    test("behind createWebhookHandler: 200 once stored, 200 duplicate for a repeat, and the handler runs", async () => {
      const inbox = open(store.fresh());
      const handle = createWebhookHandler({ inbox });
      const body = { ...PAYLOADS.chat_started, event_unique_id: "via-http" };
      const first = await handle(post(body));
      expect([first.status, await first.json()]).toEqual([200, { ok: true }]);
      const again = await handle(post(body));
      expect([again.status, await again.json()]).toEqual([200, { ok: true, duplicate: true }]);
      const runs: unknown[] = [];
      inbox.work((e) => void runs.push(e));
      await until(() => runs.length === 1);
      expect(runs).toEqual([body]);
    });
  });
}
