// createWebhookHandler: a web-standard (Request) => Promise<Response> that receives LiveChat's
// webhook POSTs. LiveChat treats a 200 as final and redelivers only what got no 200 in about
// 10 s, so the 200 comes only once the event is safe: onEvent resolved (no store), or the inbox
// stored it. Anything else answers 500 or 503, and LiveChat delivers the event again.
import { basicCredentials, timingSafeEqualText } from "./credentials.js";
import { TIMED_OUT, withDeadline } from "./deadline.js";
import { createDeduper } from "./dedupe.js";
import { checkHandlerOptions, type HandlerSettings, type WebhookHandlerOptions } from "./handler-options.js";
import { parseWebhook, type LiveChatWebhookEvent } from "./parse.js";
import { readLimited } from "./read-body.js";

const answer = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

const ACCEPTED = () => answer(200, { ok: true });
const DUPLICATE = () => answer(200, { ok: true, duplicate: true });
const FAILED = () => answer(500, { error: "The event could not be handled; deliver it again" });
const STILL_RUNNING = () => answer(503, { error: "The event is still being handled; deliver it again" });
const NOT_STORED = () => answer(503, { error: "The event could not be stored; deliver it again" });

type Outcome = "done" | "failed";

/** Calls the user's reporter; a failing reporter must not change the answer or crash the process. */
function reporter(settings: HandlerSettings) {
  return (error: unknown, event: LiveChatWebhookEvent) => {
    try {
      settings.onError(error, event);
    } catch {
      // ignored: see above
    }
  };
}

/**
 * What onError gets when a delivery is answered 503 because `what` ran past ackTimeoutMs: the
 * operator learns that LiveChat got a 503 and will deliver the event again.
 */
function pastDeadline(what: string, ms: number, event: LiveChatWebhookEvent, after: string): Error {
  const id = event.event_unique_id;
  const which = id === undefined ? "an event without event_unique_id" : `event_unique_id ${JSON.stringify(id)}`;
  return new Error(`${what} did not finish within ackTimeoutMs (${ms} ms): the delivery of ${which} was answered 503, and LiveChat will deliver it again; ${after}`);
}

/** No store: runs onEvent, at most once at a time per event_unique_id, and answers with its outcome. */
function onEventAnswerer(settings: HandlerSettings, onEvent: (event: LiveChatWebhookEvent) => unknown) {
  const report = reporter(settings);
  const deduper = settings.dedupe ? createDeduper(settings.dedupe) : undefined;
  const running = new Map<string, Promise<Outcome>>(); // event_unique_id → its run in progress

  function start(event: LiveChatWebhookEvent): Promise<Outcome> {
    const id = event.event_unique_id;
    const run = (async () => onEvent(event))().then(
      (): Outcome => {
        if (deduper && id !== undefined) deduper.remember(id); // only once it succeeded
        return "done";
      },
      (error: unknown): Outcome => {
        report(error, event);
        return "failed";
      },
    );
    if (id !== undefined) {
      running.set(id, run);
      void run.finally(() => running.delete(id));
    }
    try {
      settings.waitUntil?.(run);
    } catch (error) {
      report(error, event); // the run goes on; the answer is onEvent's
    }
    return run;
  }

  return async (event: LiveChatWebhookEvent): Promise<Response> => {
    const id = event.event_unique_id;
    if (deduper && id !== undefined && deduper.has(id)) return DUPLICATE();
    // A redelivery while the first run is still going waits for that run, never starts another.
    const run = (id !== undefined ? running.get(id) : undefined) ?? start(event);
    const outcome = await withDeadline(run, settings.ackTimeoutMs);
    if (outcome === TIMED_OUT) {
      // Each 503 is reported; the run's own failure, if it comes later, is reported once by the run.
      report(pastDeadline("onEvent", settings.ackTimeoutMs, event, "onEvent goes on running"), event);
      return STILL_RUNNING();
    }
    return outcome === "done" ? ACCEPTED() : FAILED();
  };
}

/** What a put that failed resolves to, once reported. */
const PUT_FAILED = Symbol("put failed");

/** With an inbox: stores the event, and answers 200 only once it is stored. */
function inboxAnswerer(settings: HandlerSettings, inbox: NonNullable<HandlerSettings["inbox"]>) {
  const report = reporter(settings);
  return async (event: LiveChatWebhookEvent): Promise<Response> => {
    // A put's failure is reported once, whether it comes before the deadline or after the 503; so
    // is a put that resolves with anything but { id, duplicate } (an inbox of the user's own).
    const put = Promise.resolve()
      .then(() => inbox.put(event))
      .then((stored: unknown) => {
        if (stored && typeof stored === "object" && typeof (stored as { duplicate?: unknown }).duplicate === "boolean") return stored as { duplicate: boolean };
        throw new TypeError(`inbox.put resolved with ${stored === null ? "null" : typeof stored}, not { id, duplicate }: the event was not known to be stored`);
      })
      .catch((error: unknown): typeof PUT_FAILED => (report(error, event), PUT_FAILED));
    const stored = await withDeadline(put, settings.ackTimeoutMs);
    if (stored === TIMED_OUT) {
      report(pastDeadline("inbox.put", settings.ackTimeoutMs, event, "the put goes on, and may still store the event"), event);
      return NOT_STORED();
    }
    if (stored === PUT_FAILED) return NOT_STORED();
    return stored.duplicate ? DUPLICATE() : ACCEPTED();
  };
}

/**
 * A handler for LiveChat's webhook POSTs, for Node (via `toNodeListener`), Hono, Next.js route
 * handlers, Bun and Deno. Answers 405 (not POST), 401 (wrong credentials), 413 (too large),
 * 400 (not a valid payload); then 200 once `onEvent` resolved or the `inbox` stored the event,
 * 500 when `onEvent` threw, 503 past `ackTimeoutMs` or when the inbox cannot store it.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  const settings = checkHandlerOptions(options);
  const { expected, maxBodyBytes } = settings;
  const handleEvent = settings.inbox ? inboxAnswerer(settings, settings.inbox) : onEventAnswerer(settings, settings.onEvent!);

  return async function handleWebhook(request: Request): Promise<Response> {
    let event: LiveChatWebhookEvent;
    try {
      if (request.method !== "POST") return answer(405, { error: "Method not allowed: LiveChat delivers webhooks with POST" }, { Allow: "POST" });
      if (expected !== undefined) {
        const given = basicCredentials(request.headers.get("Authorization"));
        if (!(await timingSafeEqualText(given ?? "", expected)) || given === undefined) {
          return answer(401, { error: "Unauthorized" }, { "WWW-Authenticate": 'Basic realm="livechat-webhook"' });
        }
      }
      const text = await readLimited(request, maxBodyBytes);
      if (text === undefined) return answer(413, { error: `The body is larger than ${maxBodyBytes} bytes` });
      try {
        event = parseWebhook(text);
      } catch (error) {
        return answer(400, { error: (error as Error).message });
      }
    } catch {
      // An unreadable body stream (the client went away): nothing was accepted.
      return answer(400, { error: "The request body could not be read" });
    }
    return handleEvent(event);
  };
}

export type { WebhookHandlerOptions, OnEventReceiverOptions, InboxReceiverOptions } from "./handler-options.js";
