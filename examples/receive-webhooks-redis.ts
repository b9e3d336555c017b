// The README's Redis inbox example: any number of receiver instances behind a load balancer.
import { createServer } from "node:http";
import { createWebhookHandler, toNodeListener } from "livechat-rest-v2/webhooks";
import { createRedisInbox } from "livechat-rest-v2/webhooks/redis";

// Every instance uses the same Redis and prefix: the dedupe and the work are shared.
export const inbox = createRedisInbox({
  connection: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  prefix: "livechat",
});

// Each event runs once across all instances (again only if its worker dies, or stalls past its
// lease, mid-run).
inbox.work(
  async (event) => {
    if (event.event_type === "chat_ended") {
      console.log(`chat ${event.chat?.id} ended with ${event.chat?.messages.length ?? 0} messages`);
    }
  },
  { concurrency: 16 },
);

const handler = createWebhookHandler({
  credentials: { username: "livechat", password: process.env.WEBHOOK_PASSWORD ?? "change-me" },
  inbox, // 200 once Redis stored the event, 503 (within 5 s) when it cannot
});

export const server = createServer(toNodeListener(handler));
if (import.meta.url === `file://${process.argv[1]}`) {
  server.listen(Number(process.env.PORT ?? 3000), () => console.log("receiving LiveChat webhooks"));
  process.on("SIGTERM", () => server.close(() => void inbox.close())); // finishes the running handlers
}
