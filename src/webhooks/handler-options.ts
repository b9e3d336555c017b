// The options of createWebhookHandler, and their check: either `onEvent` (no store: the answer
// waits for it) or an `inbox` (the answer waits for the store), never both.
import { LiveChatInputError } from "../wrappers/errors.js";
import { DEFAULT_DEDUPE_WINDOW_MS, type DedupeOptions } from "./dedupe.js";
import type { WebhookInbox } from "./inbox.js";
import { checkFunction, checkMs, checkOptionsObject, checkText, checkWhole } from "../wrappers/option-checks.js";
import type { LiveChatWebhookEvent } from "./parse.js";
import { shownKey, unknownKey } from "../wrappers/keys.js";

/** Options every receiver takes. */
interface ReceiverOptions {
  /** The Basic credentials embedded in the registered URL (`https://user:password@host/path`). */
  credentials?: { username: string; password: string };
  /** Bodies above this are answered 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * The longest the receiver holds LiveChat's request (LiveChat waits about 10 s, then retries):
   * past it the answer is 503 and LiveChat delivers again. Default 8 000.
   */
  ackTimeoutMs?: number;
  /**
   * Called when a delivery is answered 503 past `ackTimeoutMs` (an `Error` naming the event's
   * `event_unique_id`; LiveChat delivers it again), when `onEvent` throws (also after its 503,
   * once per run), when the inbox cannot store an event (also after the 503), and when
   * `waitUntil` throws. Default: `console.error`.
   */
  onError?: (error: unknown, event: LiveChatWebhookEvent) => void;
}

/** No store: the answer is 200 only once `onEvent` resolved. */
export interface OnEventReceiverOptions extends ReceiverOptions {
  /** Called with each accepted event; the 200 waits for it (500 when it throws, 503 past `ackTimeoutMs`). */
  onEvent: (event: LiveChatWebhookEvent) => unknown;
  /**
   * Answers 200 `{"ok": true, "duplicate": true}` to a repeat of an `event_unique_id` whose
   * `onEvent` succeeded, without running it again: LiveChat redelivers an event whose 503 came
   * while `onEvent` was still running, and one whose 200 it did not get. On by default, in this
   * process's memory (24 h, at most 100,000 IDs): `{ windowMs, maxEntries }` to change those,
   * `false` to run every delivery.
   */
  dedupe?: boolean | DedupeOptions;
  /**
   * Keeps a serverless runtime alive until `onEvent` is done, e.g. Vercel's or Cloudflare's
   * `waitUntil`: it matters when `onEvent` outlives the answer (a 503 past `ackTimeoutMs`).
   */
  waitUntil?: (promise: Promise<unknown>) => void;
  inbox?: never;
}

/** With an inbox: the answer is 200 once the event is durably stored; `inbox.work` runs the handler. */
export interface InboxReceiverOptions extends ReceiverOptions {
  /** Where each event is stored before the 200: `createSqliteInbox(...)` or `createRedisInbox(...)`. */
  inbox: WebhookInbox;
  onEvent?: never;
  dedupe?: never;
  waitUntil?: never;
}

/** Options of {@link createWebhookHandler}: `onEvent`, or an `inbox`. */
export type WebhookHandlerOptions = OnEventReceiverOptions | InboxReceiverOptions;

export interface HandlerSettings {
  expected: string | undefined;
  maxBodyBytes: number;
  ackTimeoutMs: number;
  onError: (error: unknown, event: LiveChatWebhookEvent) => void;
  onEvent: ((event: LiveChatWebhookEvent) => unknown) | undefined;
  inbox: WebhookInbox | undefined;
  dedupe: Required<DedupeOptions> | undefined;
  waitUntil: ((promise: Promise<unknown>) => void) | undefined;
}

const FACTORY = "createWebhookHandler";
const KNOWN = ["credentials", "maxBodyBytes", "ackTimeoutMs", "onError", "onEvent", "dedupe", "waitUntil", "inbox"] as const;

