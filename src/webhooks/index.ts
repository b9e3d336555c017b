// livechat-rest-v2/webhooks: receive LiveChat's webhook POSTs, typed and validated against the
// spec. A subpath of its own, so the client's bundle does not carry the validator.
export { parseWebhook, isLiveChatWebhookError, LiveChatWebhookError } from "./parse.js";
export type { LiveChatWebhookEvent, LiveChatWebhookEventOf } from "./parse.js";
export { createWebhookHandler } from "./handler.js";
export type { WebhookHandlerOptions } from "./handler.js";
export type { DedupeOptions } from "./dedupe.js";
export { toNodeListener } from "../adapters/node.js";
