// The webhook receiver in a project with neither @types/node nor msw (test/package/package.test.ts),
// as Deno, Bun or a worker would use it: livechat-rest-v2/webhooks must type-check with the DOM
// lib alone, its Node adapter's types included, and run.
import { createWebhookHandler, parseWebhook, toNodeListener, type LiveChatWebhookEvent } from "livechat-rest-v2/webhooks";

const seen: LiveChatWebhookEvent[] = [];
const handler: (request: Request) => Promise<Response> = createWebhookHandler({
  credentials: { username: "livechat", password: "change-me" },
  onEvent: (event) => void seen.push(event),
  onError: (error, event) => console.error(`${event.event_type}: ${String(error)}`),
});
export const listener = toNodeListener(handler); // its types too: they name nothing of node:http

const payload = { event_type: "visitor_queued", token: "t", license_id: "1", event_unique_id: "e1" } as const;
const parsed = parseWebhook(JSON.stringify(payload));
const response = await handler(
  new Request("http://127.0.0.1/livechat-webhook", {
    method: "POST",
    headers: { Authorization: `Basic ${btoa("livechat:change-me")}`, "Content-Type": "application/json" },
    body: JSON.stringify(payload),
  }),
);
console.log(`ok webhook ${parsed.event_type} ${response.status} ${seen.map((e) => e.event_unique_id).join()}`);
