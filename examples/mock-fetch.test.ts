// The README's example of the mock without msw, run as a test (test/readme.test.ts keeps the two equal).
import { expect, test } from "vitest";
import { createLiveChatClient, isLiveChatApiError, isLiveChatConnectionError } from "livechat-rest-v2";
import { createLiveChatMock } from "livechat-rest-v2/mock";

const credentials = { accessToken: "test-token" };
const mock = createLiveChatMock({
  credentials,
  seed: { tags: [{ name: "sales", group: 0 }, { name: "support", group: 0 }, { name: "billing", group: 0 }] },
});
// No msw: the mock is the client's fetch, and fails as fetch fails.
const livechat = createLiveChatClient({ auth: credentials, fetch: mock.fetch });

// The code under test: deletes every tag of group 0 but the ones to keep.
async function prune(keep: string[]) {
  for (const tag of await livechat.tags.list({ group: 0 })) {
    if (!keep.includes(tag.name)) await livechat.tags.delete(tag.name, { group: 0 });
  }
}

test("a failure part-way stops the prune at that tag", async () => {
  mock.reset();
  mock.failNext({ status: 403, body: '{"error":"Forbidden"}' }, { method: "DELETE", path: "/tags/billing" });
  const error = await prune(["sales"]).catch((e: unknown) => e);
  expect(isLiveChatApiError(error) && error.status).toBe(403);
  expect(mock.state.tags.map((t) => t.name)).toEqual(["sales", "billing"]);
});

test("a dropped connection is retried where that is safe, and not on a POST", async () => {
  mock.reset();
  mock.failNext({ network: true }, { method: "DELETE", path: "/tags/{tag}" });
  await prune(["sales"]);
  expect(mock.state.tags.map((t) => t.name)).toEqual(["sales"]);

  mock.failNext({ network: true }, { method: "POST", path: "/tags" });
  const error = await livechat.tags.create({ tag: "vip", group: 0, author: "agent@example.com" }).catch((e: unknown) => e);
  expect(isLiveChatConnectionError(error)).toBe(true);
  expect(mock.state.tags.map((t) => t.name)).toEqual(["sales"]);
});
