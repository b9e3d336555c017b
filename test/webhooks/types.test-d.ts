import { expectTypeOf, test } from "vitest";
import type { components } from "../../src/index.js";
import { parseWebhook, type LiveChatWebhookEvent, type LiveChatWebhookEventOf } from "../../src/webhooks/index.js";

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
