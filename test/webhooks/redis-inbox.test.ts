// The Redis inbox (livechat-rest-v2/webhooks/redis) on a real redis-server started for this file:
// the shared contract, and what only this store promises (a prompt 503 while Redis is away,
// nothing acknowledged lost when it comes back, a close() that does not wait for it to come back).
import { spawn } from "node:child_process";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createRedisInbox, type RedisConnection } from "../../src/webhooks/redis.js";
import { createWebhookHandler, LiveChatInputError, type InboxRun, type LiveChatWebhookEvent } from "../../src/webhooks/index.js";
import { PAYLOADS } from "../helpers/payloads.js";
import { freePort, startRedis, type RedisServer } from "../helpers/redis-server.js";
import { ROOT } from "../helpers/run.js";
import { inboxContract, until } from "./inbox-contract.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The default reporter's line for a lost Redis: its first error, a reset connection or a refused reconnection. */
const lostLine = (port: number) =>
  new RegExp(`^livechat-rest-v2: the Redis inbox: Redis is unreachable \\((read ECONNRESET|connect ECONNREFUSED 127\\.0\\.0\\.1:${port})\\); retrying, and puts fail \\(the receiver answers 503\\) until it is back$`);

let redis: RedisServer;
let prefixes = 0;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.stop());

inboxContract({
  kind: "redis",
  fresh: () => ({ location: redis.url, prefix: `contract-${process.pid}-${prefixes++}` }),
  open: ({ location, prefix }, options = {}) => createRedisInbox({ connection: location, prefix: prefix!, onError: () => {}, ...options }),
  async outage() {
    await redis.kill(); // SIGKILL: with appendfsync always, what it acknowledged is on disk
    return {
      // The inbox refuses at once while its connection is down (ioredis's own error is the cause).
      refusal: /^Redis is unreachable: the event was not stored$/,
      restore: () => redis.start(),
    };
  },
});

test.each([
  [undefined, 'createRedisInbox needs an options object with connection: "redis://127.0.0.1:6379".'],
  [{}, 'connection must be a redis:// URL or options such as { host: "127.0.0.1", port: 6379 }.'],
  [{ connection: "http://127.0.0.1:6379" }, 'connection must be a redis:// or rediss:// URL, or options such as { host: "127.0.0.1", port: 6379 }.'],
  [{ connection: { keyPrefix: "x" } }, "connection.keyPrefix is not supported: use the prefix option."],
  [{ connection: "redis://127.0.0.1:1", prefix: "" }, 'prefix must be a non-empty string: the prefix of every key, such as "livechat".'],
  [{ connection: "redis://127.0.0.1:1", putTimeoutMs: Number.POSITIVE_INFINITY }, "putTimeoutMs must be a positive whole number of milliseconds (at most 2147483647), such as 5000."],
  [{ connection: "redis://127.0.0.1:1", leaseMs: 0 }, "leaseMs must be a positive whole number of milliseconds (at most 2147483647), such as 30000."],
  [{ connection: "redis://127.0.0.1:1", queue: "x" }, 'createRedisInbox has no option "queue"; its options are connection, prefix, dedupeWindowMs, leaseMs, putTimeoutMs, onError.'],
])("createRedisInbox(%j) throws LiveChatInputError before connecting", (options, message) => {
  expect(() => createRedisInbox(options as never)).toThrow(new LiveChatInputError(message));
});

