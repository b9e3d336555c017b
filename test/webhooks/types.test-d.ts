import { expectTypeOf, test } from "vitest";
import type { components } from "../../src/index.js";
import { createWebhookHandler, parseWebhook, type FailedWebhookEvent, type InboxRun, type LiveChatWebhookEvent, type LiveChatWebhookEventOf, type WebhookInbox } from "../../src/webhooks/index.js";
import { createRedisInbox } from "../../src/webhooks/redis.js";
import { createSqliteInbox } from "../../src/webhooks/sqlite.js";

type Schemas = components["schemas"];

test("parseWebhook returns a union discriminated on event_type", () => {
  const event = parseWebhook("{}");
  expectTypeOf(event).toEqualTypeOf<LiveChatWebhookEvent>();
  expectTypeOf<LiveChatWebhookEvent["event_type"]>().toEqualTypeOf<
    "chat_started" | "chat_ended" | "chat_changed" | "visitor_queued" | "ticket_created" | "canned_response_changed"
  >();
  if (event.event_type === "ticket_created") {
    expectTypeOf(event.ticket).toEqualTypeOf<Schemas["WebhookTicket"] | undefined>();
    // @ts-expect-error: a ticket event has no chat
    void event.chat;
  }
  if (event.event_type === "chat_ended") {
    expectTypeOf(event.chat).toEqualTypeOf<Schemas["WebhookChat"] | undefined>();
    expectTypeOf(event.license_id).toEqualTypeOf<string>();
  }
  expectTypeOf<LiveChatWebhookEventOf<"visitor_queued">>().toEqualTypeOf<Schemas["VisitorQueuedEvent"]>();
});

test("createWebhookHandler takes onEvent or an inbox, and the options that go with each", () => {
  const inbox = {} as WebhookInbox;
  expectTypeOf(createWebhookHandler({ onEvent: () => {} })).toEqualTypeOf<(request: Request) => Promise<Response>>();
  createWebhookHandler({ inbox, ackTimeoutMs: 5_000, onError: (error, event) => void [error, event.event_type] });
  createWebhookHandler({ onEvent: async () => {}, dedupe: { windowMs: 1_000 }, waitUntil: () => {} });
  // @ts-expect-error: onEvent or an inbox, not both
  createWebhookHandler({ inbox, onEvent: () => {} });
  // @ts-expect-error: neither
  createWebhookHandler({ credentials: { username: "u", password: "p" } });
  // @ts-expect-error: the inbox deduplicates by itself
  createWebhookHandler({ inbox, dedupe: true });
  // @ts-expect-error: with an inbox, the answer waits for the store only
  createWebhookHandler({ inbox, waitUntil: () => {} });
});

test("the inbox's handler gets the typed event and its run; failed() resolves with the failed events", async () => {
  const inbox = {} as WebhookInbox;
  inbox.work((event, run) => {
    expectTypeOf(event).toEqualTypeOf<LiveChatWebhookEvent>();
    expectTypeOf(run).toEqualTypeOf<InboxRun>();
    expectTypeOf(run.attempt).toEqualTypeOf<number>();
  }, { concurrency: 4, maxAttempts: 5, backoff: { initialMs: 100 } });
  expectTypeOf(await inbox.failed()).toEqualTypeOf<FailedWebhookEvent[]>();
  expectTypeOf<FailedWebhookEvent>().toEqualTypeOf<{ id: string; event: LiveChatWebhookEvent; attempts: number; lastError: string; failedAt: Date }>();
  expectTypeOf(createSqliteInbox({ path: "x.db" })).toMatchTypeOf<WebhookInbox>();
  expectTypeOf(createSqliteInbox({ path: "x.db" }).sqlite).toEqualTypeOf<{ readonly journalMode: string; readonly synchronous: string }>();
  expectTypeOf(createRedisInbox({ connection: "redis://127.0.0.1:6379" })).toEqualTypeOf<WebhookInbox>();
  // @ts-expect-error: synchronous=OFF would lose acknowledged events
  createSqliteInbox({ path: "x.db", synchronous: "OFF" });
});
