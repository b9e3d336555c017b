// The served mock judged by a third party: Stoplight Prism's proxy (`prism proxy`) in front of
// `npm run mock`, validating every request the client sends and every answer the mock gives
// against spec/openapi.yaml. Without `--errors` Prism forwards everything and reports what it
// finds in the `sl-violations` response header: absent on every exchange, including the 400,
// 401 and 404 answers to requests the spec allows (an unknown id or tag, a missing
// X-API-Version, wrong credentials).
//
// Prism reads only the last of repeated form keys (stoplightio/prism#2473; test/prism/mock.test.ts
// shows it), so the contents of `tag[]` / `data_types[]` stay covered by the suite's own
// exact-byte tests and the contract check.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ACCESS_TOKEN, DEMO_CREDENTIALS } from "../../src/mock/demo.js";
import { createLiveChatClient, type LiveChatAuth, type LiveChatClientOptions } from "../../src/index.js";
import { recordingFetch, rejection, SPEC, startPrism, type Exchange, type PrismProcess } from "../helpers/prism.js";
import { rawHttpServer, type RawServer } from "../helpers/raw-http.js";
import { spawnMock, type MockProcess } from "../helpers/spawn-mock.js";

type Client = ReturnType<typeof createLiveChatClient>;

/** LiveChat's 401 text, which the mock answers too (and the spec's example shows). */
const UNAUTHORIZED_MESSAGE = "You have no rights to access this data. Check your API Key and/or username";

const AUTH: [mode: string, auth: LiveChatAuth][] = [
  ["Basic", DEMO_CREDENTIALS],
  ["Bearer", { accessToken: DEMO_ACCESS_TOKEN }],
];
const WRONG_AUTH: [mode: string, auth: LiveChatAuth][] = [
  ["Basic", { login: DEMO_CREDENTIALS.login, apiKey: "wrong-api-key" }],
  ["Bearer", { accessToken: "wrong-access-token" }],
];

/** Every method of the client on the mock's seeded data, with the request it sends. */
const OPERATIONS: [name: string, method: string, path: string, call: (client: Client) => Promise<unknown>][] = [
  ["webhooks.list", "GET", "/webhooks", (c) => c.webhooks.list()],
  ["webhooks.create", "POST", "/webhooks", (c) =>
    c.webhooks.create({ event_type: "chat_started", data_types: ["chat", "visitor"], url: "https://my-company.com/parse_webhook.php" })],
  ["webhooks.delete", "DELETE", "/webhooks/39612eee5f1b431217aafb9de19c1e32", (c) => c.webhooks.delete("39612eee5f1b431217aafb9de19c1e32")],
  ["tags.list", "GET", "/tags", (c) => c.tags.list()],
  ["tags.list with a group", "GET", "/tags?group=0", (c) => c.tags.list({ group: 0 })],
  ["tags.create", "POST", "/tags", (c) => c.tags.create({ tag: "billing", group: 0, author: DEMO_CREDENTIALS.login })],
  ["tags.delete", "DELETE", "/tags/sales", (c) => c.tags.delete("sales", { group: 0 })],
  ["chats.updateTags", "PUT", "/chats/MH0NQTLD8B/tags", (c) => c.chats.updateTags("MH0NQTLD8B", ["sales"])],
  ["tickets.updateTags", "PUT", "/tickets/5FUED/tags", (c) => c.tickets.updateTags("5FUED", ["sales"])],
];

let mock: MockProcess;
let prism: PrismProcess;
/** A server whose answer breaks the spec, behind its own Prism, to show response checks bite. */
let liar: RawServer;
let liarPrism: PrismProcess;

beforeAll(async () => {
  liar = await rawHttpServer(200, { events: "none" });
  [mock, liarPrism] = await Promise.all([spawnMock(), startPrism(["proxy", SPEC, liar.baseUrl])]);
  prism = await startPrism(["proxy", SPEC, mock.baseUrl]);
}, 120_000);
afterAll(async () => {
  await Promise.all([prism?.stop(), liarPrism?.stop(), mock?.stop(), liar?.close()]);
});

/** A client that talks to the mock through Prism and records Prism's verdict on each exchange. */
function client(auth: LiveChatAuth, log: Exchange[], edit?: (headers: Headers) => void, options: Partial<LiveChatClientOptions> = {}) {
  return createLiveChatClient({ baseUrl: prism.baseUrl, auth, maxRetries: 0, fetch: recordingFetch(log, edit), ...options });
}