describe("while Redis is away", () => {
  const body = (id: string) => JSON.stringify({ event_type: "visitor_queued", token: "t", license_id: "1", event_unique_id: id, visitor: { id: "v", name: "" } });
  const post = (id: string) => new Request("http://127.0.0.1/livechat", { method: "POST", headers: { "Content-Type": "application/json" }, body: body(id) });

  test("a stopped Redis: the receiver answers 503 at once (no offline queue), and takes the event once Redis is back; nothing acknowledged is lost", async () => {
    const own = await startRedis();
    const reported: unknown[] = [];
    const inbox = createRedisInbox({ connection: own.url, prefix: "outage", putTimeoutMs: 60_000, onError: () => {} });
    try {
      const handle = createWebhookHandler({ inbox, ackTimeoutMs: 60_000, onError: (error) => void reported.push(error) });
      expect((await handle(post("before"))).status).toBe(200);
      await own.kill();
      const refused = await handle(post("during"));
      expect([refused.status, await refused.json()]).toEqual([503, { error: "The event could not be stored; deliver it again" }]);
      // Refused at once, not by a timer: both deadlines here are a minute long.
      expect(String(reported[0])).toBe("Error: Redis is unreachable: the event was not stored");
      await own.start();
      let answered = 0;
      await until(async () => (answered = (await handle(post("during"))).status) === 200, 50);
      expect(answered).toBe(200);
      const runs: string[] = [];
      inbox.work((event) => void runs.push(event.event_unique_id!));
      await until(() => runs.length === 2);
      expect(runs.sort()).toEqual(["before", "during"]);
    } finally {
      await inbox.close();
      await own.stop();
    }
  });

  test("a Redis that was never reachable: the put fails once the connection attempt fails, not at putTimeoutMs; the receiver answers 503", async () => {
    const port = await freePort();
    const reported: unknown[] = [];
    const inbox = createRedisInbox({ connection: `redis://127.0.0.1:${port}`, prefix: "never-put", putTimeoutMs: 60_000, onError: () => {} });
    try {
      const handle = createWebhookHandler({ inbox, ackTimeoutMs: 60_000, onError: (error) => void reported.push(error) });
      const response = await handle(post("never")); // before the fix: a minute (putTimeoutMs), past the test's timeout
      expect([response.status, await response.json()]).toEqual([503, { error: "The event could not be stored; deliver it again" }]);
      expect(reported.map(String)).toEqual(["Error: Redis is unreachable: the event was not stored"]);
      expect(String((reported[0] as Error).cause)).toBe(`Error: connect ECONNREFUSED 127.0.0.1:${port}`);
    } finally {
      await inbox.close();
    }
  });

  test("a Redis that accepts the connection but never answers: the put gives up at putTimeoutMs and the receiver answers 503", async () => {
    const own = await startRedis();
    const reported: unknown[] = [];
    const inbox = createRedisInbox({ connection: own.url, prefix: "stuck", putTimeoutMs: 300, onError: () => {} });
    try {
      const handle = createWebhookHandler({ inbox, onError: (error) => void reported.push(error) });
      expect((await handle(post("warm-up"))).status).toBe(200);
      own.pause();
      const response = await handle(post("stuck"));
      own.resume();
      expect(response.status).toBe(503);
      expect(reported.map(String)).toEqual(["Error: Redis did not store the event within putTimeoutMs (300 ms)"]);
      const runs: string[] = [];
      inbox.work((event) => void runs.push(event.event_unique_id!));
      // The write may still have landed after the deadline: LiveChat's redelivery is then a duplicate.
      const again = await handle(post("stuck"));
      expect(again.status).toBe(200);
      await until(() => runs.includes("stuck") && runs.includes("warm-up"));
    } finally {
      await inbox.close();
      await own.stop();
    }
  });
});

