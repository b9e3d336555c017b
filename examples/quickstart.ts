// `npm run demo`: create a tag, list tags, tag a chat, register a webhook, list it and delete
// it, printing each step. Against an embedded mock by default; against the real API when
// LIVECHAT_LOGIN and LIVECHAT_API_KEY (or LIVECHAT_ACCESS_TOKEN) are set, with LIVECHAT_CHAT_ID
// naming a chat to tag (the demo removes what it created, but a tagged chat keeps its tags).
import { createLiveChatClient, isLiveChatApiError, type LiveChatAuth } from "livechat-rest-v2";
import { createLiveChatMock } from "livechat-rest-v2/mock";
import { serveLiveChatMock } from "livechat-rest-v2/mock/node";

const env = process.env;
const realAuth: LiveChatAuth | undefined = env.LIVECHAT_ACCESS_TOKEN
  ? { accessToken: env.LIVECHAT_ACCESS_TOKEN }
  : env.LIVECHAT_LOGIN && env.LIVECHAT_API_KEY
    ? { login: env.LIVECHAT_LOGIN, apiKey: env.LIVECHAT_API_KEY }
    : undefined;

const demo = { login: "demo@example.com", apiKey: "demo-api-key" };
const mock = realAuth ? undefined : await serveLiveChatMock(createLiveChatMock({ credentials: demo, seed: { chats: { MH0NQTLD8B: [] } } }));
const livechat = createLiveChatClient(mock ? { auth: demo, baseUrl: mock.baseUrl } : { auth: realAuth! });
const author = env.LIVECHAT_LOGIN ?? demo.login;
const chatId = mock ? "MH0NQTLD8B" : env.LIVECHAT_CHAT_ID;
const step = (text: string) => console.log(`✔ ${text}`);

console.log(mock ? `Against the embedded mock at ${mock.baseUrl}` : "Against the real LiveChat API");
try {
  const tag = await livechat.tags.create({ tag: "livechat-rest-v2 demo", group: 0, author });
  step(`created tag "${tag.name}" in group ${tag.group}`);

  const tags = await livechat.tags.list({ group: 0 });
  step(`listed ${tags.length} tag(s) in group 0: ${tags.map((t) => t.name).join(", ")}`);

  if (chatId) {
    await livechat.chats.updateTags(chatId, [tag.name]);
    step(`tagged chat ${chatId} with "${tag.name}"`);
  } else {
    console.log("– skipped tagging a chat: set LIVECHAT_CHAT_ID");
  }

  const { events } = await livechat.webhooks.create({ event_type: "chat_ended", data_types: ["chat", "visitor"], url: "https://example.com/livechat-webhook" });
  const webhook = events[0]!;
  step(`registered webhook ${webhook.id} for ${webhook.event_type} → ${webhook.url}`);

  const listed = await livechat.webhooks.list();
  step(`listed ${listed.events.length} webhook(s)`);

  await livechat.webhooks.delete(webhook.id);
  step(`deleted webhook ${webhook.id}`);

  await livechat.tags.delete(tag.name, { group: 0 });
  step(`deleted tag "${tag.name}"`);
} catch (error) {
  console.error(isLiveChatApiError(error) ? `✘ ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await mock?.close();
}
