// A raw call names only what the spec gives its operation: every params key, query and path
// parameter and body field. The types refuse anything else; at run time it is refused too,
// before sending, not sent (an extra query or body field) or dropped (an extra path value, a
// misspelt params key, a cookie openapi-fetch ignores).
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { LiveChatInputError } from "../../src/index.js";
import { createLiveChatRawClient } from "../../src/raw/index.js";
import { OPERATION_NAMES } from "../../src/raw/operations.js";
import { API_KEY, BASIC, LOGIN } from "../helpers/fixtures.js";
import { ROOT } from "../helpers/run.js";
import { answer, answerJson, BASE, HttpResponse, sent, useWire } from "../helpers/wire.js";

useWire();

type Call = (path: string, init?: object) => Promise<unknown>;
/** The raw client as plain JavaScript sees it: no types to stop a call. */
const untyped = () => createLiveChatRawClient({ auth: { login: LOGIN, apiKey: API_KEY }, maxRetries: 0 }) as unknown as Record<string, Call>;
const call = (method: string, path: string, init: object) => () => untyped()[method]!(path, init);

describe("a name the spec does not give the operation is refused before sending", () => {
  test.each([
    ["an unknown query parameter", call("GET", "/tags", { params: { query: { group: 1, foo: 2 } } }), 'GET /tags has no query parameter "foo"; it takes group.'],
    ["a misspelt query parameter", call("GET", "/tags", { params: { query: { groups: 1 } } }), 'GET /tags has no query parameter "groups" (did you mean group?); it takes group.'],
    ["JSONP's callback on an operation without query parameters", call("GET", "/webhooks", { params: { query: { callback: "x" } } }),
      'GET /webhooks has no query parameter "callback"; it takes no query parameters.'],
    ["a query that is not an object", call("GET", "/tags", { params: { query: "group=1" } }), "GET /tags takes params.query as an object: { group }."],
    ["a query on an operation without query parameters that is not an object", call("GET", "/webhooks", { params: { query: "callback=x" } }), "GET /webhooks takes no params.query."],
    ["an extra body field", call("POST", "/tags", { body: { tag: "vip", group: 1, author: "a@b.c", evil: "1" } }),
      'POST /tags has no body field "evil"; it takes tag, group, author.'],
    ["tag for the spec's tag[]", call("PUT", "/chats/{chat_id}/tags", { params: { path: { chat_id: "C1" } }, body: { tag: ["sales"] } }),
      'PUT /chats/{chat_id}/tags has no body field "tag" (did you mean tag[]?); it takes tag[].'],
    ["data_types for the spec's data_types[]", call("POST", "/webhooks", { body: { event_type: "chat_ended", data_types: ["chat"], url: "https://example.com/h" } }),
      'POST /webhooks has no body field "data_types" (did you mean data_types[]?); it takes event_type, data_types[], url.'],
    ["an extra path parameter", call("DELETE", "/tags/{tag}", { params: { path: { tag: "sales", group: 1 } }, body: { group: 1 } }),
      'DELETE /tags/{tag} has no path parameter "group"; it takes tag.'],
    ["a path parameter on an operation without any", call("GET", "/webhooks", { params: { path: { webhook_id: "abc" } } }),
      'GET /webhooks has no path parameter "webhook_id"; it takes no path parameters.'],
    ["a cookie, which openapi-fetch would drop", call("GET", "/tags", { params: { cookie: { session: "x" } } }),
      'GET /tags has no cookie parameter "session"; it takes no cookie parameters.'],
    ["a misspelt params key", call("DELETE", "/tags/{tag}", { params: { paths: { tag: "sales" } }, body: { group: 1 } }),
      'params has no key "paths" (did you mean path?); it takes path, query, header, cookie.'],
    ["the body put in params", call("POST", "/tags", { params: { body: { tag: "vip" } } }), 'params has no key "body"; it takes path, query, header, cookie.'],
    ["an unknown body field, even left undefined", call("POST", "/tags", { body: { tag: "vip", group: 1, author: "a@b.c", note: undefined } }),
      'POST /tags has no body field "note"; it takes tag, group, author.'],
    ["params that are not an object", call("GET", "/tags", { params: "group=1" }), "params must be an object such as { path, query }."],
  ])("%s", async (_, send, message) => {
    answerJson([]);
    const error = await send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveChatInputError);
    expect((error as Error).message).toBe(message);
    expect(sent).toHaveLength(0);
  });
});

describe("the spec's names", () => {
  test("path, query, header and body together, byte for byte", async () => {
    answer(({ request }) => HttpResponse.json(request.method === "GET" ? [] : { ok: true }));
    const raw = createLiveChatRawClient({ auth: { login: LOGIN, apiKey: API_KEY } });
    await raw.DELETE("/tags/{tag}", { params: { path: { tag: "Tag Name" }, header: { "X-API-Version": 2 } }, body: { group: 1 } });
    await raw.GET("/tags", { params: { query: { group: 0 }, cookie: undefined } as never });
    expect(sent.map((s) => [s.method, s.url, s.headers["content-type"], s.headers.authorization, s.body])).toEqual([
      ["DELETE", `${BASE}/tags/Tag%20Name`, "application/x-www-form-urlencoded", BASIC, "group=1"],
      ["GET", `${BASE}/tags?group=0`, undefined, BASIC, ""],
    ]);
  });
});

test("the names each operation takes are exactly the spec's", () => {
  type Param = { name: string; in: string; $ref?: string };
  type Op = { parameters?: Param[]; requestBody?: { $ref?: string; content?: Record<string, { schema: { $ref: string } }> } };
  const spec = parse(readFileSync(`${ROOT}/spec/openapi.yaml`, "utf8"));
  const resolve = <T>(ref: string): T => ref.slice(2).split("/").reduce((node, key) => node[key], spec);
  const fromSpec: Record<string, Record<string, string[]>> = {};
  const cookies: string[] = [];
  for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, Op>>)) {
    for (const [method, op] of Object.entries(item)) {
      const params = (op.parameters ?? []).map((p) => (p.$ref ? resolve<Param>(p.$ref) : p));
      cookies.push(...params.filter((p) => p.in === "cookie").map((p) => p.name));
      const body = op.requestBody && (op.requestBody.$ref ? resolve<Op["requestBody"]>(op.requestBody.$ref) : op.requestBody);
      const schema = body && resolve<{ properties: object }>(body.content!["application/x-www-form-urlencoded"]!.schema.$ref);
      fromSpec[`${method.toUpperCase()} ${path}`] = {
        path: params.filter((p) => p.in === "path").map((p) => p.name),
        query: params.filter((p) => p.in === "query").map((p) => p.name),
        ...(schema ? { body: Object.keys(schema.properties) } : {}),
      };
    }
  }
  expect(OPERATION_NAMES).toEqual(fromSpec);
  expect(cookies).toEqual([]); // so params.cookie takes no key
});
