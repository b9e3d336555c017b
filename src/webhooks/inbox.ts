// The inbox: what `createWebhookHandler({ inbox })` stores each event in before it answers 200,
// and what runs the user's handler afterwards, at least once per event. One small interface;
// the SQLite store (livechat-rest-v2/webhooks/sqlite) and the Redis store
// (livechat-rest-v2/webhooks/redis) implement it and pass one contract test suite
// (test/webhooks/inbox-contract.ts).
import { LiveChatInputError } from "../wrappers/errors.js";
import { checkFunction, checkMs, checkWhole } from "../wrappers/option-checks.js";
import type { LiveChatWebhookEvent } from "./parse.js";

/** What {@link WebhookInbox.put} resolves with. */
export interface InboxPutResult {
  /** The inbox's ID of the event (see {@link inboxId}). */
  id: string;
  /** True when an event with this `event_unique_id` was stored within the dedupe window: it was not stored again. */
  duplicate: boolean;
}

/** What the handler passed to {@link WebhookInbox.work} gets besides the event. */
export interface InboxRun {
  /** The inbox's ID of the event. */
  id: string;
  /** 1 on the first run; counts runs cut short by a crash too. */
  attempt: number;
}

/** Runs one event; the event is done when it resolves, and run again later when it throws. */
export type InboxHandler = (event: LiveChatWebhookEvent, run: InboxRun) => unknown;

/** Options of {@link WebhookInbox.work}. */
export interface InboxWorkOptions {
  /** How many events this process runs at once. Default 1. */
  concurrency?: number;
  /** How many runs an event gets (a run cut short by a crash counts) before it moves to the failed events. Default 10. */
  maxAttempts?: number;
  /** Waits between runs of a failing event: exponential from `initialMs` (default 1 000), capped at `maxMs` (default 300 000), with jitter. */
  backoff?: { initialMs?: number; maxMs?: number };
}

/** An event that used up its attempts; `inbox.retry(id)` runs it again. */
export interface FailedWebhookEvent {
  id: string;
  event: LiveChatWebhookEvent;
  /** How many runs it had. */
  attempts: number;
  /** The last run's error message. */
  lastError: string;
  failedAt: Date;
}

/**
 * A durable store of received events that runs a handler at least once per event: store, then
 * acknowledge, then process. Made by `createSqliteInbox` or `createRedisInbox`.
 */
export interface WebhookInbox {
  /**
   * Stores the event; resolves once it is durable (then the receiver answers 200). An event
   * whose `event_unique_id` was stored within the dedupe window is not stored again (`duplicate`).
   * Rejects when the store cannot take it within the inbox's own deadline.
   */
  put(event: LiveChatWebhookEvent): Promise<InboxPutResult>;
  /** Starts running `handler` on stored events, in this process. Once per inbox. */
  work(handler: InboxHandler, options?: InboxWorkOptions): void;
  /** The events that used up their attempts, oldest first. */
  failed(): Promise<FailedWebhookEvent[]>;
  /** Runs a failed event again, with a fresh count of attempts. Throws LiveChatInputError for an ID that is not a failed event. */
  retry(id: string): Promise<void>;
  /** Stops taking work, waits for the running handlers, and closes the store's connections. */
  close(): Promise<void>;
}

/**
 * The inbox's ID of an event: `lc-` and the percent-encoded `event_unique_id` (so it never
 * contains `:` nor is all digits, which BullMQ refuses as a job ID), or, for an event without
 * one, `own-` and a random UUID, which is never deduplicated. Never throws.
 */
export function inboxId(event: LiveChatWebhookEvent): string {
  const unique = event.event_unique_id;
  return unique === undefined ? `own-${crypto.randomUUID()}` : `lc-${encodeId(unique)}`;
}

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * encodeURIComponent, but a lone surrogate, on which it throws (JSON may carry `"\ud800"`, and
 * parseWebhook accepts it), is written `%uD800`: a form encodeURIComponent never writes (it
 * encodes `%` as `%25`), so two different IDs never share an encoding. Replacing the surrogate
 * (toWellFormed) would merge `"\ud800"` with `"\ud801"` and `"\ufffd"`, and drop one of them as
 * a duplicate.
 */
function encodeId(unique: string): string {
  let encoded = "";
  let from = 0;
  for (const { index } of unique.matchAll(LONE_SURROGATES)) {
    encoded += `${encodeURIComponent(unique.slice(from, index))}%u${unique.charCodeAt(index).toString(16).toUpperCase()}`;
    from = index + 1;
  }
  return encoded + encodeURIComponent(unique.slice(from));
}

/** True for an ID that {@link inboxId} made up (the event had no `event_unique_id`). */
export const isOwnId = (id: string) => id.startsWith("own-");

/** The work options, checked, with defaults. */
export interface WorkSettings {
  concurrency: number;
  maxAttempts: number;
  initialMs: number;
  maxMs: number;
}

export function checkWork(handler: unknown, options: InboxWorkOptions | undefined): WorkSettings {
  checkFunction(handler, "inbox.work(handler)", "async (event) => { ... }", false);
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new LiveChatInputError("inbox.work(handler, options): options must be an object such as { concurrency: 4, maxAttempts: 10 }.");
  }
  const backoff = options?.backoff;
  if (backoff !== undefined && (typeof backoff !== "object" || backoff === null)) {
    throw new LiveChatInputError("backoff must be an object such as { initialMs: 1000, maxMs: 300000 }.");
  }
  const initialMs = checkMs(backoff?.initialMs, "backoff.initialMs", 1_000);
  const maxMs = checkMs(backoff?.maxMs, "backoff.maxMs", 300_000);
  if (maxMs < initialMs) throw new LiveChatInputError("backoff.maxMs must be at least backoff.initialMs.");
  return {
    concurrency: checkWhole(options?.concurrency, "concurrency", 1, 1, 10_000),
    maxAttempts: checkWhole(options?.maxAttempts, "maxAttempts", 10, 1, 1_000_000),
    initialMs,
    maxMs,
  };
}

/** The wait before run `attempt + 1` after `attempt` failed runs: half of min(max, initial × 2^(attempt−1)), plus up to the other half at random. */
export function retryDelayMs(attempt: number, settings: Pick<WorkSettings, "initialMs" | "maxMs">, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.maxMs, settings.initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** A thrown value's message, for `lastError`. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  try {
    return typeof error === "string" ? error : JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** What onError hears when an event moves to the failed events (no one awaits a worker's run). */
export function failedForGood(id: string, attempts: number, lastError: string): Error {
  return new Error(`event ${id} failed ${attempts} time${attempts === 1 ? "" : "s"} (maxAttempts) and is now in inbox.failed(): fix the cause, then inbox.retry(${JSON.stringify(id)}). Its last error: ${lastError}`);
}

/** The reporter for errors nobody awaits (a lost connection, a failing poll): the user's, or console.error. */
export function backgroundReporter(onError: unknown, where: string): (error: unknown) => void {
  const report = checkFunction<(error: unknown) => void>(onError, "onError", "(error) => log.error(error)");
  return (error) => {
    try {
      if (report) report(error);
      else console.error(`livechat-rest-v2: ${where}:`, error);
    } catch {
      // A failing reporter must not take the worker down.
    }
  };
}
