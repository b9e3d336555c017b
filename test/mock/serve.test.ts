// The served mock answers from Node's request to Node's response without web Request/Response
// objects; what it reads and writes must be what the web-standard `handle` reads and writes.
import { connect } from "node:net";
import { afterEach, beforeEach, expect, test } from "vitest";
import { createLiveChatClient, LiveChatConnectionError, LiveChatTimeoutError } from "../../src/index.js";
import { createLiveChatMock, type LiveChatMock } from "../../src/mock/index.js";
import { serveLiveChatMock, type ServedMock } from "../../src/mock/node.js";
import { API_KEY, BASIC, LOGIN } from "../helpers/fixtures.js";
import { unmockedFetch } from "../helpers/wire.js";

let mock: LiveChatMock;
let served: ServedMock;

beforeEach(async () => {
  mock = createLiveChatMock({ credentials: { login: LOGIN, apiKey: API_KEY }, seed: { tags: [{ name: "sales", group: 0 }] } });
  served = await serveLiveChatMock(mock);
});
afterEach(() => served.close());

/** Sends `request` as bytes and resolves with every byte the server wrote before closing. */
function exchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(served.port, "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString("utf8")));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
    socket.write(request);
  });
}

const client = (timeoutMs?: number) =>
  createLiveChatClient({ auth: { login: LOGIN, apiKey: API_KEY }, baseUrl: served.baseUrl, fetch: unmockedFetch, maxRetries: 0, ...(timeoutMs ? { timeoutMs } : {}) });

test("answers with the status, Content-Type and Content-Length of the answer, byte for byte", async () => {
  const body = "tag=caf%C3%A9&group=0&author=a%40b.c";
  const answer = await exchange(
    `POST /tags HTTP/1.1\r\nHost: x\r\nAuthorization: ${BASIC}\r\nX-API-Version: 2\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
  );
  const created = mock.state.tags.find((t) => t.name === "café")!;
  const json = JSON.stringify({ name: "café", author: "a@b.c", creation_date: created.creation_date, count: { inChats: 0, inTickets: 0 }, group: 0 });
  expect(answer.replace(/\r\nDate: [^\r]+/, "")).toBe(
    `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
});

test("reads a JSON body as UTF-8, a leading byte-order mark dropped as a web Request drops it", async () => {
  const body = `\uFEFF${JSON.stringify({ tag: "żółw", group: 0, author: "a@b.c" })}`;
  const answer = await exchange(
    `POST /tags HTTP/1.1\r\nHost: x\r\nAuthorization: ${BASIC}\r\nX-API-Version: 2\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  expect(answer.startsWith("HTTP/1.1 200 OK\r\n")).toBe(true);
  expect(mock.state.tags.map((t) => t.name)).toEqual(["sales", "żółw"]);
});

test("a repeated Authorization header is read whole, as Headers.get reads it, and refused", async () => {
  const answer = await exchange(`GET /tags HTTP/1.1\r\nHost: x\r\nAuthorization: ${BASIC}\r\nAuthorization: ${BASIC}\r\nX-API-Version: 2\r\nConnection: close\r\n\r\n`);
  expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 401 Unauthorized");
});

test("an injected network failure drops the connection without an answer", async () => {
  mock.failNext({ network: true });
  const answer = await exchange(`GET /tags HTTP/1.1\r\nHost: x\r\nAuthorization: ${BASIC}\r\nX-API-Version: 2\r\n\r\n`);
  expect(answer).toBe("");
  await expect(client().tags.list()).resolves.toHaveLength(1);
});

test("a request held by delayNext whose caller gave up is dropped, not performed", async () => {
  mock.delayNext(2_000);
  const error = await client(100)
    .tags.create({ tag: "late", group: 0, author: "a@b.c" })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LiveChatTimeoutError);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(mock.state.tags.map((t) => t.name)).toEqual(["sales"]);
});

test("a targeted fault waits for the request it names", async () => {
  mock.failNext({ network: true }, { method: "POST", path: "/tags" });
  await expect(client().tags.list()).resolves.toHaveLength(1);
  await expect(client().tags.create({ tag: "vip", group: 0, author: "a@b.c" })).rejects.toBeInstanceOf(LiveChatConnectionError);
  await expect(client().tags.create({ tag: "vip", group: 0, author: "a@b.c" })).resolves.toMatchObject({ name: "vip" });
});

test("an object with only `handle` is served through the web-standard adapter", async () => {
  await served.close();
  served = await serveLiveChatMock({ handle: (request) => mock.handle(request) });
  await expect(client().tags.list()).resolves.toEqual([expect.objectContaining({ name: "sales" })]);
  mock.failNext({ network: true });
  await expect(client().tags.list()).rejects.toBeInstanceOf(LiveChatConnectionError);
});
