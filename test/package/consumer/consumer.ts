// A user's program, type-checked and run from the packed tarball (test/package/package.test.ts).
// LIVECHAT_BASE_URL and LIVECHAT_AUTH ("basic" | "bearer") say where and how; without a base
// URL it runs against the mock from livechat-rest-v2/mock, through msw (livechat-rest-v2/mock/msw).
import { createLiveChatClient, isLiveChatApiError, type LiveChatClientOptions } from "livechat-rest-v2";
import { createLiveChatMock } from "livechat-rest-v2/mock";
import { mswHandlers } from "livechat-rest-v2/mock/msw";
import { createLiveChatRawClient } from "livechat-rest-v2/raw";
import { parseWebhook } from "livechat-rest-v2/webhooks";
import { setupServer } from "msw/node";

const basic = { login: "demo@example.com", apiKey: "demo-api-key" };
const bearer = { accessToken: "demo-access-token" };
const auth: LiveChatClientOptions["auth"] = process.env.LIVECHAT_AUTH === "bearer" ? bearer : basic;
const baseUrl = process.env.LIVECHAT_BASE_URL;

let server: ReturnType<typeof setupServer> | undefined;
if (!baseUrl) {
  const mock = createLiveChatMock({
    credentials: [basic, bearer],
    seed: { tags: [{ name: "sales", group: 0 }, { name: "support", group: 0 }], chats: { MH0NQTLD8B: [] }, tickets: { "5FUED": [] } },
  });
  server = setupServer(...mswHandlers(mock));
  server.listen({ onUnhandledRequest: "error" });
}

const livechat = createLiveChatClient({ auth, ...(baseUrl ? { baseUrl } : {}) });
const step = (name: string, detail: unknown) => console.log(`ok ${name} ${JSON.stringify(detail)}`);

const tag = await livechat.tags.create({ tag: `consumer ${process.env.LIVECHAT_AUTH}`, group: 0, author: "demo@example.com" });
step("tags.create", tag.name);
step("tags.list", (await livechat.tags.list()).length > 0);
step("tags.list(group)", (await livechat.tags.list({ group: 0 })).some((t) => t.name === tag.name));
step("chats.updateTags", (await livechat.chats.updateTags("MH0NQTLD8B", ["sales", tag.name])).chats?.length);
step("tickets.updateTags", (await livechat.tickets.updateTags("5FUED", ["support"])).tickets?.length);
step("tags.delete", await livechat.tags.delete(tag.name, { group: 0 }));
const { events } = await livechat.webhooks.create({ event_type: "chat_ended", data_types: ["chat", "visitor"], url: "https://example.com/hook" });
step("webhooks.create", events[0]!.event_type);
step("webhooks.list", (await livechat.webhooks.list()).events.some((w) => w.id === events[0]!.id));
step("webhooks.delete", await livechat.webhooks.delete(events[0]!.id));
const raw = createLiveChatRawClient({ auth, ...(baseUrl ? { baseUrl } : {}) });
const { data } = await raw.GET("/tags", { params: { query: { group: 0 } } });
step("raw.GET", Array.isArray(data));
try {
  await livechat.webhooks.delete("does-not-exist");
} catch (error) {
  step("LiveChatApiError", isLiveChatApiError(error) && error.status);
}
step("parseWebhook", parseWebhook({ event_type: "visitor_queued", token: "t", license_id: "1" }).event_type);
server?.close();
