// The README's "Receiving webhooks" example without a store: the 200 waits for onEvent.
import { createServer } from "node:http";
import { createWebhookHandler, toNodeListener } from "livechat-rest-v2/webhooks";

const handler = createWebhookHandler({
  // Register the webhook as https://livechat:<password>@your-host/livechat-webhook:
  // LiveChat v2 signs nothing, so these credentials are the only proof a POST is LiveChat's.
  credentials: { username: "livechat", password: process.env.WEBHOOK_PASSWORD ?? "change-me" },
  // Answered 200 once this resolves, 500 if it throws (LiveChat delivers the event again),
  // 503 if it takes longer than ackTimeoutMs (8 s): keep it short and safe to run twice.
  // A redelivery of an event it handled answers 200 without running it again (dedupe).
  onEvent: async (event) => {
    switch (event.event_type) {
      case "chat_ended":
        console.log(`chat ${event.chat?.id} ended with ${event.chat?.messages.length ?? 0} messages`);
        break;
      case "ticket_created":
        console.log(`ticket ${event.ticket?.id}: ${event.ticket?.subject}`);
        break;
      default:
        console.log(`${event.event_type} for license ${event.license_id}`);
    }
  },
  onError: (error, event) => console.error(`handling ${event.event_type} failed`, error),
});

export const server = createServer(toNodeListener(handler));
if (import.meta.url === `file://${process.argv[1]}`) {
  server.listen(Number(process.env.PORT ?? 3000), () => console.log("receiving LiveChat webhooks"));
}
