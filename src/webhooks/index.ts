// livechat-rest-v2/webhooks: receive LiveChat's webhook POSTs, typed and validated against the
// spec. A subpath of its own, so the client's bundle does not carry the validator. The stores
// (livechat-rest-v2/webhooks/sqlite, livechat-rest-v2/webhooks/redis) are subpaths of their own
// too, so this one carries neither better-sqlite3 nor BullMQ.
export { parseWebhook, isLiveChatWebhookError, LiveChatWebhookError } from "./parse.js";
export type { LiveChatWebhookEvent, LiveChatWebhookEventOf } from "./parse.js";
export { createWebhookHandler } from "./handler.js";
export type { WebhookHandlerOptions, OnEventReceiverOptions, InboxReceiverOptions } from "./handler.js";
export type { DedupeOptions } from "./dedupe.js";
export type { WebhookInbox, InboxHandler, InboxRun, InboxWorkOptions, InboxPutResult, FailedWebhookEvent } from "./inbox.js";
export { LiveChatInputError, isLiveChatInputError } from "../wrappers/errors.js";
export { toNodeListener } from "../adapters/node.js";
export type { NodeRequestLike, NodeResponseLike } from "../adapters/node.js";
