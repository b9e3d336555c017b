// Type-checked with Node's types and no DOM lib (tsconfig.node-only.json), as a Node service is
// often set up: every entry point that runs on Node must need nothing more.
import { createServer } from "node:http";
import { createLiveChatClient } from "livechat-rest-v2";
import { createLiveChatMock } from "livechat-rest-v2/mock";
import { serveLiveChatMock } from "livechat-rest-v2/mock/node";
import { createLiveChatRawClient, PlainRequest } from "livechat-rest-v2/raw";
import { createWebhookHandler, toNodeListener } from "livechat-rest-v2/webhooks";
import { createRedisInbox } from "livechat-rest-v2/webhooks/redis";
import { createSqliteInbox } from "livechat-rest-v2/webhooks/sqlite";

const mock = createLiveChatMock({ credentials: { accessToken: "t" } });
export const served = serveLiveChatMock(mock);
export const client = createLiveChatClient({ auth: { accessToken: "t" }, fetch: mock.fetch });
export const raw = createLiveChatRawClient({ auth: { accessToken: "t" } });
raw.use({ onRequest: ({ request }) => new PlainRequest(request, { headers: { "X-Trace": "1" } }) });
export const listener = toNodeListener(createWebhookHandler({ onEvent: () => undefined }));
export const receiver = createServer(toNodeListener(createWebhookHandler({ onEvent: () => undefined })));
export const stores = [createSqliteInbox, createRedisInbox] as const;