describe("prism proxy in front of npm run mock", () => {
  test.each(AUTH)("every operation answers 200 with no violation (%s auth)", async (mode, auth) => {
    const log: Exchange[] = [];
    const livechat = client(auth, log);
    const tag = `prism-${mode}`;
    const url = `https://example.com/${mode}`;
    const before = await livechat.webhooks.list();
    const created = await livechat.webhooks.create({ event_type: "chat_started", data_types: ["chat", "visitor"], url });
    const webhook = created.events[0]!;
    expect(created).toEqual({
      events: [{ id: webhook.id, licence: 12345, event_type: "chat_started", data_types: ["chat", "visitor"], url, verified: true, token: webhook.token }],
    });
    expect(await livechat.webhooks.delete(webhook.id)).toEqual({ result: "Push notification removed successfully" });
    expect(await livechat.webhooks.list()).toEqual(before);
    expect(await livechat.tags.create({ tag, group: 0, author: DEMO_CREDENTIALS.login })).toEqual({
      name: tag, group: 0, author: DEMO_CREDENTIALS.login, creation_date: expect.any(Number), count: { inChats: 0, inTickets: 0 },
    });
    expect(await livechat.chats.updateTags("MH0NQTLD8B", ["support", tag])).toEqual({ chats: [{ id: "MH0NQTLD8B", tags: ["support", tag] }], total: 1, pages: 1 });
    expect(await livechat.tickets.updateTags("5FUED", [tag])).toEqual({ tickets: [{ id: "5FUED", tags: [tag] }], total: 1, pages: 1 });
    expect((await livechat.tags.list({ group: 0 })).find((t) => t.name === tag)?.count).toEqual({ inChats: 1, inTickets: 1 });
    expect((await livechat.tags.list()).map((t) => t.name)).toContain(tag);
    expect(await livechat.tags.delete(tag, { group: 0 })).toEqual({ ok: true });
    expect(await livechat.chats.updateTags("MH0NQTLD8B", ["support"])).toEqual({ chats: [{ id: "MH0NQTLD8B", tags: ["support"] }], total: 1, pages: 1 });

    const ok = (method: string, path: string) => ({ method, path, status: 200, violations: null });
    expect(log).toEqual([
      ok("GET", "/webhooks"),
      ok("POST", "/webhooks"),
      ok("DELETE", `/webhooks/${webhook.id}`),
      ok("GET", "/webhooks"),
      ok("POST", "/tags"),
      ok("PUT", "/chats/MH0NQTLD8B/tags"),
      ok("PUT", "/tickets/5FUED/tags"),
      ok("GET", "/tags?group=0"),
      ok("GET", "/tags"),
      ok("DELETE", `/tags/${tag}`),
      ok("PUT", "/chats/MH0NQTLD8B/tags"),
    ]);
  });

  test.each(WRONG_AUTH.flatMap(([mode, auth]) => OPERATIONS.map(([name, ...rest]) => [name, mode, auth, ...rest] as const)))(
    "%s with wrong %s credentials: 401 with no violation",
    async (_, _mode, auth, method, path, call) => {
      const log: Exchange[] = [];
      const raised = await rejection(call(client(auth, log)));
      expect(log).toEqual([{ method, path, status: 401, violations: null }]);
      expect(raised).toEqual({ status: 401, body: { error: UNAUTHORIZED_MESSAGE } });
    },
  );

  // The spec documents X-API-Version as `required: false` (so generated types do not make callers
  // pass it) and documents the 400 LiveChat answers without it: a request without the header is
  // valid to the spec, and so is the mock's answer.
  test.each(OPERATIONS)("%s without X-API-Version: 400 with no violation", async (_, method, path, call) => {
    const log: Exchange[] = [];
    const raised = await rejection(call(client(DEMO_CREDENTIALS, log, (headers) => headers.delete("X-API-Version"))));
    expect(log).toEqual([{ method, path, status: 400, violations: null }]);
    expect(raised).toEqual({ status: 400, body: { error: "X-API-Version header must be 2" } });
  });

  test.each([
    ["webhooks.delete of an unknown id", 404, "DELETE", "/webhooks/0123456789abcdef", "Webhook not found", (c: Client) => c.webhooks.delete("0123456789abcdef")],
    ["tags.delete of an unknown tag", 404, "DELETE", "/tags/no-such-tag", "Tag not found", (c: Client) => c.tags.delete("no-such-tag", { group: 0 })],
    ["tags.delete in a group without the tag", 404, "DELETE", "/tags/sales", "Tag not found", (c: Client) => c.tags.delete("sales", { group: 7 })],
    ["chats.updateTags of an unknown chat", 404, "PUT", "/chats/NO-SUCH-CHAT/tags", "Chat not found", (c: Client) => c.chats.updateTags("NO-SUCH-CHAT", ["sales"])],
    ["tickets.updateTags of an unknown ticket", 404, "PUT", "/tickets/NO-SUCH-TICKET/tags", "Ticket not found", (c: Client) => c.tickets.updateTags("NO-SUCH-TICKET", ["sales"])],
    ["chats.updateTags with an unknown tag", 400, "PUT", "/chats/MH0NQTLD8B/tags", "Tag does not exist: no-such-tag", (c: Client) => c.chats.updateTags("MH0NQTLD8B", ["no-such-tag"])],
    ["tickets.updateTags with an unknown tag", 400, "PUT", "/tickets/5FUED/tags", "Tag does not exist: no-such-tag", (c: Client) => c.tickets.updateTags("5FUED", ["no-such-tag"])],
    ["tags.create of a tag that exists", 400, "POST", "/tags", "Tag already exists", (c: Client) => c.tags.create({ tag: "sales", group: 0, author: DEMO_CREDENTIALS.login })],
  ])("%s: %i with no violation", async (_, status, method, path, message, call) => {
    const log: Exchange[] = [];
    const raised = await rejection(call(client(DEMO_CREDENTIALS, log)));
    expect(log).toEqual([{ method, path, status, violations: null }]);
    expect(raised).toEqual({ status, body: { error: message } });
  });

  test("webhooks.create with a URL that is not http(s), sent by hand (both clients refuse it before sending): 400 with no violation", async () => {
    const log: Exchange[] = [];
    const response = await recordingFetch(log)(`${prism.baseUrl}/webhooks`, {
      method: "POST",
      headers: { Authorization: `Bearer ${DEMO_ACCESS_TOKEN}`, "X-API-Version": "2", "Content-Type": "application/x-www-form-urlencoded" },
      body: "event_type=chat_started&data_types%5B%5D=chat&url=ftp%3A%2F%2Fexample.com%2Fhook",
    });
    expect(log).toEqual([{ method: "POST", path: "/webhooks", status: 400, violations: null }]);
    expect([response.status, await response.json()]).toEqual([400, { error: "url must be an http(s) URL" }]);
  });
});

