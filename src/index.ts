// The public face of livechat-rest-v2.
export { createLiveChatClient } from "./wrappers/client.js";
export type { LiveChatClient, OkBody } from "./wrappers/client.js";
export type { CallOptions, FetchLike, LiveChatClientOptions } from "./wrappers/config.js";
export type { BasicAuth, BearerAuth, LiveChatAuth } from "./wrappers/auth.js";
export { DATA_TYPES_BY_EVENT } from "./wrappers/input.js";
export type { CreateWebhookInput, DataType, DataTypeFor, EventType } from "./wrappers/input.js";
export {
  LiveChatError,
  LiveChatApiError,
  LiveChatConnectionError,
  LiveChatTimeoutError,
  LiveChatInputError,
  isLiveChatError,
  isLiveChatApiError,
  isLiveChatConnectionError,
  isLiveChatTimeoutError,
  isLiveChatInputError,
} from "./wrappers/errors.js";
export { API_VERSION, PACKAGE_VERSION } from "./wrappers/version.js";
export type { components, operations, paths } from "./generated/schema.js";
