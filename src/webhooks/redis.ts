// livechat-rest-v2/webhooks/redis: the inbox for many receiver instances, one Redis behind them,
// on BullMQ (retries with backoff, stalled-job recovery, a failed set) over ioredis. Each event is
// a job whose ID comes from its event_unique_id, so the dedupe is shared by every instance:
// BullMQ does not add a job whose ID exists, and completed jobs are kept for the dedupe window.
// The put's deadline: the producer connection has ioredis's offline queue off (a command fails
// at once while Redis is unreachable, instead of waiting for a reconnect) and one attempt per
// command, and the put races a timer (`putTimeoutMs`) for a Redis that is connected but stuck.
// bullmq and ioredis are optional peer dependencies, imported only here; their types stay out of
// this module's public types. https://docs.bullmq.io/guide/going-to-production
import { Job, Queue, UnrecoverableError, Worker } from "bullmq";
// BullMQ loads ioredis only when it connects; imported here, a missing ioredis fails at import,
// naming the package, as a missing bullmq does, instead of as 503s later. A namespace import
// (kept in the JS by verbatimModuleSyntax), not `import "ioredis"`, which the .d.ts would keep
// too, failing TypeScript 7's check of side-effect imports where ioredis is not installed.
import * as ioredis from "ioredis";
import { TIMED_OUT, withDeadline } from "./deadline.js";
import { DEFAULT_DEDUPE_WINDOW_MS } from "./dedupe.js";
import { backgroundReporter, checkWork, errorText, inboxId, isOwnId, retryDelayMs, type FailedWebhookEvent, type InboxHandler, type InboxPutResult, type InboxWorkOptions, type WebhookInbox } from "./inbox.js";
import { checkMs, checkOptionsObject, checkText } from "./options.js";
import type { LiveChatWebhookEvent } from "./parse.js";
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
  /** How long a running event stays with its worker unless renewed (renewed while the handler runs); a dead worker's events run again after it. Default 30 000. */
  leaseMs?: number;
  /** The put's deadline: it rejects after this, and the receiver answers 503. Default 5 000. */
  putTimeoutMs?: number;
  /** Called with errors nobody awaits (Redis unreachable, a failing lock renewal). Default: `console.error`. */
  onError?: (error: unknown) => void;
}

const FACTORY = "createRedisInbox";
const KNOWN = ["connection", "prefix", "dedupeWindowMs", "leaseMs", "putTimeoutMs", "onError"] as const;
const QUEUE = "webhooks";
const BACKOFF = "livechat-inbox";
const EXPIRED_LEASE = "The run did not finish before its lease expired (did the worker stop?)";
/** Runs are counted by the processor (attemptsStarted), not by BullMQ's `attempts`, which is set out of the way. */
const UNLIMITED = 1_000_000_000;

/** Reconnects quickly once Redis is back (BullMQ's default waits up to 20 s between tries). */
const retryStrategy = (times: number) => Math.min(100 * times, 1_000);

function checkConnection(value: unknown): Record<string, unknown> {
  if (typeof value === "string") {
    if (!/^rediss?:\/\//.test(value)) throw new LiveChatInputError('connection must be a redis:// or rediss:// URL, or options such as { host: "127.0.0.1", port: 6379 }.');
    return { url: value };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new LiveChatInputError('connection must be a redis:// URL or options such as { host: "127.0.0.1", port: 6379 }.');
  }
  if ("keyPrefix" in value) throw new LiveChatInputError("connection.keyPrefix is not supported: use the prefix option.");
  return { ...(value as Record<string, unknown>) };
}

/** An inbox in Redis, shared by every receiver instance: see {@link WebhookInbox}. */
export function createRedisInbox(options: RedisInboxOptions): WebhookInbox {
  const given = checkOptionsObject(options, FACTORY, KNOWN, 'connection: "redis://127.0.0.1:6379"');
  const connection = checkConnection(given.connection);
  const prefix = given.prefix === undefined ? "livechat" : checkText(given.prefix, "prefix", 'the prefix of every key, such as "livechat"');
  const windowMs = checkMs(given.dedupeWindowMs, "dedupeWindowMs", DEFAULT_DEDUPE_WINDOW_MS);
  const leaseMs = checkMs(given.leaseMs, "leaseMs", 30_000);
  const putTimeoutMs = checkMs(given.putTimeoutMs, "putTimeoutMs", 5_000);
  const report = backgroundReporter(given.onError, "the Redis inbox");

  const queue = new Queue(QUEUE, {
    connection: { retryStrategy, ...connection, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
    prefix,
  });
  queue.on("error", report);
  let worker: Worker | undefined;
  let closed = false;

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

  return {
    async put(event) {
      if (closed) throw new Error("The inbox is closed");
      const result = await withDeadline(store(event), putTimeoutMs);
      if (result === TIMED_OUT) throw new Error(`Redis did not store the event within putTimeoutMs (${putTimeoutMs} ms)`);
      return result;
    },

    work(handler: InboxHandler, options?: InboxWorkOptions) {
      const work = checkWork(handler, options);
      if (worker) throw new LiveChatInputError("inbox.work was called already: one worker per inbox (raise its concurrency instead).");
      if (closed) throw new LiveChatInputError("inbox.work after close: create a new inbox.");
      const processor = async (job: Job<LiveChatWebhookEvent>) => {
        const attempt = job.attemptsStarted;
        // A run cut short by a crash counts: the event fails instead of crashing workers forever.
        if (attempt > work.maxAttempts) throw new UnrecoverableError(EXPIRED_LEASE);
        try {
          await handler(job.data, { id: job.id!, attempt });
        } catch (error) {
          if (attempt >= work.maxAttempts) throw new UnrecoverableError(errorText(error));
          throw error instanceof Error ? error : new Error(errorText(error));
        }
      };
      worker = new Worker(QUEUE, processor, {
        connection: { retryStrategy, ...connection },
        prefix,
        concurrency: work.concurrency,
        lockDuration: leaseMs,
        stalledInterval: leaseMs,
        maxStalledCount: UNLIMITED,
        settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(attemptsMade, work) },
      });
      worker.on("error", report);
    },

    async failed(): Promise<FailedWebhookEvent[]> {
      const jobs = (await queue.getFailed(0, -1)) as Job<LiveChatWebhookEvent>[];
      return jobs
        .map((job) => ({
          id: job.id!,
          event: job.data,
          // The start that found the lease expired past maxAttempts ran nothing.
          attempts: job.attemptsStarted - (job.failedReason === EXPIRED_LEASE ? 1 : 0),
          lastError: job.failedReason ?? "",
          failedAt: new Date(job.finishedOn ?? 0),
        }))
        .sort((a, b) => a.failedAt.getTime() - b.failedAt.getTime() || (a.id < b.id ? -1 : 1));
    },

    async retry(id: string) {
      const job = typeof id === "string" ? await Job.fromId(queue, id) : undefined;
      if (!job || (await job.getState()) !== "failed") throw new LiveChatInputError(`retry: ${JSON.stringify(id)} is not a failed event (take the id from inbox.failed()).`);
      await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
    },

    async close() {
      if (closed) return;
      closed = true;
      await worker?.close();
      await queue.close();
    },
  };
}
