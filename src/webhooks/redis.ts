// livechat-rest-v2/webhooks/redis: the inbox for many receiver instances, one Redis behind them,
// on BullMQ (retries with backoff, stalled-job recovery, a failed set) over ioredis. Each event is
// a job whose ID comes from its event_unique_id, so the dedupe is shared by every instance:
// BullMQ does not add a job whose ID exists, and completed jobs are kept for the dedupe window.
// The put's deadline: the connection that stores events fails a command at once while Redis is
// unreachable (redis-connection.ts), and the put races a timer (`putTimeoutMs`) for a Redis that
// is connected but stuck. close() is bounded the same way: BullMQ's graceful Worker.close() waits
// for an `end` event that a connection parked in `reconnecting` never emits, so it never returns
// while Redis is away (https://github.com/taskforcesh/bullmq/issues/4656); the inbox waits for
// the running handlers itself, then closes the worker with `force`, which only drops sockets.
// No ioredis or BullMQ error reaches the user as it is, only a copy without the connection's
// credentials (redis-errors.ts).
// bullmq and ioredis are optional peer dependencies, imported only here and in
// redis-connection.ts; their types stay out of this module's public types.
// https://docs.bullmq.io/guide/going-to-production
import { Job, Queue, UnrecoverableError, WaitingError, Worker } from "bullmq";
import { TIMED_OUT, withDeadline } from "./deadline.js";
import { DEFAULT_DEDUPE_WINDOW_MS } from "./dedupe.js";
import { checkWork, errorText, failedForGood, inboxId, isOwnId, retryDelayMs, type FailedWebhookEvent, type InboxHandler, type InboxPutResult, type InboxWorkOptions, type WebhookInbox } from "./inbox.js";
import { checkMs, checkOptionsObject, checkText } from "../wrappers/option-checks.js";
import type { LiveChatWebhookEvent } from "./parse.js";
import { bullmqConnection, checkConnection, letGo, openProducer, readiness } from "./redis-connection.js";
import { connectionSecrets, isConnectionError, safeRedisError, unreachable } from "./redis-errors.js";
import { outageReporter } from "./redis-outage.js";
import { trackRuns } from "./redis-runs.js";
import { LiveChatInputError } from "../wrappers/errors.js";

/** Where Redis is: a `redis://` or `rediss://` URL, or ioredis's connection options. */
export type RedisConnection =
  | string
  | { host?: string; port?: number; path?: string; username?: string; password?: string; db?: number; tls?: object; [option: string]: unknown };

/** Options of {@link createRedisInbox}. */
export interface RedisInboxOptions {
  /** Where Redis is. Run it with `appendonly yes`, `appendfsync always` and `maxmemory-policy noeviction` (see the README). */
  connection: RedisConnection;
  /** The prefix of every key; inboxes with different prefixes are separate. Default `livechat`. */
  prefix?: string;
  /** A repeat of an `event_unique_id` within this long after its handler finished is not stored again. Default 24 h. */
  dedupeWindowMs?: number;
  /** How long a running event stays with its worker unless renewed (renewed at least every half lease while the handler runs); a dead worker's events run again between half a lease and 1.25 leases after its death. Default 30 000. */
  leaseMs?: number;
  /** The put's deadline: it rejects after this, and the receiver answers 503. close() gives Redis as long to record the last outcomes, and as long again to close the connections. Default 5 000. */
  putTimeoutMs?: number;
  /**
   * Called with errors nobody awaits (Redis unreachable or refusing the password, a failing lock
   * renewal), each a copy that carries no credential of the connection. A connection or
   * credentials error is passed once per outage (each distinct one), not once per reconnection attempt.
   * Default: one `console.error` line when Redis is lost and one `console.info` line when it is back.
   */
  onError?: (error: unknown) => void;
}

