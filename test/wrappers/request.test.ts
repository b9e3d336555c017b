import { expect, test } from "vitest";
import { createLiveChatClient } from "../../src/index.js";
import { PlainRequest } from "../../src/wrappers/request.js";
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
  const client = createLiveChatClient({ auth: { accessToken: "token" } });
  const seen: string[] = [];
  client.raw.use({
    onRequest({ request }) {
      seen.push(`${request.method} ${request.url}`);
      request.headers.set("X-Trace", "abc");
    },
  });
  await client.raw.GET("/tags", { params: { query: { group: 2 } } });
  expect(seen).toEqual(["GET https://api.livechatinc.com/tags?group=2"]);
  expect(sent[0]!.headers["x-trace"]).toBe("abc");
});
