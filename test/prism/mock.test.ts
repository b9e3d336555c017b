// The client judged by a third party: every operation, with both auth modes, sent to Stoplight
// Prism's mock of spec/openapi.yaml (`prism mock --errors`). Prism validates each request against
// the spec and answers a violation with the spec's 400 and an `sl-violations` header; a valid
// request gets the operation's first example, which the client must hand back as it is.
//
// Prism reads only the last of repeated form keys (stoplightio/prism#2473, shown below), so it
// checks that `tag[]` / `data_types[]` are there and that the last item is valid, not the other
// items: the contents of arrays stay covered by the suite's own exact-byte tests
// (test/wrappers/wire-bytes.test.ts, test/wrappers/form.test.ts) and the contract check
// (test/contract.test.ts), which reads every key.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { createLiveChatClient, type CallOptions, type LiveChatAuth } from "../../src/index.js";
import { recordingFetch, rejection, SPEC, startPrism, type Exchange, type PrismProcess } from "../helpers/prism.js";

type Client = ReturnType<typeof createLiveChatClient>;

interface SpecResponse {
  $ref?: string;
  content?: { "application/json"?: { example?: unknown } };
}
const spec = parse(readFileSync(SPEC, "utf8")) as {
  paths: Record<string, Record<string, { responses: Record<string, SpecResponse> }>>;
  components: { responses: Record<string, SpecResponse> };
};

/** The spec's statuses for `method template`, and the example Prism answers each with. */
function documented(method: string, template: string): Map<number, unknown> {
  const responses = spec.paths[template]![method.toLowerCase()]!.responses;
  return new Map(
    Object.entries(responses).map(([status, response]) => {
      const resolved = response.$ref ? spec.components.responses[response.$ref.replace("#/components/responses/", "")]! : response;
      return [Number(status), resolved.content!["application/json"]!.example];
    }),
  );
}

/** Every method of the client, called as the README shows, with the request it must send. */
const OPERATIONS: [name: string, method: string, template: string, path: string, call: (client: Client, options?: CallOptions) => Promise<unknown>][] = [
  ["webhooks.list", "GET", "/webhooks", "/webhooks", (c, o) => c.webhooks.list(o)],
  ["webhooks.create", "POST", "/webhooks", "/webhooks", (c, o) =>
    c.webhooks.create({ event_type: "chat_started", data_types: ["chat", "visitor"], url: "https://my-company.com/parse_webhook.php" }, o)],
  ["webhooks.delete", "DELETE", "/webhooks/{webhook_id}", "/webhooks/39612eee5f1b431217aafb9de19c1e32", (c, o) =>
    c.webhooks.delete("39612eee5f1b431217aafb9de19c1e32", o)],
  ["tags.list", "GET", "/tags", "/tags", (c, o) => c.tags.list(undefined, o)],
  ["tags.list with a group", "GET", "/tags", "/tags?group=1", (c, o) => c.tags.list({ group: 1 }, o)],
  ["tags.create", "POST", "/tags", "/tags", (c, o) => c.tags.create({ tag: "sales", group: 1, author: "john.doe@mycompany.com" }, o)],
  ["tags.delete", "DELETE", "/tags/{tag}", "/tags/Tag%20Name", (c, o) => c.tags.delete("Tag Name", { group: 1 }, o)],
  ["chats.updateTags", "PUT", "/chats/{chat_id}/tags", "/chats/MH0NQTLD8B/tags", (c, o) => c.chats.updateTags("MH0NQTLD8B", ["sales", "support"], o)],
  ["tickets.updateTags", "PUT", "/tickets/{ticket_id}/tags", "/tickets/5FUED/tags", (c, o) => c.tickets.updateTags("5FUED", ["sales"], o)],
];

const AUTH: [mode: string, auth: LiveChatAuth][] = [
  ["Basic", { login: "john@example.com", apiKey: "c0ffee-api-key" }],
  ["Bearer", { accessToken: "dal:oauth-token" }],
];

const CASES = AUTH.flatMap(([mode, auth]) => OPERATIONS.map(([name, ...rest]) => [name, mode, auth, ...rest] as const));


let prism: PrismProcess;

beforeAll(async () => {
  prism = await startPrism(["mock", SPEC, "--errors"]);
}, 90_000);
afterAll(() => prism?.stop());

/** A client that talks to Prism and records what Prism said about each exchange. */
function client(auth: LiveChatAuth, log: Exchange[]) {
  return createLiveChatClient({ baseUrl: prism.baseUrl, auth, maxRetries: 0, fetch: recordingFetch(log) });
}

