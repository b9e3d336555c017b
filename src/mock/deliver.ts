// mock.deliver: what LiveChat does when an event happens — POST a payload to every webhook
// registered for it, so users can test their receiver end to end.
import type { components } from "../generated/schema.js";
import type { DataType, EventType } from "../wrappers/input.js";
import { LiveChatInputError } from "../wrappers/errors.js";
import { checkOptionsObject } from "../wrappers/option-checks.js";
import { sleep } from "../wrappers/retry.js";
import { utf8Base64 } from "../wrappers/strings.js";
import { hexId, type MockState } from "./state.js";

type Schemas = components["schemas"];

/** Example data objects, as LiveChat's docs show them; what `deliver` sends unless told otherwise. */
export const SAMPLE_DATA: { [T in DataType]: unknown } = {
  chat: {
    id: "MH0NQTLD8B",
    started_timestamp: 1499350000,
    messages: [{ user_type: "visitor", author_name: "Jane", text: "Hello, I have a question about pricing.", timestamp: 1499350010 }],
    tags: ["sales"],
  } satisfies Schemas["WebhookChat"],
  visitor: { id: "S1499349999.a1b2c3d4e5", name: "Jane", email: "jane@example.com" } satisfies Schemas["WebhookVisitor"],
  pre_chat_survey: [{ id: "2001", type: "question", label: "What can we help you with?", answer: "Pricing" }] satisfies Schemas["WebhookPreChatSurvey"],
  ticket: {
    id: "5FUED",
    status: "open",
    subject: "Invoice question",
    requester: { mail: "jane@example.com", name: "Jane" },
    tags: [],
    events: [{ author: { id: "jane@example.com", name: "Jane", type: "client" }, date: "2017-07-06T14:00:00Z", is_private: false, message: "Hello", type: "message" }],
  } satisfies Schemas["WebhookTicket"],
  canned_response: { id: 3601, group: 0, text: "Thanks for reaching out!", tags: ["greeting"], modification_date: 1499350000 } satisfies Schemas["WebhookCannedResponse"],
};

/** What to deliver: the event type, and optionally the data objects and the event's unique ID. */
export type MockEvent = { event_type: EventType; event_unique_id?: string } & { [T in DataType]?: unknown };

/** One attempt's outcome: the receiver's status, or why there was none (a network error, a timeout). */
export interface DeliveryAttempt {
  status?: number;
  error?: string;
}

/** One webhook's delivery: the last attempt's outcome, and every attempt's in order. */
export interface Delivery {
  webhookId: string;
  url: string;
  status?: number;
  error?: string;
  attempts: DeliveryAttempt[];
}

/**
 * How LiveChat redelivers: it retries what got no 2xx within about 10 s, up to 10 times over
 * 6 hours. guess: the spacing is not documented; this default doubles from 10 ms (10 retries,
 * 10.2 s in all), LiveChat's 6 hours compressed about 2,000 times.
 */
export const LIVECHAT_REDELIVERY_DELAYS_MS: readonly number[] = Array.from({ length: 10 }, (_, i) => 10 * 2 ** i);

/** Options of `mock.deliver`. */
export interface DeliverOptions {
  /** The fetch that POSTs. Default `globalThis.fetch`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** How long one attempt may take before it counts as unanswered (LiveChat waits about 10 s). Default 10 000. */
  timeoutMs?: number;
  /**
   * Deliver again what got no 2xx (or none in time), as LiveChat does: `true` for
   * {@link LIVECHAT_REDELIVERY_DELAYS_MS}, or `{ delaysMs }`: the wait before each retry, its
   * length the number of retries. Default: one attempt.
   */
  redeliver?: boolean | { delaysMs: readonly number[] };
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

function checkDeliverOptions(options: DeliverOptions): { fetch: Fetch; timeoutMs: number; delays: readonly number[] } {
  // A misspelt `redelivr` would otherwise deliver once, and a test of redelivery would test nothing.
  checkOptionsObject(options, "deliver", ["fetch", "timeoutMs", "redeliver"], "{ redeliver: true }");
  const { fetch = (u, i) => globalThis.fetch(u, i), timeoutMs = 10_000, redeliver = false } = options;
  if (typeof fetch !== "function") throw new LiveChatInputError("deliver: fetch must be a function such as globalThis.fetch.");
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new LiveChatInputError("deliver: timeoutMs must be a positive whole number of milliseconds, such as 10000.");
  if (typeof redeliver === "boolean") return { fetch, timeoutMs, delays: redeliver ? LIVECHAT_REDELIVERY_DELAYS_MS : [] };
  const delays = redeliver?.delaysMs;
  if (!Array.isArray(delays) || !delays.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new LiveChatInputError("deliver: redeliver must be true, false or { delaysMs: [...] } with whole milliseconds, such as { delaysMs: [10, 20, 40] }.");
  }
  return { fetch, timeoutMs, delays };
}

/** An error's message and its causes' (fetch's "fetch failed" says nothing; its cause says connect ECONNREFUSED). */
function errorChain(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) parts.push(e.message);
  return parts.length > 0 ? parts.join(": ") : String(error);
}

/** One POST, given up after `timeoutMs`: a 2xx, or what went wrong. */
async function attempt(fetchImpl: Fetch, url: string, init: RequestInit, timeoutMs: number): Promise<DeliveryAttempt> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<DeliveryAttempt>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ error: `No answer within ${timeoutMs} ms` });
    }, timeoutMs);
  });
  const sent = (async (): Promise<DeliveryAttempt> => {
    try {
      const response = await fetchImpl(url, { ...init, signal: controller.signal });
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status };
    } catch (error) {
      return { error: errorChain(error) };
    }
  })();
  try {
    return await Promise.race([sent, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * POSTs `event` to every webhook in `state` registered for its type, redelivering as asked;
 * resolves per webhook with every attempt's outcome.
 */
export async function deliver(state: MockState, licence: number, event: MockEvent, options: DeliverOptions = {}): Promise<Delivery[]> {
  const { fetch: fetchImpl, timeoutMs, delays } = checkDeliverOptions(options);
  const id = event.event_unique_id ?? hexId();
  const targets = state.webhooks.filter((w) => w.event_type === event.event_type);
  return Promise.all(
    targets.map(async (webhook): Promise<Delivery> => {
      const payload: Record<string, unknown> = { event_type: event.event_type, token: webhook.token ?? hexId(), license_id: String(licence), event_unique_id: id };
      for (const type of webhook.data_types) payload[type] = event[type] ?? SAMPLE_DATA[type];
      // fetch refuses URLs with credentials: they travel as a Basic header, as LiveChat sends them.
      const url = new URL(webhook.url);
      const headers: Record<string, string> = { "Content-Type": "application/json", "User-Agent": "LiveChat-Webhook-Mock" };
      if (url.username || url.password) {
        const userinfo = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
        headers.Authorization = `Basic ${utf8Base64(userinfo)}`;
        url.username = "";
        url.password = "";
      }
      const body = JSON.stringify(payload);
      const attempts: DeliveryAttempt[] = [];
      for (let retry = 0; ; retry++) {
        const outcome = await attempt(fetchImpl, url.href, { method: "POST", headers, body }, timeoutMs);
        attempts.push(outcome);
        const delivered = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
        if (delivered || retry >= delays.length) return { webhookId: webhook.id, url: url.href, ...outcome, attempts };
        await sleep(delays[retry]!, undefined);
      }
    }),
  );
}
