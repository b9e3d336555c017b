// The README's "Receiving webhooks" example: a receiver on Node's HTTP server.
import { createServer } from "node:http";
import { createWebhookHandler, toNodeListener } from "livechat-rest-v2/webhooks";

const handler = createWebhookHandler({
  // Register the webhook as https://livechat:<password>@your-host/livechat-webhook:
  // LiveChat v2 signs nothing, so these credentials are the only proof a POST is LiveChat's.
  credentials: { username: "livechat", password: process.env.WEBHOOK_PASSWORD ?? "change-me" },
  dedupe: true, // LiveChat retries for up to 6 hours; drop repeats of an event_unique_id
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
