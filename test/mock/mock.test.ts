// The mock behaves as LiveChat's docs describe, and every exchange conforms to the spec.
import fc from "fast-check";
import { beforeEach, describe, expect, test } from "vitest";
import { createLiveChatClient, isLiveChatApiError } from "../../src/index.js";
import { createLiveChatMock, UNAUTHORIZED_MESSAGE } from "../../src/mock/index.js";
import { allowContractViolations, BASE, server, useWire } from "../helpers/wire.js";

useWire({ strictResponses: true });

const credentials = { login: "agent@example.com", apiKey: "mock-key" };
const mock = createLiveChatMock({
  credentials,
  seed: {
    tags: [{ name: "sales", group: 1 }, { name: "support", group: 1 }, { name: "sales", group: 2 }],
    chats: { C1: ["support"] },
    tickets: { T1: [] },
  },
});
const livechat = createLiveChatClient({ auth: credentials, maxRetries: 0 });
const headers = { Authorization: `Basic ${btoa("agent@example.com:mock-key")}`, "X-API-Version": "2" };

beforeEach(() => {
  mock.reset();
  server.use(...mock.handlers);
});

async function apiError(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  if (!isLiveChatApiError(error)) throw new Error(`expected a LiveChatApiError, got ${String(error)}`);
  return { status: error.status, body: error.body };
}

describe("webhooks", () => {
  test("are created, listed and deleted", async () => {
    const { events } = await livechat.webhooks.create({ event_type: "chat_started", data_types: ["chat", "visitor"], url: "https://example.com/h" });
    expect(events).toHaveLength(1);
    const created = events[0]!;
    expect(created).toMatchObject({ licence: 12345, event_type: "chat_started", data_types: ["chat", "visitor"], url: "https://example.com/h", verified: true });
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(await livechat.webhooks.list()).toEqual({ events: [created] });
    expect(mock.state.webhooks).toEqual([created]);
    expect(await livechat.webhooks.delete(created.id)).toEqual({ result: "Push notification removed successfully" });
    expect(mock.state.webhooks).toEqual([]);
  });

  test("deleting an unknown webhook answers 404", async () => {
    expect(await apiError(livechat.webhooks.delete("0123"))).toEqual({ status: 404, body: { error: "Webhook not found" } });
  });

  test("a data type not sent with the event answers 400", async () => {
    const res = await fetch(`${BASE}/webhooks`, { method: "POST", headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body: "event_type=ticket_created&data_types[]=chat&url=https%3A%2F%2Fa.b" });
    allowContractViolations(); // the request is one the spec forbids, on purpose
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "data_types: chat is not sent with ticket_created" });
  });
});

describe("tags", () => {
  test("are listed from every group or from one", async () => {
    expect((await livechat.tags.list()).map((t) => [t.name, t.group])).toEqual([["sales", 1], ["support", 1], ["sales", 2]]);
    expect((await livechat.tags.list({ group: 2 })).map((t) => t.name)).toEqual(["sales"]);
    expect(await livechat.tags.list({ group: 9 })).toEqual([]);
  });

  test("are created per group with their counts", async () => {
    const tag = await livechat.tags.create({ tag: "vip", group: 2, author: "boss@example.com" });
    expect(tag).toMatchObject({ name: "vip", group: 2, author: "boss@example.com", count: { inChats: 0, inTickets: 0 } });
    expect(Math.abs(tag.creation_date - Date.now() / 1000)).toBeLessThan(5);
    expect(await apiError(livechat.tags.create({ tag: "vip", group: 2, author: "a" }))).toEqual({ status: 400, body: { error: "Tag already exists" } });
  });

  test("are deleted only from the group given", async () => {
    expect(await apiError(livechat.tags.delete("support", { group: 2 }))).toEqual({ status: 404, body: { error: "Tag not found" } });
    expect(await livechat.tags.delete("sales", { group: 2 })).toEqual({ ok: true });
    expect(mock.state.tags.map((t) => `${t.name}/${t.group}`)).toEqual(["sales/1", "support/1"]);
  });

  test("a DELETE without its group in the body answers 400", async () => {
    const res = await fetch(`${BASE}/tags/sales`, { method: "DELETE", headers });
    allowContractViolations();
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "group is required and must be an integer" });
    expect(mock.state.tags).toHaveLength(3);
  });
});

