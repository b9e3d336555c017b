// A receiver for the webhook benchmark (bench/webhooks.ts), in a process of its own as in
// production: createWebhookHandler behind node:http, with KIND=memory (no store: onEvent inline,
// the in-memory dedupe), sqlite (the SQLite inbox on LOCATION) or redis (the Redis inbox on the
// URL in LOCATION); the stores' workers run here too, with a handler that does nothing.
// Prints "listening on <url>".
import { createServer } from "node:http";
import { createWebhookHandler, toNodeListener } from "livechat-rest-v2/webhooks";
import { createRedisInbox } from "livechat-rest-v2/webhooks/redis";
import { createSqliteInbox } from "livechat-rest-v2/webhooks/sqlite";

const { KIND, LOCATION } = process.env;
const quiet = () => {};
let handler: (request: Request) => Promise<Response>;
if (KIND === "memory") {
  handler = createWebhookHandler({ dedupe: true, onEvent: () => {} });
} else {
  const inbox = KIND === "sqlite" ? createSqliteInbox({ path: LOCATION! }) : createRedisInbox({ connection: LOCATION!, prefix: "bench" });
  inbox.work(() => {}, { concurrency: 8 });
  handler = createWebhookHandler({ inbox, onError: quiet });
}
const server = createServer(toNodeListener(handler));
server.listen(0, "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${(server.address() as { port: number }).port}/livechat`));