describe("close()", () => {
  const event = (id: string) => ({ ...PAYLOADS.chat_started, event_unique_id: id }) as unknown as LiveChatWebhookEvent;

  test("with Redis gone, close() waits for the running handler, then drops the connections and resolves: they stop retrying, and the run whose outcome was not recorded runs again", async () => {
    const own = await startRedis();
    const errors: unknown[] = [];
    const inbox = createRedisInbox({ connection: own.url, prefix: "close-down", leaseMs: 1000, putTimeoutMs: 500, onError: (error) => void errors.push(error) });
    try {
      await inbox.put(event("running"));
      let release!: () => void;
      const seen: string[] = [];
      inbox.work(async (e) => {
        seen.push(e.event_unique_id!);
        await new Promise<void>((resolve) => (release = resolve));
      });
      await until(() => seen.length === 1);
      await own.kill();
      let closed = false;
      const closing = inbox.close().then(() => (closed = true));
      await sleep(300);
      expect(closed).toBe(false); // the handler still runs
      release();
      await closing; // before the fix: never, not even once Redis is back
      const reported = errors.length;
      await sleep(1500); // ioredis retries every second at most: a connection still retrying would report
      expect(errors.length).toBe(reported);

      await own.start();
      const next = createRedisInbox({ connection: own.url, prefix: "close-down", leaseMs: 1000, onError: () => {} });
      const again: InboxRun[] = [];
      next.work((_e, run) => void again.push(run));
      await until(() => again.length === 1);
      await next.close();
      expect(again).toEqual([{ id: "lc-running", attempt: 2 }]);
    } finally {
      await own.stop();
    }
  });

  test("close() of an inbox whose Redis was never reachable resolves", async () => {
    const inbox = createRedisInbox({ connection: `redis://127.0.0.1:${await freePort()}`, prefix: "never", putTimeoutMs: 500, onError: () => {} });
    inbox.work(() => {});
    await sleep(300); // a few connection attempts
    await inbox.close(); // before the fix: never
  });

  test("the README's Redis receiver exits on SIGTERM while Redis is gone", async () => {
    const own = await startRedis();
    const port = await freePort();
    const child = spawn("node", ["--import", "tsx", "examples/receive-webhooks-redis.ts"], {
      cwd: ROOT,
      env: { ...process.env, REDIS_URL: own.url, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await until(() => out.includes("receiving LiveChat webhooks"), 20);
      const response = await fetch(`http://127.0.0.1:${port}/livechat-webhook`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Basic ${btoa("livechat:change-me")}` },
        body: JSON.stringify({ ...PAYLOADS.chat_ended, event_unique_id: "readme-sigterm" }),
      });
      expect(response.status).toBe(200);
      await until(() => out.includes("chat MH0NQTLD8B ended"), 20);
      await own.kill();
      await sleep(1000);
      child.kill("SIGTERM");
      expect(await exited).toBe(0); // before the fix: still running a minute later
      // The default reporter: one line for the outage, not a stack trace per reconnection attempt.
      expect(err.split("\n")).toEqual([expect.stringMatching(lostLine(own.port)), ""]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await own.stop();
    }
  });
});

test("an event whose worker was killed mid-run runs again between leaseMs / 2 and 1.25 × leaseMs after the kill", async () => {
  // The lease is renewed at least every leaseMs / 2, so the dead worker's lease runs out between
  // leaseMs / 2 and leaseMs after the kill; a stalled check every leaseMs / 4 then hands it over.
  const leaseMs = 4000;
  const prefix = `lease-${process.pid}`;
  const inbox = createRedisInbox({ connection: redis.url, prefix, leaseMs, onError: () => {} });
  try {
    await inbox.put({ ...PAYLOADS.chat_started, event_unique_id: "orphan" } as unknown as LiveChatWebhookEvent);
    const child = spawn("node", ["--import", "tsx", "test/webhooks/fixtures/receiver.ts"], {
      cwd: ROOT,
      env: { ...process.env, STORE: "redis", LOCATION: redis.url, PREFIX: prefix, LEASE_MS: String(leaseMs), HANG: "1", QUIET: "1" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    await until(() => out.includes("started lc-orphan"), 10);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    const killedAt = performance.now();
    await exited;
    const runs: { run: InboxRun; at: number }[] = [];
    inbox.work((_e, run) => void runs.push({ run, at: performance.now() }));
    await until(() => runs.length === 1);
    const after = runs[0]!.at - killedAt;
    console.log(`leaseMs ${leaseMs}: the killed worker's event ran again ${Math.round(after)} ms after the kill`);
    expect(runs[0]!.run).toEqual({ id: "lc-orphan", attempt: 2 });
    expect(after).toBeGreaterThanOrEqual(leaseMs / 2);
    expect(after).toBeLessThanOrEqual(1.25 * leaseMs + leaseMs / 4); // the bound, and a quarter lease of slack for a busy machine
  } finally {
    await inbox.close();
  }
});

describe("a Redis outage is reported once, not once per reconnection attempt", () => {
  const event = (id: string) => ({ ...PAYLOADS.chat_started, event_unique_id: id }) as unknown as LiveChatWebhookEvent;

  /** An inbox with a worker on its own Redis, which is stopped for three seconds and started again. */
  async function outage(options: { onError?: (error: unknown) => void }) {
    const own = await startRedis();
    const inbox = createRedisInbox({ connection: own.url, prefix: "outage-report", ...options });
    try {
      inbox.work(() => {});
      await inbox.put(event("before"));
      await own.kill();
      await sleep(3000); // about 3 connections × 8 attempts refused
      await own.start();
      await until(() => inbox.put(event("after")).then(() => true, () => false), 50);
      await sleep(1500); // a connection still retrying would report within a second
    } finally {
      await inbox.close();
      await own.stop();
    }
    return own.port;
  }

  test("onError gets each distinct connection error once per outage", async () => {
    const errors: unknown[] = [];
    const port = await outage({ onError: (error) => void errors.push(error) });
    console.log(`a 3 s outage: onError called ${errors.length} times: ${errors.map(String).join(", ")}`);
    // The reconnections are refused; the connections' end may first read a reset.
    const refused = `Error: connect ECONNREFUSED 127.0.0.1:${port}`;
    expect([[refused], ["Error: read ECONNRESET", refused]]).toContainEqual(errors.map(String));
  });

  test("without onError: one console.error line when Redis is lost, one console.info line when it is back", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    try {
      const port = await outage({});
      expect(error.mock.calls).toEqual([[expect.stringMatching(lostLine(port))]]);
      expect(info.mock.calls).toEqual([[expect.stringMatching(/^livechat-rest-v2: the Redis inbox: Redis is reachable again after \d+\.\d s$/)]]);
      const seconds = Number(/after (\S+) s/.exec(info.mock.calls[0]![0] as string)![1]);
      expect(seconds).toBeGreaterThanOrEqual(3); // the outage lasted three seconds at least
    } finally {
      error.mockRestore();
      info.mockRestore();
    }
  });
});

describe("a wrong password: no error carries it, and it is reported once, saying what to fix", () => {
  // ioredis attaches the failed command to a reply error, and the handshake's carries the
  // password: { name: "hello", args: ["3", "AUTH", "default", "<password>"] }.
  const WRONG = "WrongPass999";
  const RIGHT = "RealPass123";
  const REFUSED = "ReplyError: Redis refused the password: check the connection option (WRONGPASS invalid username-password pair or user is disabled.)";
  const NOT_STORED = "Error: Redis refused the password: the event was not stored (check the connection option)";
  let locked: RedisServer;
  beforeAll(async () => {
    locked = await startRedis({ args: ["--requirepass", RIGHT] });
  });
  afterAll(() => locked?.stop());

  const event = (id: string) => ({ ...PAYLOADS.chat_started, event_unique_id: id }) as unknown as LiveChatWebhookEvent;
  const post = (id: string) => new Request("http://127.0.0.1/livechat", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(event(id)) });
  /** Every way a user reads an error. */
  const views = (error: unknown) => [String(error), JSON.stringify(error), inspect(error), inspect(error, { depth: Infinity, showHidden: true }), String((error as Error).cause)];
  const connections: [string, (port: number, password: string) => RedisConnection][] = [
    ["a URL", (port, password) => `redis://:${password}@127.0.0.1:${port}`],
    ["options", (port, password) => ({ host: "127.0.0.1", port, password })],
  ];

  test.each(connections)("connection as %s: onError hears of it once; the put's error and the receiver's report name no password", async (form, connection) => {
    // The right password works: what fails below is the password, nothing else.
    const right = createRedisInbox({ connection: connection(locked.port, RIGHT), prefix: `auth-right-${form.replace(/\W/g, "")}`, onError: () => {} });
    expect(await right.put(event("right"))).toEqual({ id: "lc-right", duplicate: false });
    await right.close();

    const reported: unknown[] = [];
    const inbox = createRedisInbox({ connection: connection(locked.port, WRONG), prefix: "auth-wrong", onError: (error) => void reported.push(error) });
    try {
      inbox.work(() => {});
      const handlerReported: unknown[] = [];
      const handle = createWebhookHandler({ inbox, onError: (error) => void handlerReported.push(error) });
      const response = await handle(post("wrong"));
      expect([response.status, await response.text()]).toEqual([503, '{"error":"The event could not be stored; deliver it again"}']);
      const putError: unknown = await inbox.put(event("wrong")).then(() => "stored", (error: unknown) => error);
      await sleep(2000); // three connections, each refused again every 0.1 to 1 s
      expect(reported.length).toBeGreaterThan(0);
      for (const error of [...reported, ...handlerReported, putError]) {
        for (const view of views(error)) expect(view).not.toContain(WRONG);
      }
      expect(reported.map(String)).toEqual([REFUSED]);
      expect(handlerReported.map(String)).toEqual([NOT_STORED]);
      expect(String(putError)).toBe(NOT_STORED);
      expect(String((putError as Error).cause)).toBe(REFUSED);
    } finally {
      await inbox.close();
    }
  });

  test("without onError: one console line, saying what to fix and not the password", async () => {
    const spies = (["error", "warn", "info", "log", "debug"] as const).map((level) => vi.spyOn(console, level).mockImplementation(() => {}));
    const inbox = createRedisInbox({ connection: `redis://:${WRONG}@127.0.0.1:${locked.port}`, prefix: "auth-log" });
    try {
      inbox.work(() => {});
      const putError: unknown = await inbox.put(event("logged")).then(() => "stored", (error: unknown) => error);
      await sleep(2000);
      await inbox.close();
      const printed = spies.flatMap((spy) => spy.mock.calls.flat().map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: Infinity }))));
      expect(printed.length).toBeGreaterThan(0);
      for (const line of printed) expect(line).not.toContain(WRONG);
      expect(String(putError)).toBe(NOT_STORED);
      const [error, ...others] = spies;
      expect(error!.mock.calls).toEqual([
        [
          "livechat-rest-v2: the Redis inbox: Redis refused the password: check the connection option (WRONGPASS invalid username-password pair or user is disabled.); retrying, and puts fail (the receiver answers 503) until that is fixed",
        ],
      ]);
      expect(others.map((spy) => spy.mock.calls)).toEqual([[], [], [], []]);
    } finally {
      await inbox.close();
      for (const spy of spies) spy.mockRestore();
    }
  });
});
