// The README's "Testing with the mock" example, run as a test (test/readme.test.ts keeps the two equal).
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { createLiveChatClient, isLiveChatApiError } from "livechat-rest-v2";
import { createLiveChatMock } from "livechat-rest-v2/mock";
import { mswHandlers } from "livechat-rest-v2/mock/msw";

const credentials = { login: "agent@example.com", apiKey: "test-key" };
const mock = createLiveChatMock({
  credentials,
  seed: { tags: [{ name: "sales", group: 0 }], chats: { MH0NQTLD8B: [] } },
});
const server = setupServer(...mswHandlers(mock));

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => mock.reset());
afterAll(() => server.close());

// The code under test: tags a chat as "vip", creating the tag first if it is missing.
async function tagVip(chatId: string) {
  const livechat = createLiveChatClient({ auth: credentials });
  const tags = await livechat.tags.list({ group: 0 });
  if (!tags.some((t) => t.name === "vip")) {
    await livechat.tags.create({ tag: "vip", group: 0, author: credentials.login });
  }
  await livechat.chats.updateTags(chatId, ["vip"]);
}

test("tags the chat and creates the tag once", async () => {
  await tagVip("MH0NQTLD8B");
  await tagVip("MH0NQTLD8B");
  expect(mock.state.chats.MH0NQTLD8B).toEqual(["vip"]);
  expect(mock.state.tags.map((t) => t.name)).toEqual(["sales", "vip"]);
});

test("surfaces LiveChat's outage as a LiveChatApiError", async () => {
  mock.failNext({ status: 500 });
  mock.failNext({ status: 500 });
  mock.failNext({ status: 500 }); // the first try and both retries of GET /tags
  const error = await tagVip("MH0NQTLD8B").catch((e: unknown) => e);
  expect(isLiveChatApiError(error) && error.status).toBe(500);
});

test("a failed tag update leaves the new tag in place", async () => {
  // Only the third call fails: the PUT, whatever the chat.
  mock.failNext({ status: 400, body: '{"error":"Bad request"}' }, { method: "PUT", path: "/chats/{chat_id}/tags" });
  const error = await tagVip("MH0NQTLD8B").catch((e: unknown) => e);
  expect(isLiveChatApiError(error) && error.status).toBe(400);
  expect(mock.state.tags.map((t) => t.name)).toEqual(["sales", "vip"]);
  expect(mock.state.chats.MH0NQTLD8B).toEqual([]);
});
