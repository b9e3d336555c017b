// The contract check itself: it must fail on what the spec forbids, or it proves nothing.
import { describe, expect, test } from "vitest";
import { checkRequest, checkResponse } from "./helpers/contract.js";
import { answer, BASE, HttpResponse, takeContractViolations, useWire } from "./helpers/wire.js";

const headers = { Authorization: "Bearer token", "X-API-Version": "2", "Content-Type": "application/x-www-form-urlencoded" };
const post = (path: string, body: string, extra: Record<string, string> = {}, method = "POST") =>
  new Request(`${BASE}${path}`, { method, headers: { ...headers, ...extra }, body });

describe("checkRequest", () => {
  test.each([
    ["literal brackets", "event_type=chat_started&data_types[]=chat&data_types[]=visitor&url=https%3A%2F%2Fa.b%2Fh"],
    ["percent-encoded brackets", "event_type=chat_started&data_types%5B%5D=chat&url=https%3A%2F%2Fa.b%2Fh"],
  ])("passes a request the spec allows (%s)", async (_, body) => {
    expect(await checkRequest(post("/webhooks", body), BASE)).toEqual([]);
  });

  test.each([
    ["a missing required field and a bad enum", post("/webhooks", "event_type=chat_opened&data_types[]=chat"),
      ["POST /webhooks body must have required property 'url'", "POST /webhooks body/event_type must be equal to one of the allowed values"]],
    ["an array sent without brackets", post("/chats/C1/tags", "tag=sales", {}, "PUT"), ["PUT /chats/{chat_id}/tags body must have required property 'tag[]'"]],
    ["an array sent with indexed keys (the spec names the [] form)", post("/chats/C1/tags", "tag[0]=sales", {}, "PUT"),
      ["PUT /chats/{chat_id}/tags body must have required property 'tag[]'"]],
    ["a field sent twice that is not an array", post("/tags/sales", "group=1&group=2", {}, "DELETE"), ["DELETE /tags/{tag} body: group is repeated but is not an array field"]],
    ["a data type that is not one", post("/webhooks", "event_type=chat_started&data_types[]=chat&data_types[]=agent&url=https%3A%2F%2Fa.b%2Fh"),
      ["POST /webhooks body/data_types[]/1 must be equal to one of the allowed values"]],
    ["an empty tag list", post("/tickets/T1/tags", "", {}, "PUT"), ["PUT /tickets/{ticket_id}/tags: the body is required"]],
    ["a non-integer group", post("/tags/sales", "group=one", {}, "DELETE"), ["DELETE /tags/{tag} body/group must be integer"]],
    ["a JSON body", post("/tags", '{"tag":"a","group":1,"author":"b"}', { "Content-Type": "application/json" }),
      ["POST /tags: Content-Type application/json is not one the spec allows"]],
    ["no credentials", new Request(`${BASE}/webhooks`, { headers: { "X-API-Version": "2" } }), ["GET /webhooks: no Basic or Bearer Authorization header"]],
    ["a wrong API version", new Request(`${BASE}/tags`, { headers: { ...headers, "X-API-Version": "1" } }), ["GET /tags header X-API-Version must be equal to constant"]],
    ["an unknown query parameter", new Request(`${BASE}/tags?callback=f`, { headers }), ["GET /tags: query parameter callback is not in the spec"]],
    ["an unknown operation", new Request(`${BASE}/agents`, { headers }), [`GET ${BASE}/agents: no such operation in the spec`]],
    ["a body on a GET-like DELETE without one", post("/webhooks/abc", "x=1", {}, "DELETE"), ["DELETE /webhooks/{webhook_id}: has a body but the operation takes none"]],
  ])("fails on %s", async (_, request, expected) => {
    expect(await checkRequest(request, BASE)).toEqual(expected);
  });
});

describe("checkResponse", () => {
  const get = new Request(`${BASE}/webhooks`, { headers });
  test("passes a documented answer", async () => {
    expect(await checkResponse(get, Response.json({ events: [] }), BASE, true)).toEqual([]);
  });
  test.each([
    ["a body of the wrong shape", Response.json([]), ["GET /webhooks → 200 body must be object"]],
    ["a webhook without its id", Response.json({ events: [{ event_type: "chat_started", data_types: ["chat"], url: "https://a.b" }] }),
      ["GET /webhooks → 200 body/events/0 must have required property 'id'"]],
    ["an error body of neither shape", Response.json({ message: "x" }, { status: 401 }),
      ["GET /webhooks → 401 body must have required property 'error'", "GET /webhooks → 401 body must have required property 'errors'", "GET /webhooks → 401 body must match a schema in anyOf"]],
    ["an undocumented status", new Response("busy", { status: 503 }), ["GET /webhooks → 503: status not documented"]],
    ["HTML where JSON is documented", new Response("<p>", { status: 200, headers: { "Content-Type": "text/html" } }),
      ["GET /webhooks → 200: Content-Type text/html is not documented"]],
  ])("fails on %s", async (_, response, expected) => {
    expect(await checkResponse(get, response, BASE, true)).toEqual(expected);
  });
});

describe("the check runs on every exchange through msw", () => {
  useWire();

  test("a forbidden request and a non-conforming answer are both recorded", async () => {
    answer(() => HttpResponse.json({ events: "none" }));
    await fetch(`${BASE}/webhooks`, { method: "POST", headers, body: "event_type=chat_started&url=x" });
    expect((await takeContractViolations()).sort()).toEqual([
      "POST /webhooks body must have required property 'data_types[]'",
      "POST /webhooks body/url must match format \"uri\"",
      "POST /webhooks → 200 body/events must be array",
    ]);
  });
});
