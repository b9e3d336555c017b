// The mock behaves as LiveChat's docs describe, and every exchange conforms to the spec.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeEach, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { createLiveChatClient, isLiveChatApiError, LiveChatConnectionError, LiveChatInputError, LiveChatTimeoutError } from "../../src/index.js";
import { createLiveChatMock, UNAUTHORIZED_MESSAGE, type MockTarget } from "../../src/mock/index.js";
import { mswHandlers } from "../../src/mock/msw.js";
import { ROUTES } from "../../src/mock/routes.js";
import { ROOT } from "../helpers/run.js";
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
  server.use(...mswHandlers(mock));
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
    const before = Math.floor(Date.now() / 1000);
    const tag = await livechat.tags.create({ tag: "vip", group: 2, author: "boss@example.com" });
    const after = Math.ceil(Date.now() / 1000);
    expect(tag).toMatchObject({ name: "vip", group: 2, author: "boss@example.com", count: { inChats: 0, inTickets: 0 } });
    // Stamped with the time of the call, in Unix seconds.
    expect(tag.creation_date).toBeGreaterThanOrEqual(before);
    expect(tag.creation_date).toBeLessThanOrEqual(after);
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
    await expect(mock.handle(new Request(`${BASE}/tags`, { headers }))).rejects.toThrow(new TypeError("fetch failed"));
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

