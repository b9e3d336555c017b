// The README's SQLite inbox example: store, acknowledge, then process, on one machine.
import { createServer } from "node:http";
import { createWebhookHandler, toNodeListener } from "livechat-rest-v2/webhooks";
import { createSqliteInbox } from "livechat-rest-v2/webhooks/sqlite";

export const inbox = createSqliteInbox({ path: process.env.WEBHOOK_DB ?? "./livechat-webhooks.db" });

// Runs each stored event at least once, after LiveChat got its 200: a throw is retried with
// backoff, and after maxAttempts the event waits in inbox.failed() for inbox.retry(id).
inbox.work(
  async (event) => {
    if (event.event_type === "chat_ended") {
      console.log(`chat ${event.chat?.id} ended with ${event.chat?.messages.length ?? 0} messages`);
    }
  },
  { concurrency: 4, maxAttempts: 10 },
);

const handler = createWebhookHandler({
  credentials: { username: "livechat", password: process.env.WEBHOOK_PASSWORD ?? "change-me" },
  inbox, // 200 once the event is committed to the file, 503 when it cannot be
});

export const server = createServer(toNodeListener(handler));
if (import.meta.url === `file://${process.argv[1]}`) {
  server.listen(Number(process.env.PORT ?? 3000), () => console.log("receiving LiveChat webhooks"));
  process.on("SIGTERM", () => server.close(() => void inbox.close())); // finishes the running handlers
}
