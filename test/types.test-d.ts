// Type behaviour: what must compile and what must not. Run by vitest's typecheck mode.
import { describe, expectTypeOf, test } from "vitest";
import { createLiveChatClient, type components } from "../src/index.js";
import { requestIds } from "../examples/raw-middleware.js";
import { createLiveChatRawClient, PlainRequest } from "../src/raw/index.js";

const client = createLiveChatClient({ auth: { login: "john@example.com", apiKey: "key" } });
type Schemas = components["schemas"];

describe("resource methods", () => {
  test("resolve with the spec's 2xx bodies", () => {
    expectTypeOf(client.webhooks.list()).resolves.toEqualTypeOf<Schemas["WebhookList"]>();
    expectTypeOf(client.webhooks.delete("id")).resolves.toEqualTypeOf<Schemas["DeleteWebhookResult"]>();
    expectTypeOf(client.tags.list()).resolves.toEqualTypeOf<Schemas["Tag"][]>();
    expectTypeOf(client.tags.create({ tag: "t", group: 1, author: "a" })).resolves.toEqualTypeOf<Schemas["Tag"]>();
    expectTypeOf(client.tags.delete("t", { group: 1 })).resolves.toEqualTypeOf<Schemas["DeleteTagResult"]>();
    expectTypeOf(client.chats.updateTags("c", ["t"])).resolves.toEqualTypeOf<Schemas["ChatTagsUpdateResult"]>();
    expectTypeOf(client.tickets.updateTags("t", ["t"])).resolves.toEqualTypeOf<Schemas["TicketTagsUpdateResult"]>();
  });

  test("webhooks.create takes only the data types LiveChat sends with the event", () => {
    void client.webhooks.create({ event_type: "chat_started", data_types: ["chat", "visitor", "pre_chat_survey"], url: "https://x.y" });
    void client.webhooks.create({ event_type: "ticket_created", data_types: ["ticket"], url: "https://x.y" });
    void client.webhooks.create({ event_type: "canned_response_changed", data_types: ["canned_response"], url: "https://x.y" });
    // @ts-expect-error: ticket goes only with ticket_created
    void client.webhooks.create({ event_type: "chat_started", data_types: ["chat", "ticket"], url: "https://x.y" });
    // @ts-expect-error: pre_chat_survey does not go with chat_changed
    void client.webhooks.create({ event_type: "chat_changed", data_types: ["pre_chat_survey"], url: "https://x.y" });
    // @ts-expect-error: there is no post_chat_survey data type
    void client.webhooks.create({ event_type: "chat_ended", data_types: ["post_chat_survey"], url: "https://x.y" });
    // @ts-expect-error: not an event type
    void client.webhooks.create({ event_type: "chat_closed", data_types: ["chat"], url: "https://x.y" });
    // @ts-expect-error: url is required
    void client.webhooks.create({ event_type: "visitor_queued", data_types: ["visitor"] });
  });

  test("tags.delete needs the group, tags.create needs an integer-typed group", () => {
    // @ts-expect-error: group is required
    void client.tags.delete("sales", {});
    // @ts-expect-error: the group argument is required
    void client.tags.delete("sales");
    // @ts-expect-error: group is a number
    void client.tags.create({ tag: "t", group: "1", author: "a" });
    // @ts-expect-error: author is required
    void client.tags.create({ tag: "t", group: 1 });
  });

  test("argument objects take only their fields (refused at run time too)", () => {
    // @ts-expect-error: tags.list takes only group
    void client.tags.list({ group: 1, foo: 2 });
    // @ts-expect-error: tags.create has no field evil
    void client.tags.create({ tag: "t", group: 1, author: "a", evil: "1" });
    // @ts-expect-error: the field is data_types
    void client.webhooks.create({ event_type: "chat_ended", data_type: ["chat"], url: "https://x.y" });
  });

  test("take call options as the last argument", () => {
    void client.tags.list({ group: 1 }, { signal: AbortSignal.timeout(1000), timeoutMs: 500, headers: { "X-Region": "fra" } });
    // @ts-expect-error: unknown option
    void client.webhooks.list({ retries: 3 });
  });
});

