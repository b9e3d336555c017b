// A project with neither @types/node nor msw (test/package/package.test.ts): the client and the
// mock must type-check without Node's types, and the mock must run without msw.
import { createLiveChatClient, isLiveChatConnectionError } from "livechat-rest-v2";
import { createLiveChatMock, type LiveChatMock } from "livechat-rest-v2/mock";

const credentials = { login: "demo@example.com", apiKey: "demo-api-key" };
const mock: LiveChatMock = createLiveChatMock({ credentials, seed: { tags: [{ name: "sales", group: 0 }] } });
const livechat = createLiveChatClient({ auth: credentials, fetch: mock.fetch, maxRetries: 0 });

console.log(`ok tags.list ${JSON.stringify((await livechat.tags.list()).map((t) => t.name))}`);
mock.failNext({ network: true }, { method: "GET", path: "/tags" });
const error = await livechat.tags.list().catch((e: unknown) => e);
console.log(`ok dropped ${isLiveChatConnectionError(error)}`);
