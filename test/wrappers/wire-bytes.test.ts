// The exact bytes Node's fetch puts on a socket for this client's requests.
import { afterEach, expect, test } from "vitest";
import { createLiveChatClient, PACKAGE_VERSION } from "../../src/index.js";
import { API_KEY, BASIC, LOGIN } from "../helpers/fixtures.js";
import { rawHttpServer, type RawServer } from "../helpers/raw-http.js";

let server: RawServer;
afterEach(() => server.close());

const head = (lines: string[]) => `${lines.join("\r\n")}\r\n\r\n`;

test("a DELETE with a form body goes out byte for byte", async () => {
  server = await rawHttpServer(200, { ok: true });
  const client = createLiveChatClient({ auth: { login: LOGIN, apiKey: API_KEY }, baseUrl: server.baseUrl });
  await expect(client.tags.delete("Café & Co", { group: 1 })).resolves.toEqual({ ok: true });
  const host = server.baseUrl.slice("http://".length);
  expect(server.requests).toEqual([
    head([
      "DELETE /tags/Caf%C3%A9%20%26%20Co HTTP/1.1",
      `host: ${host}`,
      "connection: keep-alive",
      "Content-Type: application/x-www-form-urlencoded",
      "Accept: application/json",
      `User-Agent: livechat-rest-v2/${PACKAGE_VERSION}`,
      "X-API-Version: 2",
      `Authorization: ${BASIC}`,
      "accept-language: *",
      "sec-fetch-mode: cors",
      "accept-encoding: gzip, deflate",
      "content-length: 7",
    ]) + "group=1",
  ]);
});

test("a PUT of tags goes out as repeated tag[] keys, UTF-8 percent-encoded", async () => {
  server = await rawHttpServer(200, { chats: [] });
  const client = createLiveChatClient({ auth: { accessToken: "dal:abc" }, baseUrl: server.baseUrl });
  await client.chats.updateTags("MH0NQTLD8B", ["zażółć", "a+b=c"]);
  const request = server.requests[0]!;
  expect(request.startsWith("PUT /chats/MH0NQTLD8B/tags HTTP/1.1\r\n")).toBe(true);
  expect(request).toContain("\r\nAuthorization: Bearer dal:abc\r\n");
  expect(request.endsWith("\r\n\r\ntag[]=za%C5%BC%C3%B3%C5%82%C4%87&tag[]=a%2Bb%3Dc")).toBe(true);
});

test("a GET carries no Content-Type and no body", async () => {
  server = await rawHttpServer(200, []);
  const client = createLiveChatClient({ auth: { login: LOGIN, apiKey: API_KEY }, baseUrl: server.baseUrl });
  await client.tags.list({ group: 7 });
  const request = server.requests[0]!;
  expect(request.startsWith("GET /tags?group=7 HTTP/1.1\r\n")).toBe(true);
  expect(request.toLowerCase()).not.toContain("content-type");
  expect(request.endsWith("\r\n\r\n")).toBe(true);
});