function checkCredentials(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const example = '{ username: "livechat", password: process.env.WEBHOOK_PASSWORD }';
  if (!value || typeof value !== "object") throw new LiveChatInputError(`credentials must be an object such as ${example}.`);
  const { username, password } = value as { username?: unknown; password?: unknown };
  checkText(username, "credentials.username", "the user name embedded in the registered webhook URL");
  checkText(password, "credentials.password", "the password embedded in the registered webhook URL");
  if ((username as string).includes(":")) throw new LiveChatInputError("credentials.username may not contain ':' (HTTP Basic cannot carry it).");
  return `${username as string}:${password as string}`;
}

function checkDedupe(value: unknown): Required<DedupeOptions> | undefined {
  if (value === false) return undefined;
  if (value === undefined || value === true) return { windowMs: DEFAULT_DEDUPE_WINDOW_MS, maxEntries: 100_000 };
  if (!value || typeof value !== "object") throw new LiveChatInputError("dedupe must be true, false or { windowMs, maxEntries }.");
  const { windowMs, maxEntries } = value as DedupeOptions;
  const unknown = unknownKey(value, ["windowMs", "maxEntries"]);
  if (unknown !== undefined) throw new LiveChatInputError(`dedupe has no option ${shownKey(unknown)}; its options are windowMs, maxEntries.`);
  return { windowMs: checkMs(windowMs, "dedupe.windowMs", DEFAULT_DEDUPE_WINDOW_MS), maxEntries: checkWhole(maxEntries, "dedupe.maxEntries", 100_000) };
}

function checkInbox(value: unknown): WebhookInbox | undefined {
  if (value === undefined) return undefined;
  if (!value || typeof value !== "object" || typeof (value as WebhookInbox).put !== "function") {
    throw new LiveChatInputError("inbox must be an inbox such as createSqliteInbox({ path }) or createRedisInbox({ connection }) (an object with put(event)).");
  }
  return value as WebhookInbox;
}

/** Checks the options; throws LiveChatInputError on a bad one. */
export function checkHandlerOptions(input: unknown): HandlerSettings {
  const options = checkOptionsObject(input, FACTORY, KNOWN, "onEvent: (event) => ..., or an inbox");
  const inbox = checkInbox(options.inbox);
  const onEvent = checkFunction<(event: LiveChatWebhookEvent) => unknown>(options.onEvent, "onEvent", "async (event) => { ... }");
  if (inbox && onEvent) throw new LiveChatInputError(`${FACTORY} takes onEvent or an inbox, not both: with an inbox, pass your handler to inbox.work(handler).`);
  if (!inbox && !onEvent) throw new LiveChatInputError(`${FACTORY} needs onEvent: (event) => ..., or an inbox from createSqliteInbox or createRedisInbox.`);
  if (inbox && options.dedupe !== undefined) throw new LiveChatInputError("dedupe does not apply with an inbox: the inbox deduplicates by itself (its dedupeWindowMs option).");
  if (inbox && options.waitUntil !== undefined) throw new LiveChatInputError("waitUntil does not apply with an inbox: the answer waits for the store, and inbox.work runs your handler.");
  const report = checkFunction<(error: unknown, event: LiveChatWebhookEvent) => void>(options.onError, "onError", "(error, event) => log.error(error)");
  return {
    expected: checkCredentials(options.credentials),
    maxBodyBytes: checkWhole(options.maxBodyBytes, "maxBodyBytes", 1024 * 1024),
    ackTimeoutMs: checkMs(options.ackTimeoutMs, "ackTimeoutMs", 8_000),
    onError: report ?? ((error) => console.error("livechat-rest-v2: a webhook could not be handled:", error)),
    onEvent,
    inbox,
    dedupe: checkDedupe(options.dedupe),
    waitUntil: checkFunction(options.waitUntil, "waitUntil", "ctx.waitUntil.bind(ctx)"),
  };
}