describe("livechat-rest-v2/raw", () => {
  const raw = createLiveChatRawClient({ auth: { accessToken: "t" } });
  test("is typed by the spec", async () => {
    const { data } = await raw.GET("/tags", { params: { query: { group: 1 } } });
    expectTypeOf(data).toEqualTypeOf<Schemas["Tag"][] | undefined>();
    void raw.DELETE("/tags/{tag}", { params: { path: { tag: "t" } }, body: { group: 1 } });
    // @ts-expect-error: not a path of the spec
    void raw.GET("/agents");
    // @ts-expect-error: PATCH is not an operation of /tags
    void raw.PATCH("/tags");
    // @ts-expect-error: the DELETE body needs group
    void raw.DELETE("/tags/{tag}", { params: { path: { tag: "t" } }, body: {} });
  });

  test("takes only the spec's parameters and body fields (refused at run time too)", () => {
    // @ts-expect-error: GET /tags has no query parameter foo
    void raw.GET("/tags", { params: { query: { group: 1, foo: 2 } } });
    // @ts-expect-error: DELETE /tags/{tag} has no path parameter group
    void raw.DELETE("/tags/{tag}", { params: { path: { tag: "t", group: 1 } }, body: { group: 1 } });
    // @ts-expect-error: POST /tags has no body field evil
    void raw.POST("/tags", { body: { tag: "t", group: 1, author: "a", evil: "1" } });
    // @ts-expect-error: GET /webhooks takes no query parameters (no JSONP callback)
    void raw.GET("/webhooks", { params: { query: { callback: "x" } } });
    // @ts-expect-error: the API takes no cookies
    void raw.GET("/tags", { params: { cookie: { session: "x" } } });
    // @ts-expect-error: params takes path, query, header
    void raw.GET("/tags", { params: { querry: { group: 1 } } });
    // @ts-expect-error: not an option, also next to params
    void raw.GET("/tags", { params: { query: { group: 1 } }, redirect: "follow" });
    // @ts-expect-error: the same through request()
    void raw.request("get", "/tags", { params: { query: { group: 1, foo: 2 } } });
    // What the spec names still compiles, and parseAs still types data:
    void raw.DELETE("/tags/{tag}", { params: { path: { tag: "t" }, header: { "X-API-Version": 2 } }, body: { group: 1 }, timeoutMs: 500 });
  });

  test("names body fields as they go on the wire", () => {
    void raw.PUT("/chats/{chat_id}/tags", { params: { path: { chat_id: "C1" } }, body: { "tag[]": ["sales"] } });
    void raw.POST("/webhooks", { body: { event_type: "chat_started", "data_types[]": ["chat"], url: "https://example.com/h" } });
    // @ts-expect-error: the array field is `tag[]`, as sent
    void raw.PUT("/chats/{chat_id}/tags", { params: { path: { chat_id: "C1" } }, body: { tag: ["sales"] } });
    // @ts-expect-error: the array field is `data_types[]`, as sent
    void raw.POST("/webhooks", { body: { event_type: "chat_started", data_types: ["chat"], url: "https://example.com/h" } });
  });

  test("does not make callers pass X-API-Version", () => {
    void raw.GET("/webhooks");
  });

  test("takes timeoutMs, signal, headers and an https baseUrl per call; no per-call fetch, Request or serializers", () => {
    void raw.GET("/tags", { timeoutMs: 500, signal: AbortSignal.timeout(1000), headers: { "X-Region": "fra" }, baseUrl: "https://proxy.example.com" });
    // @ts-expect-error: every call goes through the client's transport
    void raw.GET("/tags", { fetch: globalThis.fetch });
    // @ts-expect-error: the client builds its own requests
    void raw.GET("/tags", { Request });
    // @ts-expect-error: the client encodes bodies itself
    void raw.PUT("/chats/{chat_id}/tags", { params: { path: { chat_id: "c" } }, body: { "tag[]": ["a"] }, bodySerializer: () => "" });
    // @ts-expect-error: the client encodes paths itself
    void raw.GET("/tags", { pathSerializer: (url: string) => url });
    // @ts-expect-error: the transport never follows redirects; RequestInit's options are not taken
    void raw.GET("/tags", { redirect: "follow" });
    // @ts-expect-error: timeoutMs is a number of milliseconds
    void raw.GET("/tags", { timeoutMs: "5s" });
  });

  test("form bodies take the wire names, with at least one item in each array", () => {
    void raw.PUT("/chats/{chat_id}/tags", { params: { path: { chat_id: "c" } }, body: { "tag[]": ["sales", "support"] } });
    void raw.POST("/webhooks", { body: { event_type: "chat_ended", "data_types[]": ["chat"], url: "https://x.y" } });
    // @ts-expect-error: an empty tag list would clear every tag
    void raw.PUT("/chats/{chat_id}/tags", { params: { path: { chat_id: "c" } }, body: { "tag[]": [] } });
    const maybeEmpty: string[] = [];
    // @ts-expect-error: a list not known to be non-empty must be checked first
    void raw.PUT("/tickets/{ticket_id}/tags", { params: { path: { ticket_id: "t" } }, body: { "tag[]": maybeEmpty } });
    if (maybeEmpty.length > 0) {
      const [first, ...rest] = maybeEmpty as [string, ...string[]];
      void raw.PUT("/tickets/{ticket_id}/tags", { params: { path: { ticket_id: "t" } }, body: { "tag[]": [first, ...rest] } });
    }
    // @ts-expect-error: the form field is named as it goes on the wire
    void raw.PUT("/chats/{chat_id}/tags", { params: { path: { chat_id: "c" } }, body: { tag: ["sales"] } });
  });

  test("parseAs changes the type of data as it changes the value", async () => {
    const { data } = await raw.GET("/tags", { parseAs: "text" });
    expectTypeOf(data).toEqualTypeOf<string | undefined>();
  });

  test("middleware receives a PlainRequest and may return one, not a Request", () => {
    raw.use({
      onRequest({ request, schemaPath }) {
        expectTypeOf(request).toEqualTypeOf<PlainRequest>();
        expectTypeOf(request.body).toEqualTypeOf<string | null>();
        expectTypeOf(schemaPath).toEqualTypeOf<string>();
        // @ts-expect-error: a PlainRequest has no json(); its body is the encoded form, not JSON
        void request.clone().json();
        return new PlainRequest(request, { headers: { "X-Request-Id": "1" } });
      },
      onResponse({ response }) {
        expectTypeOf(response).toEqualTypeOf<Response>();
      },
    });
    // @ts-expect-error: openapi-fetch would throw at run time on a Request that is not a PlainRequest
    raw.use({ onRequest: ({ request }) => new Request(request.url) });
    // @ts-expect-error: middleware must have at least one hook
    raw.use({});
    // The README's example, as users import it:
    raw.use(requestIds);
  });
});

describe("options", () => {
  test("auth is Basic or a bearer token", () => {
    createLiveChatClient({ auth: { accessToken: "t" } });
    createLiveChatClient({ auth: { accessToken: async () => "t" } });
    // @ts-expect-error: auth is required
    createLiveChatClient({});
    // @ts-expect-error: a login without an API key
    createLiveChatClient({ auth: { login: "a" } });
  });
});
