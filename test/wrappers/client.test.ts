import { describe, expect, test, vi } from "vitest";
import { createLiveChatClient, PACKAGE_VERSION } from "../../src/index.js";
import { createLiveChatRawClient } from "../../src/raw/index.js";
import { API_KEY, BASIC, LOGIN, TAG, TOKEN, WEBHOOK } from "../helpers/fixtures.js";
import { allowContractViolations, answer, answerJson, BASE, HttpResponse, sent, useWire } from "../helpers/wire.js";

useWire();

const basic = () => createLiveChatClient({ auth: { login: LOGIN, apiKey: API_KEY } });
const raw = () => createLiveChatRawClient({ auth: { login: LOGIN, apiKey: API_KEY } });
const FORM = "application/x-www-form-urlencoded";
const common = (authorization: string) => ({
  accept: "application/json",
  authorization,
  "user-agent": `livechat-rest-v2/${PACKAGE_VERSION}`,
  "x-api-version": "2",
});

describe("each operation's wire bytes", () => {
  const cases = [
    {
      name: "webhooks.list sends GET /webhooks",
      call: (c: ReturnType<typeof basic>) => c.webhooks.list(),
      reply: { events: [WEBHOOK] },
      method: "GET", path: "/webhooks", body: "",
    },
    {
      name: "webhooks.create sends data_types as repeated bracket keys",
      call: (c: ReturnType<typeof basic>) => c.webhooks.create({ event_type: "chat_started", data_types: ["chat", "visitor"], url: "https://example.com/hook?a=1&b=2" }),
      reply: { events: [WEBHOOK] },
      method: "POST", path: "/webhooks",
      body: "event_type=chat_started&data_types[]=chat&data_types[]=visitor&url=https%3A%2F%2Fexample.com%2Fhook%3Fa%3D1%26b%3D2",
    },
    {
      name: "webhooks.delete sends DELETE /webhooks/{webhook_id}",
      call: (c: ReturnType<typeof basic>) => c.webhooks.delete(WEBHOOK.id),
      reply: { result: "Push notification removed successfully" },
      method: "DELETE", path: `/webhooks/${WEBHOOK.id}`, body: "",
    },
    {
      name: "tags.list sends GET /tags",
      call: (c: ReturnType<typeof basic>) => c.tags.list(),
      reply: [TAG],
      method: "GET", path: "/tags", body: "",
    },
    {
      name: "tags.list({ group }) sends the group as a query",
      call: (c: ReturnType<typeof basic>) => c.tags.list({ group: 1 }),
      reply: [TAG],
      method: "GET", path: "/tags?group=1", body: "",
    },
    {
      name: "tags.create sends tag, group and author",
      call: (c: ReturnType<typeof basic>) => c.tags.create({ tag: "sales team", group: 1, author: "john.doe@mycompany.com" }),
      reply: TAG,
      method: "POST", path: "/tags", body: "tag=sales%20team&group=1&author=john.doe%40mycompany.com",
    },
    {
      name: "tags.delete sends group in the DELETE body and the tag as one segment",
      call: (c: ReturnType<typeof basic>) => c.tags.delete("Tag Name/x", { group: 0 }),
      reply: { ok: true },
      method: "DELETE", path: "/tags/Tag%20Name%2Fx", body: "group=0",
    },
    {
      name: "chats.updateTags sends tag[] for each tag",
      call: (c: ReturnType<typeof basic>) => c.chats.updateTags("MH0NQTLD8B", ["sales", "support & care"]),
      reply: { chats: [], total: 0, pages: 0 },
      method: "PUT", path: "/chats/MH0NQTLD8B/tags", body: "tag[]=sales&tag[]=support%20%26%20care",
    },
    {
      name: "tickets.updateTags sends tag[] for each tag",
      call: (c: ReturnType<typeof basic>) => c.tickets.updateTags("5FUED", ["sales"]),
      reply: { tickets: [], total: 0, pages: 0 },
      method: "PUT", path: "/tickets/5FUED/tags", body: "tag[]=sales",
    },
  ];

  test.each(cases)("$name", async ({ call, reply, method, path, body }) => {
    answerJson(reply);
    await expect(call(basic())).resolves.toEqual(reply);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      method,
      url: `${BASE}${path}`,
      headers: body ? { ...common(BASIC), "content-type": FORM } : common(BASIC),
      body,
    });
  });

  test.each(cases)("$name with an OAuth bearer token", async ({ call, reply }) => {
    answerJson(reply);
    await call(createLiveChatClient({ auth: { accessToken: TOKEN } }) as never);
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe("client options", () => {
  test("calls a token function once per call, so it can refresh", async () => {
    answerJson([]);
    let n = 0;
    const client = createLiveChatClient({ auth: { accessToken: async () => `token-${++n}` } });
    await client.tags.list();
    await client.tags.list();
    expect(sent.map((s) => s.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  test("sends the configured apiVersion, extra headers and per-call headers", async () => {
    allowContractViolations(); // X-API-Version: 3 is not what the spec allows
    answerJson([]);
    const client = createLiveChatClient({ auth: { accessToken: TOKEN }, apiVersion: 3, headers: { "X-Region": "fra" } });
    await client.tags.list(undefined, { headers: { "X-Request-Id": "abc" } });
    expect(sent[0]!.headers).toEqual({ ...common(`Bearer ${TOKEN}`), "x-api-version": "3", "x-region": "fra", "x-request-id": "abc" });
  });

  test("a per-call header replaces the client's header of the same name in any casing", async () => {
    answer(({ request }) => HttpResponse.json(request.method === "PUT" ? { chats: [] } : []));
    const options = { auth: { accessToken: TOKEN }, headers: { "X-Region": "fra", "X-Team": "a" } };
    await createLiveChatClient(options).tags.list(undefined, { headers: { "x-region": "dal" } });
    await createLiveChatRawClient(options).GET("/tags", { headers: { "x-REGION": "dal" } });
    await createLiveChatClient(options).chats.updateTags("C1", ["sales"], { headers: { "X-REGION": "dal" } });
    expect(sent.map((s) => [s.headers["x-region"], s.headers["x-team"]])).toEqual([["dal", "a"], ["dal", "a"], ["dal", "a"]]);
  });

  test("refuses one header given twice in different casings", async () => {
    answerJson([]);
    const twice = { "X-Region": "fra", "x-region": "dal" };
    expect(() => createLiveChatClient({ auth: { accessToken: TOKEN }, headers: twice })).toThrow(
      'headers: X-Region and x-region name the same header (header names ignore case); pass it once.',
    );
    await expect(createLiveChatClient({ auth: { accessToken: TOKEN } }).tags.list(undefined, { headers: twice })).rejects.toThrow(
      'headers: X-Region and x-region name the same header (header names ignore case); pass it once.',
    );
    expect(sent).toHaveLength(0);
  });

  test("sends to a custom base URL with a path prefix", async () => {
    allowContractViolations(); // the contract check knows the spec's base URL only
    answerJson([]);
    const client = createLiveChatClient({ auth: { accessToken: TOKEN }, baseUrl: `${BASE}/proxy/` });
    await client.tags.list();
    expect(sent[0]!.url).toBe(`${BASE}/proxy/tags`);
  });

  test("looks up globalThis.fetch at each call, not at creation", async () => {
    const client = basic();
    const stub = vi.fn(async () => HttpResponse.json([]));
    const original = globalThis.fetch;
    globalThis.fetch = stub as typeof fetch;
    try {
      await client.tags.list();
    } finally {
      globalThis.fetch = original;
    }
    expect(stub).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(0);
  });

  test("uses the fetch option, called as fetch(url, init)", async () => {
    const calls: [string, RequestInit][] = [];
    const client = createLiveChatClient({
      auth: { accessToken: TOKEN },
      fetch: async (url, init) => {
        calls.push([url, init]);
        return HttpResponse.json({ ok: true });
      },
    });
    await expect(client.tags.delete("sales", { group: 2 })).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe(`${BASE}/tags/sales`);
    expect(calls[0]![1]).toMatchObject({ method: "DELETE", body: "group=2", redirect: "manual" });
  });

  test("resolves with the 2xx body exactly as the API sent it", async () => {
    const reply = { events: [{ ...WEBHOOK, extra_field: { nested: [1, 2] } }] };
    answerJson(reply);
    await expect(basic().webhooks.list()).resolves.toEqual(reply);
  });
});

describe("livechat-rest-v2/raw", () => {
  test("is openapi-fetch with the same auth, version and form encoding", async () => {
    answerJson({ events: [WEBHOOK] });
    const { data, error, response } = await raw().POST("/webhooks", {
      body: { event_type: "ticket_created", "data_types[]": ["ticket"], url: "https://example.com/t" },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual({ events: [WEBHOOK] });
    expect(sent[0]).toEqual({
      method: "POST",
      url: `${BASE}/webhooks`,
      headers: { ...common(BASIC), "content-type": FORM },
      body: "event_type=ticket_created&data_types[]=ticket&url=https%3A%2F%2Fexample.com%2Ft",
    });
  });

  test("returns non-2xx answers as openapi-fetch does", async () => {
    answer(() => HttpResponse.json({ error: "Not found" }, { status: 404 }));
    const { data, error, response } = await raw().DELETE("/webhooks/{webhook_id}", { params: { path: { webhook_id: "nope" } } });
    expect(data).toBeUndefined();
    expect(error).toEqual({ error: "Not found" });
    expect(response.status).toBe(404);
  });

  test("request(method, path) works like the method helpers", async () => {
    answerJson([TAG]);
    const { data } = await raw().request("get", "/tags", { params: { query: { group: 1 } } });
    expect(data).toEqual([TAG]);
    expect(sent[0]!.url).toBe(`${BASE}/tags?group=1`);
  });

  test.each([
    ["GET", "/agents"],
    ["PATCH", "/tags"],
    ["GET", "/tags/{tag}"],
    ["POST", "/webhooks/../agents"],
  ])("refuses %s %s, which is not an operation of the spec", async (method, path) => {
    answerJson({});
    const client = raw() as unknown as Record<string, (p: string, i?: object) => Promise<unknown>>;
    await expect(client[method]!(path)).rejects.toThrow(`Unknown operation ${method} ${path}: the API has PUT /chats/{chat_id}/tags,`);
    expect(sent).toHaveLength(0);
  });

  test("refuses a templated path called without its path parameter", async () => {
    answerJson({});
    const client = raw() as unknown as { DELETE: (p: string, i?: object) => Promise<unknown> };
    await expect(client.DELETE("/webhooks/{webhook_id}")).rejects.toThrow("Missing path parameter webhook_id.");
    expect(sent).toHaveLength(0);
  });
});