describe("prism proxy reports what breaks the spec", () => {
  test("a request with an array sent without brackets (tag=sales)", async () => {
    const response = await fetch(`${prism.baseUrl}/chats/MH0NQTLD8B/tags`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${DEMO_ACCESS_TOKEN}`, "X-API-Version": "2", "Content-Type": "application/x-www-form-urlencoded" },
      body: "tag=sales",
    });
    // Forwarded all the same (no --errors): the mock's own answer comes back, with Prism's verdict.
    expect({ status: response.status, violations: JSON.parse(response.headers.get("sl-violations") ?? "null") as unknown, body: await response.json() }).toEqual({
      status: 400,
      violations: [{ location: ["request", "body"], severity: "Error", code: "required", message: "Request body must have required property 'tag[]'" }],
      body: { error: "tag[] is required: pass at least one tag" },
    });
  });

  test("a request with X-API-Version other than 2", async () => {
    const log: Exchange[] = [];
    const raised = await rejection(client(DEMO_CREDENTIALS, log, (headers) => headers.set("X-API-Version", "1")).tags.list());
    expect(log).toEqual([{
      method: "GET",
      path: "/tags",
      status: 400,
      violations: JSON.stringify([{ location: ["request", "header", "x-api-version"], severity: "Error", code: "const", message: "Request header parameter x-api-version must be equal to constant" }]),
    }]);
    expect(raised).toEqual({ status: 400, body: { error: "X-API-Version header must be 2" } });
  });

  test("an answer whose body the spec does not allow", async () => {
    const log: Exchange[] = [];
    const livechat = createLiveChatClient({ baseUrl: liarPrism.baseUrl, auth: DEMO_CREDENTIALS, maxRetries: 0, fetch: recordingFetch(log) });
    await livechat.webhooks.list();
    expect(log).toEqual([{
      method: "GET",
      path: "/webhooks",
      status: 200,
      violations: JSON.stringify([{ location: ["response", "body", "events"], severity: "Error", code: "type", message: "Response body property events must be array" }]),
    }]);
    expect(liar.requests).toHaveLength(1);
  });
});