const FACTORY = "createRedisInbox";
const KNOWN = ["connection", "prefix", "dedupeWindowMs", "leaseMs", "putTimeoutMs", "onError"] as const;
const QUEUE = "webhooks";
const BACKOFF = "livechat-inbox";
const EXPIRED_LEASE = "The run did not finish before its lease expired (did the worker stop?)";
/** The runs an event had: every start, but the one that found the lease expired past maxAttempts and ran nothing. */
const runsMade = (job: Job) => job.attemptsStarted - (job.failedReason === EXPIRED_LEASE ? 1 : 0);
/** Runs are counted by the processor (attemptsStarted), not by BullMQ's `attempts`, which is set out of the way. */
const UNLIMITED = 1_000_000_000;

/** An inbox in Redis, shared by every receiver instance: see {@link WebhookInbox}. */
export function createRedisInbox(options: RedisInboxOptions): WebhookInbox {
  const given = checkOptionsObject(options, FACTORY, KNOWN, 'connection: "redis://127.0.0.1:6379"');
  const connection = checkConnection(given.connection);
  const prefix = given.prefix === undefined ? "livechat" : checkText(given.prefix, "prefix", 'the prefix of every key, such as "livechat"');
  const windowMs = checkMs(given.dedupeWindowMs, "dedupeWindowMs", DEFAULT_DEDUPE_WINDOW_MS);
  const leaseMs = checkMs(given.leaseMs, "leaseMs", 30_000);
  const putTimeoutMs = checkMs(given.putTimeoutMs, "putTimeoutMs", 5_000);
  // No ioredis or BullMQ error leaves the inbox as it is: a reply error carries its command, and
  // the handshake's carries the password (redis-errors.ts).
  const secrets = connectionSecrets(connection);
  const safe = (error: unknown) => safeRedisError(error, secrets);
  const fromRedis = <T>(call: Promise<T>): Promise<T> => call.catch((error: unknown) => Promise.reject(safe(error)));
  const outage = outageReporter(given.onError, "the Redis inbox", secrets);
  let closed = false;
  // Once close() began, connections fail because the inbox drops them: not worth a report.
  const report = (error: unknown) => (closed && isConnectionError(error) ? undefined : outage.error(error));

  // The queue's connection is the inbox's own (BullMQ leaves a connection it was given open).
  const producer = openProducer(connection);
  producer.on("error", report).on("ready", outage.connected);
  const producing = readiness(producer, secrets);
  const queue = new Queue(QUEUE, { connection: producer, prefix });
  queue.on("error", report);
  let worker: Worker | undefined;
  const runs = trackRuns(leaseMs);
  let closing: Promise<void> | undefined;

  /** Stores the event unless a job with its ID exists (a completed one past the window is replaced). */
  async function store(event: LiveChatWebhookEvent): Promise<InboxPutResult> {
    const id = inboxId(event);
    if (!isOwnId(id)) {
      const existing = await Job.fromId(queue, id);
      if (existing) {
        const expired = existing.finishedOn !== undefined && existing.finishedOn <= Date.now() - windowMs && (await existing.isCompleted());
        if (!expired) return { id, duplicate: true };
        await existing.remove();
      }
    }
    await queue.add("event", event, {
      jobId: id,
      attempts: UNLIMITED,
      backoff: { type: BACKOFF },
      // The dedupe forgets an ID once its job is removed: keep completed jobs for the window.
      removeOnComplete: isOwnId(id) ? true : { age: Math.ceil(windowMs / 1000) },
      removeOnFail: false,
    });
    return { id, duplicate: false };
  }

  // A connection lost between the check and the write fails the write in ioredis's words
  // ("Stream isn't writeable ...", even before its status leaves `ready`): reported as
  // unreachable too, with those as the cause.
  const lost = (error: unknown) => Promise.reject(producer.status !== "ready" || isConnectionError(error) ? unreachable(error, secrets) : safe(error));

  return {
    async put(event) {
      if (closed) throw new Error("The inbox is closed");
      const result = await withDeadline(producing.connected().then(() => store(event).catch(lost)), putTimeoutMs);
      if (result === TIMED_OUT) throw new Error(`Redis did not store the event within putTimeoutMs (${putTimeoutMs} ms)`);
      return result;
    },

    work(handler: InboxHandler, options?: InboxWorkOptions) {
      const work = checkWork(handler, options);
      if (worker) throw new LiveChatInputError("inbox.work was called already: one worker per inbox (raise its concurrency instead).");
      if (closed) throw new LiveChatInputError("inbox.work after close: create a new inbox.");
      const processor = async (job: Job<LiveChatWebhookEvent>, token?: string) => {
        if (closed) {
          // Fetched while close() ran: back to the waiting events, not run here. Should Redis
          // not take it back, its lease expires and another worker runs it.
          await job.moveToWait(token).catch(() => undefined);
          throw new WaitingError();
        }
        const attempt = job.attemptsStarted;
        // A run cut short by a crash counts: the event fails instead of crashing workers forever.
        if (attempt > work.maxAttempts) throw new UnrecoverableError(EXPIRED_LEASE);
        try {
          await runs.run(job.id!, () => handler(job.data, { id: job.id!, attempt }));
        } catch (error) {
          if (attempt >= work.maxAttempts) throw new UnrecoverableError(errorText(error));
          throw error instanceof Error ? error : new Error(errorText(error));
        }
      };
      worker = new Worker(QUEUE, processor, {
        connection: bullmqConnection(connection),
        prefix,
        concurrency: work.concurrency,
        // BullMQ renews the lock every lockDuration / 4 to / 2 (lockRenewTime defaults to half of
        // it), so a dead worker's lock runs out 0.5 to 1 lease after its death. A job counts as
        // stalled at the first stalled check that finds its lock gone (and saw it active before):
        // a check every quarter lease bounds the re-run at 1.25 leases (every lease: 2 leases).
        lockDuration: leaseMs,
        stalledInterval: Math.ceil(leaseMs / 4),
        maxStalledCount: UNLIMITED,
        settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(attemptsMade, work) },
      });
      worker.on("error", report);
      worker.on("completed", (job) => runs.recorded(job.id));
      worker.on("failed", (job, error) => {
        runs.recorded(job?.id);
        // Past maxAttempts (the processor's UnrecoverableError): the event is in the failed set now.
        if (job?.id && error instanceof UnrecoverableError) {
          report(failedForGood(job.id, runsMade(job), job.failedReason ?? ""));
        }
      });
    },

    async failed(): Promise<FailedWebhookEvent[]> {
      const jobs = (await fromRedis(queue.getFailed(0, -1))) as Job<LiveChatWebhookEvent>[];
      return jobs
        .map((job) => ({
          id: job.id!,
          event: job.data,
          attempts: runsMade(job),
          lastError: job.failedReason ?? "",
          failedAt: new Date(job.finishedOn ?? 0),
        }))
        .sort((a, b) => a.failedAt.getTime() - b.failedAt.getTime() || (a.id < b.id ? -1 : 1));
    },

    async retry(id: string) {
      const job = typeof id === "string" ? await fromRedis(Job.fromId(queue, id)) : undefined;
      if (!job || (await fromRedis(job.getState())) !== "failed") throw new LiveChatInputError(`retry: ${JSON.stringify(id)} is not a failed event (take the id from inbox.failed()).`);
      await fromRedis(job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true }));
    },

    close() {
      closed = true;
      closing ??= fromRedis((async () => {
        if (worker) {
          await worker.pause(true); // takes no more events (not even the next one with a finished run's outcome)
          await runs.handled(); // however long the handlers take
          await runs.allRecorded(putTimeoutMs); // their outcomes, unless Redis is away: then each runs again after its lease
          await worker.close(true); // drops its connections without waiting for Redis
        }
        await queue.close(); // lets go of the producer, which is the inbox's to close
        await letGo(producer, putTimeoutMs);
      })());
      return closing;
    },
  };
}