describe("prism mock --errors", () => {
  test.each(CASES)("takes %s with %s auth with no violation, and the client returns the spec's example", async (_, _mode, auth, method, template, path, call) => {
    const log: Exchange[] = [];
    const outcome = await call(client(auth, log)).then((value) => ({ value }), (error: unknown) => ({ error: String(error) }));
    expect(log).toEqual([{ method, path, status: 200, violations: null }]); // first, so a failure shows Prism's verdict
    expect(outcome).toEqual({ value: documented(method, template).get(200) });
  });

  test.each(CASES)("answers %s with %s auth with each documented error, which the client raises with the spec's body", async (_, _mode, auth, method, template, path, call) => {
    const errors = [...documented(method, template)].filter(([status]) => status !== 200);
    expect(errors.map(([status]) => status)).toEqual(expect.arrayContaining([400, 401, 500]));
    for (const [status, body] of errors) {
      const log: Exchange[] = [];
      // Prism's way to pick one of the documented answers for a valid request.
      const raised = await rejection(call(client(auth, log), { headers: { Prefer: `code=${status}` } }));
      expect(log).toEqual([{ method, path, status, violations: null }]);
      expect(raised).toEqual({ status, body });
    }
  });
});

/** Sends `body` as the client would (same headers), but with a body the client never sends. */
function sendForm(method: string, path: string, body: string) {
  return fetch(`${prism.baseUrl}${path}`, {
    method,
    headers: { Authorization: "Bearer dal:oauth-token", "X-API-Version": "2", "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}

/** Status, `sl-violations` (parsed) and body of a response. */
async function verdict(response: Response) {
  const violations = response.headers.get("sl-violations");
  return { status: response.status, violations: violations === null ? null : (JSON.parse(violations) as unknown), body: await response.json() };
}

const BAD_REQUEST = documented("PUT", "/chats/{chat_id}/tags").get(400);

describe("prism mock --errors flags a request the spec does not allow", () => {
  test.each([
    ["an array sent without brackets (tag=sales)", "PUT", "/chats/MH0NQTLD8B/tags", "tag=sales", "body", "required", "Request body must have required property 'tag[]'"],
    ["data types sent without brackets", "POST", "/webhooks", "event_type=chat_started&data_types=chat&url=https%3A%2F%2Fa.example%2Fh", "body", "required",
      "Request body must have required property 'data_types[]'"],
    ["a body missing a required field", "POST", "/tags", "tag=sales&group=1", "body", "required", "Request body must have required property 'author'"],
    ["a negative group", "DELETE", "/tags/sales", "group=-1", "body.group", "minimum", "Request body property group must be >= 0"],
  ])("%s", async (_, method, path, body, location, code, message) => {
    expect(await verdict(await sendForm(method, path, body))).toEqual({
      status: 400,
      violations: [{ location: ["request", ...location.split(".")], severity: "Error", code, message }],
      body: BAD_REQUEST,
    });
  });

  test("a missing Authorization header", async () => {
    const response = await fetch(`${prism.baseUrl}/webhooks`, { headers: { "X-API-Version": "2" } });
    expect(await verdict(response)).toEqual({
      status: 401,
      violations: [{ location: ["request"], severity: "Error", code: 401, message: "Invalid security scheme used" }],
      body: documented("GET", "/webhooks").get(401),
    });
  });
});

// What Prism 5.14.2 makes of repeated keys: it keeps the last value of each key and drops an
// empty one (stoplightio/prism#2473). Pinned here, so that the comment at the top stays true; if
// a Prism upgrade reads every item, these fail and this suite can check array contents too.
describe("prism mock reads only the last of repeated form keys", () => {
  test.each([
    ["an empty first tag (minLength 1) goes unseen", "PUT", "/chats/MH0NQTLD8B/tags", "tag%5B%5D=&tag%5B%5D=sales"],
    ["a data type that is not one, when not last, goes unseen", "POST", "/webhooks",
      "event_type=chat_started&data_types%5B%5D=agent&data_types%5B%5D=chat&url=https%3A%2F%2Fa.example%2Fh"],
    ["a repeated data type (uniqueItems) goes unseen", "POST", "/webhooks",
      "event_type=chat_started&data_types%5B%5D=chat&data_types%5B%5D=chat&url=https%3A%2F%2Fa.example%2Fh"],
  ])("%s", async (_, method, path, body) => {
    const response = await sendForm(method, path, body);
    expect([response.status, response.headers.get("sl-violations")]).toEqual([200, null]);
  });

  test("a wrong last data type is reported as the only item", async () => {
    const response = await sendForm("POST", "/webhooks", "event_type=chat_started&data_types%5B%5D=chat&data_types%5B%5D=agent&url=https%3A%2F%2Fa.example%2Fh");
    expect((await verdict(response)).violations).toEqual([{
      location: ["request", "body", "data_types[]", "0"],
      severity: "Error",
      code: "enum",
      message: "Request body property data_types[].0 must be equal to one of the allowed values: chat, visitor, pre_chat_survey, ticket, canned_response",
    }]);
  });

  test("an empty last tag makes the whole list missing", async () => {
    const response = await sendForm("PUT", "/chats/MH0NQTLD8B/tags", "tag%5B%5D=sales&tag%5B%5D=");
    expect((await verdict(response)).violations).toEqual([
      { location: ["request", "body"], severity: "Error", code: "required", message: "Request body must have required property 'tag[]'" },
    ]);
  });
});
