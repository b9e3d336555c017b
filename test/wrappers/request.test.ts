import { expect, test } from "vitest";
import { createLiveChatRawClient } from "../../src/raw/index.js";
import { PlainRequest } from "../../src/raw/index.js";
import { TAG } from "../helpers/fixtures.js";
import { answerJson, sent, useWire } from "../helpers/wire.js";

useWire();

test.each([
  [{ method: "put", headers: { "X-A": "1" }, body: "tag[]=a" }, "PUT", "tag[]=a"],
  [{}, "GET", null],
  [{ body: new URLSearchParams("a=1") }, "GET", "a=1"],
])("PlainRequest keeps url, method, headers and body as given (%j)", async (init, method, body) => {
  const request = new PlainRequest(new URL("https://api.livechatinc.com/tags"), init as RequestInit);
  expect([request.url, request.method, request.body, request.signal, request.redirect]).toEqual(["https://api.livechatinc.com/tags", method, body, null, "manual"]);
  expect(await request.text()).toBe(body ?? "");
  const copy = request.clone();
  copy.headers.set("X-B", "2");
  expect([copy.url, copy.method, copy.body, request.headers.has("X-B")]).toEqual([request.url, method, body, false]);
});

test("raw middleware sees the request and can add a header", async () => {
  answerJson([]);
  const client = createLiveChatRawClient({ auth: { accessToken: "token" } });
  const seen: string[] = [];
  client.use({
    onRequest({ request }) {
      seen.push(`${request.method} ${request.url}`);
      request.headers.set("X-Trace", "abc");
    },
  });
  await client.GET("/tags", { params: { query: { group: 2 } } });
  expect(seen).toEqual(["GET https://api.livechatinc.com/tags?group=2"]);
  expect(sent[0]!.headers["x-trace"]).toBe("abc");
});

test("raw middleware may replace the request with a PlainRequest; that one is sent", async () => {
  answerJson({ ...TAG, name: "vip" });
  const client = createLiveChatRawClient({ auth: { accessToken: "token" } });
  client.use({
    onRequest: ({ request }) =>
      new PlainRequest(request.url, { method: request.method, headers: request.headers, body: "tag=vip&group=2&author=a%40b.c" }) as unknown as Request,
  });
  await client.POST("/tags", { body: { tag: "ignored", group: 1, author: "a@b.c" } });
  expect(sent[0]).toMatchObject({ method: "POST", url: "https://api.livechatinc.com/tags", body: "tag=vip&group=2&author=a%40b.c" });
  expect(sent[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
});