describe("chat and ticket tags", () => {
  test("an update replaces the list and shows in the tag counts", async () => {
    expect(await livechat.chats.updateTags("C1", ["sales", "sales"])).toEqual({ chats: [{ id: "C1", tags: ["sales"] }], total: 1, pages: 1 });
    expect(await livechat.tickets.updateTags("T1", ["support"])).toEqual({ tickets: [{ id: "T1", tags: ["support"] }], total: 1, pages: 1 });
    expect(mock.state.chats).toEqual({ C1: ["sales"] });
    expect(mock.state.tickets).toEqual({ T1: ["support"] });
    const counts = (await livechat.tags.list({ group: 1 })).map((t) => [t.name, t.count]);
    expect(counts).toEqual([["sales", { inChats: 1, inTickets: 0 }], ["support", { inChats: 0, inTickets: 1 }]]);
  });

  test("only existing tags are accepted, and an unknown chat answers 404", async () => {
    expect(await apiError(livechat.chats.updateTags("C1", ["nope"]))).toEqual({ status: 400, body: { error: "Tag does not exist: nope" } });
    expect(await apiError(livechat.chats.updateTags("C9", ["sales"]))).toEqual({ status: 404, body: { error: "Chat not found" } });
    expect(await apiError(livechat.tickets.updateTags("T9", ["sales"]))).toEqual({ status: 404, body: { error: "Ticket not found" } });
    expect(mock.state.chats).toEqual({ C1: ["support"] });
  });

  test("a body without tags is refused instead of clearing the chat", async () => {
    const res = await fetch(`${BASE}/chats/C1/tags`, { method: "PUT", headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body: "" });
    allowContractViolations();
    expect(res.status).toBe(400);
    expect(mock.state.chats).toEqual({ C1: ["support"] });
  });

  test("JSON bodies are accepted too, as the API does", async () => {
    const res = await fetch(`${BASE}/chats/C1/tags`, { method: "PUT", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify({ tag: ["sales"] }) });
    allowContractViolations(); // the spec describes form bodies only
    expect(res.status).toBe(200);
    expect(mock.state.chats).toEqual({ C1: ["sales"] });
  });
});

describe("errors", () => {
  test("wrong credentials answer 401 with LiveChat's text", async () => {
    const wrong = createLiveChatClient({ auth: { login: "agent@example.com", apiKey: "other" } });
    expect(await apiError(wrong.tags.list())).toEqual({ status: 401, body: { error: UNAUTHORIZED_MESSAGE } });
    const bearer = createLiveChatClient({ auth: { accessToken: "mock-key" } });
    expect((await apiError(bearer.webhooks.list())).status).toBe(401);
  });

  test("a missing X-API-Version answers 400", async () => {
    const res = await fetch(`${BASE}/tags`, { headers: { Authorization: headers.Authorization } });
    allowContractViolations();
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "X-API-Version header must be 2" });
  });

  test("an unknown path answers 404 and a wrong method 405", async () => {
    allowContractViolations();
    expect((await fetch(`${BASE}/agents`, { headers })).status).toBe(404);
    expect((await fetch(`${BASE}/tags`, { method: "PATCH", headers })).status).toBe(405);
  });

  test("a bearer-token mock accepts that token only", async () => {
    const bearerMock = createLiveChatMock({ credentials: { accessToken: "tok" } });
    const ok = await bearerMock.handle(new Request(`${BASE}/webhooks`, { headers: { Authorization: "Bearer tok", "X-API-Version": "2" } }));
    const bad = await bearerMock.handle(new Request(`${BASE}/webhooks`, { headers: { Authorization: "Bearer tok2", "X-API-Version": "2" } }));
    expect([ok.status, bad.status]).toEqual([200, 401]);
  });
});

describe("fault injection", () => {
  test("failNext answers the next requests with the faults, in order, without performing them", async () => {
    allowContractViolations();
    mock.failNext({ status: 503, retryAfter: 1 });
    mock.failNext({ network: true });
    mock.failNext({ status: 200, body: "<html>", contentType: "text/html" });
    const first = await mock.handle(new Request(`${BASE}/tags`, { headers }));
    expect([first.status, first.headers.get("Retry-After"), await first.json()]).toEqual([503, "1", { error: "Injected fault: HTTP 503" }]);
    expect((await mock.handle(new Request(`${BASE}/tags`, { headers }))).type).toBe("error");
    expect(await (await mock.handle(new Request(`${BASE}/tags`, { headers }))).text()).toBe("<html>");
    expect((await mock.handle(new Request(`${BASE}/tags`, { headers }))).status).toBe(200);
  });

  test("delayNext holds the next answer", async () => {
    mock.delayNext(150);
    const started = performance.now();
    await livechat.tags.list();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  test("reset drops pending faults and restores the seed", async () => {
    await livechat.tags.create({ tag: "new", group: 1, author: "a" });
    mock.failNext({ network: true });
    mock.reset();
    expect(mock.state.tags).toHaveLength(3);
    await expect(livechat.tags.list()).resolves.toHaveLength(3);
  });
});

test("handle answers any request without throwing", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"),
      fc.oneof(fc.constantFrom("/tags", "/webhooks", "/tags/%E0%A4%A", "/chats/C1/tags", "/webhooks/x"), fc.webPath()),
      fc.string({ unit: "binary" }),
      fc.constantFrom("application/x-www-form-urlencoded", "application/json", "text/plain"),
      fc.boolean(),
      async (method, path, body, type, authorised) => {
        const init: RequestInit = { method, headers: { ...(authorised ? headers : {}), "Content-Type": type } };
        if (method !== "GET") init.body = body;
        const response = await mock.handle(new Request(`${BASE}${path.startsWith("/") ? path : `/${path}`}`, init));
        expect([200, 400, 401, 404, 405]).toContain(response.status);
        expect(response.headers.get("Content-Type")).toBe("application/json");
        JSON.parse(await response.text());
      },
    ),
    { numRuns: 500 },
  );
});
