// createLiveChatClient refuses bad options at creation, with a message that says what to do.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { createLiveChatClient, LiveChatInputError, PACKAGE_VERSION } from "../../src/index.js";
import { ROOT } from "../helpers/run.js";

const create = (options: unknown) => () => createLiveChatClient(options as never);
const token = { accessToken: "token" };

describe("createLiveChatClient refuses", () => {
  test.each([
    ["no options", undefined, "createLiveChatClient needs an options object with auth."],
    ["no auth", {}, 'Missing auth. Pass auth: { login: "you@example.com", apiKey: "<API key>" } for HTTP Basic, or auth: { accessToken: "<OAuth token>" }.'],
    ["both auth kinds", { auth: { login: "a", apiKey: "b", accessToken: "c" } }, "Pass either { login, apiKey } or { accessToken } as auth, not both."],
    ["an empty login", { auth: { login: "", apiKey: "k" } }, 'auth.login must be a non-empty string. Pass auth: { login: "you@example.com", apiKey: "<API key>" } for HTTP Basic, or auth: { accessToken: "<OAuth token>" }.'],
    ["a missing API key", { auth: { login: "a@b.c" } }, 'auth.apiKey must be a non-empty string. Pass auth: { login: "you@example.com", apiKey: "<API key>" } for HTTP Basic, or auth: { accessToken: "<OAuth token>" }.'],
    ["a login with a colon", { auth: { login: "a:b", apiKey: "k" } }, "auth.login must not contain ':' (HTTP Basic cannot carry it); pass the account login or ID alone."],
    ["a login with a lone surrogate", { auth: { login: "a\uD800", apiKey: "k" } }, "auth.login and auth.apiKey must be well-formed Unicode strings."],
    ["an empty token", { auth: { accessToken: "" } }, "auth.accessToken must be a non-empty string (or a function returning one)."],
    ["a token with a space", { auth: { accessToken: "Bearer abc" } }, "auth.accessToken contains a space, a control or a non-ASCII character; pass the token exactly as LiveChat issued it."],
    ["an API key with a trailing space", { auth: { login: "a@b.c", apiKey: "demo-api-key " } }, "auth.apiKey contains a space, a control or a non-ASCII character; pass the key exactly as LiveChat issued it."],
    ["an API key with a line break", { auth: { login: "a@b.c", apiKey: "key\n" } }, "auth.apiKey contains a space, a control or a non-ASCII character; pass the key exactly as LiveChat issued it."],
    ["an API key with a non-ASCII character", { auth: { login: "a@b.c", apiKey: "kéy" } }, "auth.apiKey contains a space, a control or a non-ASCII character; pass the key exactly as LiveChat issued it."],
    ["a login with a trailing line break", { auth: { login: "a@b.c\n", apiKey: "k" } }, "auth.login starts or ends with a space, or contains a control character; pass the login (an email or account ID) alone."],
    ["a login with a leading space", { auth: { login: " a@b.c", apiKey: "k" } }, "auth.login starts or ends with a space, or contains a control character; pass the login (an email or account ID) alone."],
    ["plain http to a remote host", { auth: token, baseUrl: "http://api.livechatinc.com" }, "baseUrl must use https:// (plain http is allowed only for loopback hosts: localhost, [::1] and 127.0.0.0/8 such as 127.0.0.1); got http://api.livechatinc.com."],
    ["http to a host that merely starts with 127", { auth: token, baseUrl: "http://127.0.0.1.evil.com" }, "baseUrl must use https:// (plain http is allowed only for loopback hosts: localhost, [::1] and 127.0.0.0/8 such as 127.0.0.1); got http://127.0.0.1.evil.com."],
    ["a relative base URL", { auth: token, baseUrl: "/api" }, 'baseUrl is not an absolute URL; pass one such as "https://api.livechatinc.com".'],
    ["a base URL with credentials", { auth: token, baseUrl: "https://u:p@api.livechatinc.com" }, "baseUrl must not carry credentials; pass them as the auth option."],
    ["a base URL with a query", { auth: token, baseUrl: "https://api.livechatinc.com/?x=1" }, 'baseUrl must not have a query or fragment; pass an origin such as "https://api.livechatinc.com".'],
    ["an ftp base URL", { auth: token, baseUrl: "ftp://api.livechatinc.com" }, "baseUrl must be an https:// URL; got ftp://api.livechatinc.com."],
    ["a base URL that is not a string", { auth: token, baseUrl: 1 }, 'baseUrl must be a string such as "https://api.livechatinc.com".'],
    ["a fractional apiVersion", { auth: token, apiVersion: 2.5 }, "apiVersion must be a positive whole number (LiveChat v2: 2)."],
    ["a negative timeout", { auth: token, timeoutMs: -1 }, "timeoutMs must be a positive whole number of milliseconds (at most 2147483647)."],
    ["too many retries", { auth: token, maxRetries: 11 }, "maxRetries must be a whole number from 0 to 10."],
    ["a reserved header", { auth: token, headers: { "content-type": "application/json" } }, "headers: the client sets content-type itself; use the auth and apiVersion options instead of a header."],
    ["a fetch that is not a function", { auth: token, fetch: "fetch" }, "fetch must be a function such as globalThis.fetch."],
    ["a misspelt option", { auth: token, timeout: 5000 }, 'createLiveChatClient has no option "timeout" (did you mean timeoutMs?); it takes auth, baseUrl, apiVersion, timeoutMs, maxRetries, headers, fetch.'],
    ["an option of another library", { auth: token, retries: 3 }, 'createLiveChatClient has no option "retries"; it takes auth, baseUrl, apiVersion, timeoutMs, maxRetries, headers, fetch.'],
  ])("%s", (_, options, message) => {
    expect(create(options)).toThrow(new LiveChatInputError(message));
  });
});

describe("a method's last argument refuses", () => {
  const client = createLiveChatClient({ auth: token, fetch: () => Promise.reject(new Error("no request may be sent")) });
  test.each([
    ["a misspelt option", { timeout: 5 }, 'A call has no option "timeout" (did you mean timeoutMs?); it takes signal, timeoutMs, headers.'],
    ["a per-call baseUrl, which only the client takes", { baseUrl: "http://evil.example" }, 'A call has no option "baseUrl"; it takes signal, timeoutMs, headers.'],
    ["a per-call fetch", { fetch: globalThis.fetch }, 'A call has no option "fetch"; it takes signal, timeoutMs, headers.'],
    ["something that is not an object", "fast", "A method's last argument must be an object such as { signal, timeoutMs, headers }."],
  ])("%s", async (_, options, message) => {
    await expect(client.tags.list({}, options as never)).rejects.toThrow(new LiveChatInputError(message));
  });
});

describe("createLiveChatClient accepts", () => {
  test.each([
    ["loopback http", "http://127.0.0.1:8787"],
    ["localhost http", "http://localhost:8787/"],
    ["IPv6 loopback http", "http://[::1]:8787"],
    ["https with a path", "https://proxy.example.com/livechat"],
  ])("%s", (_, baseUrl) => {
    expect(create({ auth: token, baseUrl })).not.toThrow();
  });

  test("any non-empty login without a colon, such as an account ID or a non-ASCII name", () => {
    expect(create({ auth: { login: "Zoë Ålund", apiKey: "key" } })).not.toThrow();
    expect(create({ auth: { login: "bb9e5b2f-1f9f-4b4f-9b8e-6b0f0c7c5c3a", apiKey: "key" } })).not.toThrow();
  });
});

test("PACKAGE_VERSION matches package.json", () => {
  expect(PACKAGE_VERSION).toBe(JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")).version);
});