describe("targeted fault injection", () => {
  /** The outcome of each call, in order: "ok", the status of an API error, or the error's name. */
  async function outcomes(...calls: (() => Promise<unknown>)[]): Promise<(string | number)[]> {
    const out: (string | number)[] = [];
    for (const call of calls) {
      out.push(await call().then(() => "ok", (e: unknown) => (isLiveChatApiError(e) ? e.status : (e as Error).name)));
    }
    return out;
  }
  const list = () => livechat.tags.list();
  const create = (tag: string) => () => livechat.tags.create({ tag, group: 1, author: "a@b.c" });
  const remove = (tag: string) => () => livechat.tags.delete(tag, { group: 1 });

  test("failNext with a target fails the first request it names, not whichever comes next", async () => {
    allowContractViolations(); // an injected 503 is no answer the spec documents
    mock.failNext({ status: 503 }, { method: "DELETE", path: "/tags/{tag}" });
    expect(await outcomes(list, create("vip"), remove("vip"), remove("vip"))).toEqual(["ok", "ok", 503, "ok"]);
    expect(mock.state.tags.map((t) => `${t.name}/${t.group}`)).toEqual(["sales/1", "support/1", "sales/2"]);
  });

  test.each(["/tags/Tag Name", "/tags/Tag%20Name"])("a concrete path %s names one resource, compared percent-decoded", async (path) => {
    allowContractViolations();
    await livechat.tags.create({ tag: "Tag Name", group: 1, author: "a@b.c" });
    mock.failNext({ status: 503 }, { path });
    expect(await outcomes(remove("support"), remove("Tag Name"), remove("Tag Name"))).toEqual(["ok", 503, "ok"]);
  });

  test("a method alone, or a path alone, names every request it fits", async () => {
    allowContractViolations();
    mock.failNext({ status: 503 }, { method: "POST" });
    mock.failNext({ status: 502 }, { path: "/chats/{chat_id}/tags" });
    const update = () => livechat.chats.updateTags("C1", ["sales"]);
    expect(await outcomes(list, update, create("a"), create("a"), update)).toEqual(["ok", 502, 503, "ok", "ok"]);
  });

  test("targeted and untargeted faults each go to the first request they fit, in the order added", async () => {
    allowContractViolations();
    mock.failNext({ status: 500 }, { method: "POST", path: "/tags" });
    mock.failNext({ status: 502 });
    mock.failNext({ status: 503 });
    expect(await outcomes(list, create("a"), list, list)).toEqual([502, 500, 503, "ok"]);
  });

  test("a dropped connection can be targeted too", async () => {
    mock.failNext({ network: true }, { method: "POST", path: "/webhooks" });
    const create = () => livechat.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https://example.com/h" });
    expect(await outcomes(() => livechat.webhooks.list(), create, create)).toEqual(["ok", "LiveChatConnectionError", "ok"]);
    expect(mock.state.webhooks).toHaveLength(1);
  });

  test("delayNext with a target holds only the request it names", async () => {
    mock.delayNext(2 ** 31 - 1, { method: "POST", path: "/tags" }); // never ends: holding the list would time the test out
    const timed = createLiveChatClient({ auth: credentials, maxRetries: 0, timeoutMs: 100 });
    await expect(timed.tags.list()).resolves.toHaveLength(3);
    await expect(timed.tags.create({ tag: "late", group: 1, author: "a@b.c" })).rejects.toBeInstanceOf(LiveChatTimeoutError);
    expect(mock.state.tags).toHaveLength(3);
  });

  test("reset drops targeted faults and delays", async () => {
    mock.failNext({ network: true }, { method: "GET", path: "/tags" });
    mock.delayNext(2 ** 31 - 1, { path: "/tags" });
    mock.reset();
    await expect(livechat.tags.list()).resolves.toHaveLength(3);
  });

  const OPERATIONS = "GET /webhooks, POST /webhooks, DELETE /webhooks/{webhook_id}, GET /tags, POST /tags, DELETE /tags/{tag}, PUT /chats/{chat_id}/tags, PUT /tickets/{ticket_id}/tags";
  test.each<[MockTarget, string]>([
    [{ path: "/tag/{tag}" }, `failNext: no operation of the mock is /tag/{tag}; pass one of ${OPERATIONS} (a template, or a path with its values filled in).`],
    [{ method: "GET", path: "/tags/{tag}" }, `failNext: no operation of the mock is GET /tags/{tag}; pass one of ${OPERATIONS} (a template, or a path with its values filled in).`],
    [{ path: "/chats/C1" }, `failNext: no operation of the mock is /chats/C1; pass one of ${OPERATIONS} (a template, or a path with its values filled in).`],
    [{ path: "tags" }, 'failNext: path must be an operation\'s path relative to the mock\'s baseUrl, such as "/tags/{tag}" or "/tags/sales"; got "tags".'],
    [{ path: "/tags?group=1" }, 'failNext: path must not have a query or fragment; percent-encode a ? or # that is part of a name (%3F, %23); got "/tags?group=1".'],
    [{ method: "PATCH" as "GET" }, 'failNext: method must be GET, POST, PUT or DELETE; got "PATCH".'],
  ])("a target that names no operation is refused: %j", (target, message) => {
    expect(() => mock.failNext({ status: 500 }, target)).toThrow(new LiveChatInputError(message));
    expect(() => mock.delayNext(10, target)).toThrow(new LiveChatInputError(message.replace("failNext", "delayNext")));
  });

  test("a fault or a delay the mock could not answer with is refused", () => {
    expect(() => mock.failNext({ status: 99 })).toThrow(new LiveChatInputError('failNext: pass { network: true } or { status } with an HTTP status from 200 to 599; got {"status":99}.'));
    expect(() => mock.failNext({ network: false } as never)).toThrow(LiveChatInputError);
    expect(() => mock.delayNext(Number.NaN)).toThrow(new LiveChatInputError("delayNext: pass a number of milliseconds, 0 or more; got NaN."));
    expect(() => mock.delayNext("100" as never)).toThrow(new LiveChatInputError('delayNext: pass a number of milliseconds, 0 or more; got string "100".'));
    expect(() => mock.delayNext(-1)).toThrow(LiveChatInputError);
  });

  test("a concrete path names the tag the client encodes, whatever its name", async () => {
    const own = createLiveChatMock({ credentials, seed: { tags: [{ name: "other", group: 1 }] } });
    const client = createLiveChatClient({ auth: credentials, fetch: own.fetch, maxRetries: 0 });
    const name = fc.string({ unit: "grapheme", minLength: 1 }).filter((n) => n !== "." && n !== "..");
    await fc.assert(
      fc.asyncProperty(name, fc.boolean(), async (tag, encoded) => {
        fc.pre(tag !== "other" && (encoded || !/[/%?#]/.test(tag))); // unencoded, these mean something else in a path
        own.reset();
        await client.tags.create({ tag, group: 1, author: "a@b.c" });
        own.failNext({ status: 503 }, { method: "DELETE", path: `/tags/${encoded ? encodeURIComponent(tag) : tag}` });
        const other = await client.tags.delete("other", { group: 1 }).then(() => "ok", (e: unknown) => (isLiveChatApiError(e) ? e.status : e));
        const named = await client.tags.delete(tag, { group: 1 }).then(() => "ok", (e: unknown) => (isLiveChatApiError(e) ? e.status : e));
        expect([other, named]).toEqual(["ok", 503]);
      }),
      { numRuns: 200 },
    );
  });

  test("the method's case does not matter", async () => {
    allowContractViolations();
    mock.failNext({ status: 503 }, { method: "post" as "POST", path: "/tags" });
    expect(await outcomes(list, create("a"))).toEqual(["ok", 503]);
  });
});

test("the mock's operations are the spec's, by method and path template", () => {
  const spec = parse(readFileSync(`${ROOT}/spec/openapi.yaml`, "utf8")) as { paths: Record<string, Record<string, unknown>> };
  const inSpec = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.keys(item).filter((k) => ["get", "post", "put", "delete", "patch"].includes(k)).map((m) => `${m.toUpperCase()} ${path}`),
  );
  expect(ROUTES.map((r) => `${r.method} ${r.template}`).sort()).toEqual(inSpec.sort());
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

describe("the mock's options are checked as the client's are", () => {
  const credentialsMessage =
    'createLiveChatMock: each credentials entry must be { login: "agent@example.com", apiKey: "test-key" } or { accessToken: "test-token" }, with non-empty strings (a login without ":").';
  test.each([
    ["a misspelt option", { credentials: { accessToken: "t" }, sed: {} },
      'createLiveChatMock has no option "sed"; its options are credentials, seed, baseUrl, licence.'],
    ["no options", undefined, 'createLiveChatMock needs an options object with credentials: { login: "agent@example.com", apiKey: "test-key" } or { accessToken: "test-token" }.'],
    ["no credentials", {}, credentialsMessage],
    ["an empty token", { credentials: { accessToken: "" } }, credentialsMessage],
    ["a login without an API key", { credentials: { login: "a" } }, credentialsMessage],
    ["both kinds in one entry", { credentials: { login: "a", apiKey: "k", accessToken: "t" } }, credentialsMessage],
    ["an empty list", { credentials: [] }, 'createLiveChatMock needs credentials: { login: "agent@example.com", apiKey: "test-key" } or { accessToken: "test-token" }.'],
    ["a licence that is not a number", { credentials: { accessToken: "t" }, licence: "x" }, "createLiveChatMock: licence must be a whole number at least 1, such as 12345."],
    ["a baseUrl that is not a URL", { credentials: { accessToken: "t" }, baseUrl: "api.livechatinc.com" },
      'createLiveChatMock: baseUrl must be an http(s) URL such as https://api.livechatinc.com; got "api.livechatinc.com".'],
    ["a seed that is not an object", { credentials: { accessToken: "t" }, seed: [] },
      'createLiveChatMock: seed must be an object such as { tags: [{ name: "sales", group: 0 }], chats: { MH0NQTLD8B: [] } }.'],
  ])("refuses %s", (_, options, message) => {
    expect(() => createLiveChatMock(options as never)).toThrow(new LiveChatInputError(message));
  });

  test("a misspelt target key is refused, not read as 'every request'", () => {
    const mock = createLiveChatMock({ credentials: { accessToken: "t" } });
    expect(() => mock.delayNext(100, { pth: "/tags" } as never)).toThrow(
      new LiveChatInputError('delayNext has no option "pth"; its options are method, path.'),
    );
    expect(() => mock.failNext({ status: 500 }, { Method: "GET" } as never)).toThrow(
      new LiveChatInputError('failNext has no option "Method"; its options are method, path.'),
    );
  });

  test("a misspelt deliver option is refused, not delivered once", async () => {
    const mock = createLiveChatMock({ credentials: { accessToken: "t" } });
    await expect(mock.deliver({ event_type: "chat_ended" }, { redelivr: true } as never)).rejects.toThrow(
      new LiveChatInputError('deliver has no option "redelivr"; its options are fetch, timeoutMs, redeliver.'),
    );
  });
});
