// Every input error is raised before anything is sent, and says what to pass instead.
import { describe, expect, test } from "vitest";
import { createLiveChatClient, DATA_TYPES_BY_EVENT, LiveChatInputError } from "../../src/index.js";
import { createLiveChatRawClient } from "../../src/raw/index.js";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { ROOT } from "../helpers/run.js";
import { answer, HttpResponse, sent, useWire } from "../helpers/wire.js";

useWire();

const client = createLiveChatClient({ auth: { accessToken: "token" } });
const any = client as any;
const hook = "https://example.com/hook";

const UNCLEAR_AT =
  "url has an @ after its host while a : comes before it, which URL parsers read as a host, a port or a password ending early (https://u:p@ss/w0rd@example.com goes to host ss); write a password's @, /, ?, # as %40, %2F, %3F, %23, and an @ in the path as %40.";
const CONTROL = "url must not contain spaces, tabs, line breaks or control characters (URL parsers drop some of them); percent-encode a space as %20.";
const SLASHES = "url must start with http:// or https:// and the host (two slashes, no more), such as https://example.com/livechat-webhook.";
const NOT_HTTP = "url must be an http:// or https:// URL (LiveChat POSTs each event to it), such as https://example.com/livechat-webhook.";

const refused: [string, () => Promise<unknown>, string][] = [
  ["an unknown event_type", () => any.webhooks.create({ event_type: "chat_closed", data_types: ["chat"], url: hook }),
    "event_type must be one of chat_started, chat_ended, chat_changed, visitor_queued, ticket_created, canned_response_changed."],
  ["ticket data with a chat event", () => any.webhooks.create({ event_type: "chat_started", data_types: ["chat", "ticket"], url: hook }),
    'data_types cannot include "ticket" with chat_started; pass some of: chat, visitor, pre_chat_survey.'],
  ["a post_chat_survey data type", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["post_chat_survey"], url: hook }),
    'data_types cannot include "post_chat_survey" with chat_ended; pass some of: chat, visitor, pre_chat_survey.'],
  ["no data types", () => any.webhooks.create({ event_type: "ticket_created", data_types: [], url: hook }),
    "data_types must be a non-empty array; with ticket_created pass some of: ticket."],
  ["a repeated data type", () => any.webhooks.create({ event_type: "chat_changed", data_types: ["chat", "chat"], url: hook }),
    "data_types must not repeat a type."],
  ["a relative url", () => any.webhooks.create({ event_type: "visitor_queued", data_types: ["visitor"], url: "/hook" }),
    "url must be an absolute URL, such as https://example.com/livechat-webhook."],
  ["a raw @ in the url's password", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https://livechat:p@ss@example.com/h" }),
    "url's user name or password has a character that must be percent-encoded (a raw @ is read differently by different URL parsers); write it encoded, such as https://livechat:p%40ssword@example.com/livechat-webhook."],
  ["a space in the url's user name", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https://live chat@example.com/h" }), CONTROL],
  ["a password with a raw @ and then a /, which WHATWG reads as host ss", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https://livechat:p@ss/w0rd@example.com/h" }), UNCLEAR_AT],
  ["a password of digits and a /, which WHATWG reads as a port", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https://livechat:2024/ab@example.com/h" }), UNCLEAR_AT],
  ["a one-word host, a port and an @ in the path", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https://hooks:8443/users/@me" }), UNCLEAR_AT],
  ["a tab after https: (URL parsers drop it: the password p@ss/w0rd would go to host ss)", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https:\t//livechat:p@ss/w0rd@example.com/h" }), CONTROL],
  ["a line break in the host", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https://livechat:2024/ab@exa\nmple.com/h" }), CONTROL],
  ["a user name and a port before an @ (WHATWG's host is example.com:2024)", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https://me@example.com:2024/x@hooks.example.com/" }), UNCLEAR_AT],
  ["a backslash (curl and PHP read host evil.example)", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https://hooks.example.com\\@evil.example/" }),
    "url has a backslash, which URL parsers read differently (as / in a WHATWG parser, as part of the host in others); write it as %5C."],
  ["no slashes after the scheme", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https:hooks.example.com/x" }), SLASHES],
  ["one slash after the scheme", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https:/hooks.example.com/x" }), SLASHES],
  ["three slashes after the scheme", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https:///hooks.example.com/x" }), SLASHES],
  ["a % without two hex digits", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https://u:p%zz@hooks.example.com/" }),
    "url has a % not followed by two hex digits; write a literal % as %25."],
  ["a raw @ in the user name, its encoded form later in the URL", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https://ops@corp@h.com/?//ops%40corp@" }),
    "url's user name or password has a character that must be percent-encoded (a raw @ is read differently by different URL parsers); write it encoded, such as https://livechat:p%40ssword@example.com/livechat-webhook."],
  ["an ftp url", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "ftp://example.com/h" }), NOT_HTTP],
  ["a javascript: url", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "javascript:alert(1)" }), NOT_HTTP],
  ["no webhook at all", () => any.webhooks.create(undefined), "webhooks.create needs { event_type, data_types, url }."],
  ["a fractional group", () => any.tags.delete("sales", { group: 1.5 }),
    "group must be a non-negative integer group ID (0 is the default group); got 1.5."],
  ["a string group", () => any.tags.list({ group: "1" }),
    "group must be a non-negative integer group ID (0 is the default group); got string."],
  ["a missing group on delete", () => any.tags.delete("sales", {}),
    "group must be a non-negative integer group ID (0 is the default group); got undefined."],
  ["a negative group", () => any.tags.create({ tag: "t", group: -1, author: "a" }),
    "group must be a non-negative integer group ID (0 is the default group); got -1."],
  ["an empty tag name", () => any.tags.create({ tag: "", group: 0, author: "a" }), "tag must be a non-empty string."],
  ["a tag named ..", () => any.tags.create({ tag: "..", group: 0, author: "a" }),
    'tag cannot be "..": the API names a tag in its URL path (tags.delete), where a URL parser reads it as a dot segment, so it could never be deleted; choose another name.'],
  ["a tag named . through the raw client", () => createLiveChatRawClient({ auth: { accessToken: "token" } }).POST("/tags", { body: { tag: ".", group: 0, author: "a" } }),
    'tag cannot be ".": the API names a tag in its URL path (tags.delete), where a URL parser reads it as a dot segment, so it could never be deleted; choose another name.'],
  ["no author", () => any.tags.create({ tag: "t", group: 0 }), "author must be a non-empty string."],
  ["an empty chat tag list", () => client.chats.updateTags("C1", []),
    "A chat's tag update replaces the whole list, and an empty one would clear every tag: pass at least one existing tag name."],
  ["an empty ticket tag list", () => client.tickets.updateTags("T1", []),
    "A ticket's tag update replaces the whole list, and an empty one would clear every tag: pass at least one existing tag name."],
  ["a tag list that is not an array", () => any.chats.updateTags("C1", "sales"),
    "A chat's tag update replaces the whole list, and an empty one would clear every tag: pass at least one existing tag name."],
  ["an empty tag in the list", () => client.chats.updateTags("C1", ["a", ""]), "tags[1] must be a non-empty string."],
  ["a dot-segment chat id", () => client.chats.updateTags("..", ["a"]),
    'Path parameter chat_id cannot be "..": a URL parser would read it as a dot segment and call another endpoint.'],
  ["a reserved per-call header", () => client.tags.list(undefined, { headers: { Authorization: "Bearer other" } }),
    "headers: the client sets Authorization itself; use the auth and apiVersion options instead of a header."],
  ["a header value with a line break", () => client.tags.list(undefined, { headers: { "X-Region": "fra\r\nX-Evil: 1" } }),
    "headers: the value of X-Region must be a string without line breaks or surrounding spaces."],
  ["a bad header name", () => client.tags.list(undefined, { headers: { "X Region": "fra" } }), 'headers: "X Region" is not a valid header name.'],
  ["a Headers object", () => any.tags.list(undefined, { headers: new Headers() }),
    'headers must be a plain object of header names to string values, such as { "X-Region": "fra" }.'],
  ["a zero timeout", () => client.tags.list(undefined, { timeoutMs: 0 }), "timeoutMs must be a positive whole number of milliseconds (at most 2147483647)."],
  ["a signal that is not an AbortSignal", () => any.tags.list(undefined, { signal: {} }), "signal must be an AbortSignal (for example AbortSignal.timeout(5000))."],
  ["a raw header that the client owns", () => createLiveChatRawClient({ auth: { accessToken: "token" } }).GET("/tags", { headers: { "X-API-Version": "3" } as never }),
    "headers: the client sets X-API-Version itself; use the auth and apiVersion options instead of a header."],
];

describe("refused before sending", () => {
  test.each(refused)("%s", async (_, call, message) => {
    answer(() => HttpResponse.json({}));
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveChatInputError);
    expect((error as Error).message).toBe(message);
    expect(sent).toHaveLength(0);
  });
});

// Types forbid a key a method does not read; at run time it is refused too, not dropped (the
// call would otherwise go out without what the caller meant, or with less than they think).
const unknownKeys: [string, () => Promise<unknown>, string][] = [
  ["an unknown tags.list field", () => any.tags.list({ group: 1, foo: 2 }), 'tags.list has no field "foo"; it takes group.'],
  ["a misspelt tags.list field", () => any.tags.list({ groups: 1 }), 'tags.list has no field "groups" (did you mean group?); it takes group.'],
  ["call options in place of tags.list's query", () => any.tags.list({ timeoutMs: 500 }),
    'tags.list has no field "timeoutMs"; it takes group. Call options (signal, timeoutMs, headers) go in the last argument.'],
  ["an empty key", () => any.tags.list({ "": 1 }), "tags.list has no field (a name that is not an option or field name); it takes group."],
  ["a key that is not a name (a URL with a password) is not repeated", () => any.tags.list({ "https://hooks:HookPw-9@x.example/h": 1 }),
    "tags.list has no field (a name that is not an option or field name); it takes group."],
  ["a data type that is not one (a URL with a password, arguments swapped) is not repeated",
    () => any.webhooks.create({ event_type: "chat_ended", data_types: ["https://hooks:HookPw-9@x.example/h"], url: hook }),
    "data_types cannot include a value that is not a data type with chat_ended; pass some of: chat, visitor, pre_chat_survey."],
  ["a tags.list query that is not an object", () => any.tags.list("group=1"), "tags.list takes { group } or nothing."],
  ["a null tags.list query", () => any.tags.list(null), "tags.list takes { group } or nothing."],
  ["an extra tags.create field", () => any.tags.create({ tag: "vip", group: 1, author: "a@b.c", evil: "1" }),
    'tags.create has no field "evil"; it takes tag, group, author.'],
  ["a tag's name where tags.create takes tag", () => any.tags.create({ name: "vip", group: 1, author: "a@b.c" }),
    'tags.create has no field "name"; it takes tag, group, author.'],
  ["a tags.create argument that is not an object", () => any.tags.create("vip"), "tags.create needs { tag, group, author }."],
  ["an extra tags.delete field", () => any.tags.delete("sales", { group: 1, author: "a@b.c" }), 'tags.delete has no field "author"; it takes group.'],
  ["no tags.delete group object", () => any.tags.delete("sales"), "tags.delete needs { group }."],
  ["data_type for data_types", () => any.webhooks.create({ event_type: "chat_ended", data_type: ["chat"], url: hook }),
    'webhooks.create has no field "data_type" (did you mean data_types?); it takes event_type, data_types, url.'],
  ["dataTypes for data_types", () => any.webhooks.create({ event_type: "chat_ended", dataTypes: ["chat"], url: hook }),
    'webhooks.create has no field "dataTypes" (did you mean data_types?); it takes event_type, data_types, url.'],
  ["v3's secret_key on a v2 webhook", () => any.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: hook, secret_key: "s3cr3t" }),
    'webhooks.create has no field "secret_key"; it takes event_type, data_types, url.'],
  // The methods below take no argument object but their call options, which are held to the same rule.
  ["a filter passed to webhooks.list", () => any.webhooks.list({ event_type: "chat_started" }),
    'A call has no option "event_type"; it takes signal, timeoutMs, headers.'],
  ["an extra webhooks.delete option", () => any.webhooks.delete("abc", { force: true }), 'A call has no option "force"; it takes signal, timeoutMs, headers.'],
  ["an extra chats.updateTags option", () => any.chats.updateTags("C1", ["a"], { append: true }), 'A call has no option "append"; it takes signal, timeoutMs, headers.'],
  ["an extra tickets.updateTags option", () => any.tickets.updateTags("T1", ["a"], { append: true }), 'A call has no option "append"; it takes signal, timeoutMs, headers.'],
];

describe("an unknown key in a method's argument is refused before sending, not dropped", () => {
  test.each(unknownKeys)("%s", async (_, call, message) => {
    answer(() => HttpResponse.json({}));
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveChatInputError);
    expect((error as Error).message).toBe(message);
    expect(sent).toHaveLength(0);
  });

  test("a known field left undefined is left out, as before", async () => {
    answer(() => HttpResponse.json([]));
    await any.tags.list({ group: undefined }); // plain JavaScript, or exactOptionalPropertyTypes off
    await client.tags.list({});
    expect(sent.map((s) => [s.method, s.url, s.body])).toEqual([
      ["GET", "https://api.livechatinc.com/tags", ""],
      ["GET", "https://api.livechatinc.com/tags", ""],
    ]);
  });
});

test("DATA_TYPES_BY_EVENT covers exactly the spec's event types, with the spec's data types", () => {
  const spec = parse(readFileSync(`${ROOT}/spec/openapi.yaml`, "utf8"));
  expect(Object.keys(DATA_TYPES_BY_EVENT).sort()).toEqual([...spec.components.schemas.EventType.enum].sort());
  const used = new Set(Object.values(DATA_TYPES_BY_EVENT).flat());
  expect([...used].sort()).toEqual([...spec.components.schemas.DataType.enum].sort());
});

test("every allowed event and data type pair is sent", async () => {
  answer(() => HttpResponse.json({ events: [] }));
  for (const [event_type, types] of Object.entries(DATA_TYPES_BY_EVENT)) {
    await any.webhooks.create({ event_type, data_types: types, url: hook });
  }
  expect(sent).toHaveLength(6);
});

test("a url with credentials written percent-encoded is sent as written", async () => {
  answer(() => HttpResponse.json({ events: [] }));
  const url = "https://livechat:p%40ss%20word@example.com/h";
  await client.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url });
  const others = [
    "https://only-user@example.com/h", "https://livechat:p%40ss%2Fw0rd@example.com/h", "https://example.com/users/@me", "http://example.com:8080/h?x=1",
    "https://hooks.example.com:8443/livechat?notify=ops@example.com", "https://[2001:db8::1]/hook/@team", "http://localhost:8080/@me",
  ];
  for (const other of others) await client.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: other });
  expect(sent.map((s) => new URLSearchParams(s.body).get("url"))).toEqual([url, ...others]);
});
