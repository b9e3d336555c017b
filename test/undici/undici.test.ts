// createUndiciFetch on its own, against loopback Node HTTP servers: used as a plain fetch it
// must behave as fetch does wherever a caller can see it.
import { once } from "node:events";
import { connect } from "node:net";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Socket } from "node:net";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createLiveChatClient, LiveChatApiError, LiveChatConnectionError, LiveChatInputError } from "../../src/index.js";
import { createUndiciFetch } from "../../src/undici/index.js";
import { OWN_TIMEOUT } from "../../src/wrappers/transport.js";

interface Seen {
  server: string;
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  port: number;
}
const seen: Seen[] = [];
/** Every connection the servers accepted, with its client-side port. */
const sockets: { server: string; socket: Socket; port: number }[] = [];

function listener(name: string) {
  return (req: IncomingMessage, res: import("node:http").ServerResponse) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ server: name, method: req.method!, url: req.url!, headers: req.headers, body, port: req.socket.remotePort! });
      const url = new URL(req.url!, "http://x");
      if (url.pathname === "/empty") return res.writeHead(204).end();
      if (url.pathname === "/slow") return void setTimeout(() => res.end("late"), 500);
      if (url.pathname === "/reason") return res.writeHead(201, "Made It", { "Content-Type": "text/plain" }).end("ok");
      if (url.pathname === "/redirect") {
        const status = Number(url.searchParams.get("status") ?? 302);
        return res.writeHead(status, { Location: url.searchParams.get("to")! }).end("moved");
      }
      if (url.pathname === "/loop") return res.writeHead(302, { Location: "/loop" }).end();
      if (url.pathname === "/chunks") {
        // A byte-order mark, then "żółw" split inside its two-byte letters.
        const bytes = Buffer.from("\uFEFFżółw", "utf8");
        res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
        res.write(bytes.subarray(0, 4));
        return void setTimeout(() => res.end(bytes.subarray(4)), 20);
      }
      if (url.pathname === "/hints") {
        res.writeEarlyHints({ link: "</a.css>; rel=preload" });
        res.writeHead(200, { "X-Final": "yes" });
        return res.end("final");
      }
      res.writeHead(201, [["Content-Type", "application/json"], ["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"]]);
      res.end(JSON.stringify({ ok: true }));
    });
  };
}

async function start(name: string): Promise<{ server: Server; base: string }> {
  const server = createServer(listener(name));
  // Idle connections stay open until a client ends them, so only close() can end them here.
  server.keepAliveTimeout = 0;
  server.on("connection", (socket) => sockets.push({ server: name, socket, port: socket.remotePort! }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

let a: { server: Server; base: string };
let b: { server: Server; base: string };
/** Reached only by the test of close(), so every connection it sees is that test's. */
let c: { server: Server; base: string };
let base = "";
const undiciFetch = createUndiciFetch({ connections: 2, keepAliveTimeout: 1000 });

beforeAll(async () => {
  a = await start("a");
  b = await start("b");
  c = await start("c");
  base = a.base;
});
afterAll(async () => {
  await undiciFetch.close();
  for (const { server } of [a, b, c]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test("sends method, path, query, headers and a string body; answers status, status text, headers and body", async () => {
  for (const headers of [{ "X-A": "1" }, new Headers({ "X-A": "1" }), [["X-A", "1"]] as [string, string][]]) {
    seen.length = 0;
    const response = await undiciFetch(`${base}/tags?group=1`, { method: "PUT", headers, body: "tag[]=a" });
    expect([response.status, response.statusText, await response.json()]).toEqual([201, "Created", { ok: true }]);
    expect(response.headers.get("set-cookie")).toBe("a=1, b=2");
    expect(seen[0]).toMatchObject({ method: "PUT", url: "/tags?group=1", body: "tag[]=a", headers: { "x-a": "1" } });
  }
});

test("the status text is the server's reason phrase, as fetch reports it, not Node's table", async () => {
  const response = await undiciFetch(`${base}/reason`);
  expect([response.status, response.statusText]).toEqual([201, "Made It"]);
  expect([response.url, response.redirected]).toEqual([`${base}/reason`, false]);
});

test("a GET without init, and a 204 with no body", async () => {
  expect((await undiciFetch(`${base}/x`)).status).toBe(201);
  const empty = await undiciFetch(`${base}/empty`, { method: "DELETE" });
  expect([empty.status, await empty.text()]).toEqual([204, ""]);
});

test("aborts through the signal", async () => {
  const controller = new AbortController();
  const call = undiciFetch(`${base}/slow`, { signal: controller.signal });
  setTimeout(() => controller.abort(new Error("caller gave up")), 20);
  await expect(call).rejects.toThrow("caller gave up");
});

test("refuses a body that is not a string", async () => {
  await expect(undiciFetch(`${base}/x`, { method: "POST", body: new Uint8Array([1]) })).rejects.toThrow(
    new TypeError("createUndiciFetch sends string bodies only (the client form-encodes every body)"),
  );
});

describe("options", () => {
  test.each([
    [{ conections: 4 }, 'createUndiciFetch has no option "conections"; its options are connections, keepAliveTimeout, pool.'],
    [{ connections: Number.NaN }, "connections must be a whole number from 1 to 100000, such as 64."],
    [{ connections: 0 }, "connections must be a whole number from 1 to 100000, such as 64."],
    [{ keepAliveTimeout: -1 }, "keepAliveTimeout must be a positive whole number of milliseconds (at most 2147483647), such as 30000."],
    [{ pool: "tls" }, "pool must be an object of undici Pool options, such as { connect: { rejectUnauthorized: true } }."],
  ])("refuses %j when created, not at the first call", (options, message) => {
    expect(() => createUndiciFetch(options as never)).toThrow(new LiveChatInputError(message));
  });
});

test("a URL with credentials is refused as fetch refuses it, the credentials not echoed", async () => {
  const transport = createUndiciFetch();
  try {
    const error = await transport("http://user:s3cret@127.0.0.1:9/x").catch((e: unknown) => e);
    expect(error).toEqual(new TypeError("Request cannot be constructed from a URL that includes credentials: http://127.0.0.1:9/x"));
    await expect(fetch("http://user:s3cret@127.0.0.1:9/x")).rejects.toThrow("Request cannot be constructed from a URL that includes credentials");
  } finally {
    await transport.close();
  }
});

describe("pools", () => {
  const ports = (server: string) => new Set(seen.filter((s) => s.server === server).map((s) => s.port));
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  test("reuses one connection per origin for sequential calls, and close() ends every one", async () => {
    const local = createUndiciFetch({ keepAliveTimeout: 600_000 });
    seen.length = 0;
    // undici hands a socket back one event-loop turn after its answer ends; calls that far apart share one.
    for (const origin of [a.base, a.base, b.base, a.base, b.base, b.base]) {
      await local(`${origin}/x`);
      await turn();
    }
    expect([ports("a").size, ports("b").size]).toEqual([1, 1]);
    const used = new Set(seen.map((s) => s.port));
    const opened = sockets.filter((s) => used.has(s.port)).map((s) => s.socket);
    expect(opened).toHaveLength(2);
    expect(opened.map((s) => s.destroyed)).toEqual([false, false]);
    await local.close();
    await Promise.all(opened.map((s) => (s.destroyed ? undefined : once(s, "close"))));
    expect(opened.map((s) => s.destroyed)).toEqual([true, true]);
  });

  test("back-to-back calls share the origin's connections as Node's fetch does: six calls, two sockets", async () => {
    const local = createUndiciFetch();
    seen.length = 0;
    for (let i = 0; i < 6; i++) await local(`${base}/x`);
    expect([seen.length, ports("a").size]).toEqual([6, 2]);
    await local.close();
  });

  test("a call after close() rejects with a clear error and opens no connection", async () => {
    const local = createUndiciFetch();
    seen.length = 0;
    await local(`${c.base}/x`);
    await local.close();
    await expect(local(`${c.base}/x`)).rejects.toThrow(
      new TypeError("createUndiciFetch: this transport was closed (close() was called); create another with createUndiciFetch()"),
    );
    // Through the client: a connection error that says why.
    const client = createLiveChatClient({ auth: { accessToken: "token" }, baseUrl: c.base, fetch: local, maxRetries: 0 });
    const error = await client.tags.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveChatConnectionError);
    expect([seen.length, sockets.filter((s) => s.server === "c").length]).toEqual([1, 1]);
    expect((error as Error).message).toBe(
      `Connection failed: GET ${c.base}/tags — createUndiciFetch: this transport was closed (close() was called); create another with createUndiciFetch()`,
    );
    // A GET is not retried against a closed transport: it would fail the same way after each backoff.
    let attempts = 0;
    const counted = Object.assign((url: string, init: RequestInit) => (attempts++, local(url, init)), { [Symbol.for("livechat-rest-v2.own-timeout")]: true });
    const retrying = createLiveChatClient({ auth: { accessToken: "token" }, baseUrl: c.base, fetch: counted, maxRetries: 2 });
    await expect(retrying.tags.list()).rejects.toBeInstanceOf(LiveChatConnectionError);
    expect(attempts).toBe(1);
  });
});

describe("redirects", () => {
  const to = (target: string, status = 302) => `${base}/redirect?status=${status}&to=${encodeURIComponent(target)}`;

  test("are followed by default, as fetch does, keeping credentials within the origin", async () => {
    seen.length = 0;
    const response = await undiciFetch(to("/x?after"), { headers: { Authorization: "Bearer secret", "X-A": "1" } });
    expect([response.status, response.url, response.redirected, await response.json()]).toEqual([201, `${base}/x?after`, true, { ok: true }]);
    expect(seen.map((s) => [s.server, s.url, s.headers.authorization, s.headers["x-a"]])).toEqual([
      ["a", "/redirect?status=302&to=%2Fx%3Fafter", "Bearer secret", "1"],
      ["a", "/x?after", "Bearer secret", "1"],
    ]);
  });

  test("leaving the origin drops Authorization, Proxy-Authorization and Cookie, nothing else", async () => {
    seen.length = 0;
    const headers = { authorization: "Bearer secret", "Proxy-Authorization": "Basic x", Cookie: "s=1", "X-A": "1" };
    const response = await undiciFetch(to(`${b.base}/x`, 307), { method: "PUT", headers, body: "tag[]=a" });
    expect(response.status).toBe(201);
    expect(seen.map((s) => s.server)).toEqual(["a", "b"]);
    const last = seen[1]!;
    expect([last.method, last.body, last.headers["x-a"], last.headers["content-type"]]).toEqual(["PUT", "tag[]=a", "1", "text/plain;charset=UTF-8"]);
    expect(["authorization", "proxy-authorization", "cookie"].filter((h) => h in last.headers)).toEqual([]);
  });

  test.each([
    [303, "PUT", "GET", ""],
    [302, "POST", "GET", ""],
    [301, "POST", "GET", ""],
    [302, "DELETE", "DELETE", "group=1"],
    [307, "POST", "POST", "group=1"],
    [308, "POST", "POST", "group=1"],
  ])("a %i after a %s is followed with a %s carrying %j", async (status, method, next, body) => {
    seen.length = 0;
    await undiciFetch(to("/x", status), { method, headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "group=1" });
    expect([seen[1]!.method, seen[1]!.body, seen[1]!.headers["content-type"]]).toEqual([next, body, body ? "application/x-www-form-urlencoded" : undefined]);
  });

  test('redirect: "manual" answers the redirect itself; redirect: "error" rejects', async () => {
    seen.length = 0;
    const response = await undiciFetch(to("/x"), { redirect: "manual" });
    expect([response.status, response.headers.get("location"), response.redirected, await response.text()]).toEqual([302, "/x", false, "moved"]);
    await expect(undiciFetch(to("/x"), { redirect: "error" })).rejects.toThrow(
      new TypeError(`${to("/x")} answered 302 (a redirect) and init.redirect is "error"`),
    );
    expect(seen.map((s) => s.url.split("?")[0])).toEqual(["/redirect", "/redirect"]);
  });

  test("more than 20 redirects reject, as fetch does", async () => {
    seen.length = 0;
    await expect(undiciFetch(`${base}/loop`)).rejects.toThrow(new TypeError(`${base}/loop: more than 20 redirects`));
    expect(seen).toHaveLength(21);
  });

  test("a redirect to something that is not a URL rejects", async () => {
    await expect(undiciFetch(to("http://["))).rejects.toThrow(new TypeError(`${to("http://[")} redirected to "http://[", which is not a URL`));
  });

  test("a redirect to a scheme other than http(s) rejects", async () => {
    await expect(undiciFetch(to("ftp://127.0.0.1/x"))).rejects.toThrow(
      new TypeError(`${to("ftp://127.0.0.1/x")} redirected to ftp: URL; only http(s) redirects are followed`),
    );
  });

  test("a redirect from https to plain http is refused before anything goes out over http", async () => {
    // https://secure.test reaches server a over a plain socket (the Pool's connect seam), so the
    // redirect it answers comes from an https origin.
    const port = Number(new URL(base).port);
    const secure = createUndiciFetch({
      pool: {
        connect: (_options, callback) => {
          const socket = connect(port, "127.0.0.1");
          socket.once("connect", () => callback(null, socket));
          socket.once("error", (error) => callback(error, null));
          return socket;
        },
      },
    });
    seen.length = 0;
    const target = `${b.base}/x`;
    const start = `https://secure.test/redirect?status=302&to=${encodeURIComponent(target)}`;
    await expect(secure(start, { headers: { Authorization: "Bearer secret" } })).rejects.toThrow(
      new TypeError(`${start} redirected to ${target}: a redirect from https to plain http is refused`),
    );
    expect(seen.map((s) => s.server)).toEqual(["a"]);
    await secure.close();
  });

  test("the client never follows one: a 3xx is its answer, and the target is never asked", async () => {
    const redirecting = createLiveChatClient({ auth: { accessToken: "token" }, baseUrl: base, fetch: (url, init) => undiciFetch(url.replace("/tags", "/redirect?status=302&to=%2Fx"), init), maxRetries: 0 });
    seen.length = 0;
    const moved = await redirecting.tags.list().catch((e: unknown) => e);
    expect(moved).toBeInstanceOf(LiveChatApiError);
    expect(moved).toMatchObject({ name: "LiveChatApiError", status: 302, message: `302 Found: GET ${base}/tags — Found` });
    expect(seen.map((s) => s.url)).toEqual(["/redirect?status=302&to=%2Fx"]);
  });
});

test("takes the deadline passed in init[OWN_TIMEOUT]: rejects with a TimeoutError that carries the mark", async () => {
  expect(OWN_TIMEOUT in undiciFetch).toBe(true);
  const error = await undiciFetch(`${base}/slow`, { [OWN_TIMEOUT]: 50 } as RequestInit).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DOMException);
  expect([(error as DOMException).name, (error as DOMException).message, (error as Record<symbol, unknown>)[OWN_TIMEOUT]]).toEqual([
    "TimeoutError",
    "No complete answer within 50 ms",
    true,
  ]);
});

test("a deadline that runs out while the request waits for a connection stops it before it is sent", async () => {
  const single = createUndiciFetch({ connections: 1 });
  seen.length = 0;
  const first = single(`${base}/slow`);
  await expect(single(`${base}/x?queued`, { [OWN_TIMEOUT]: 50 } as RequestInit)).rejects.toMatchObject({ name: "TimeoutError" });
  expect(await (await first).text()).toBe("late");
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(seen.map((r) => r.url)).toEqual(["/slow"]);
  await single.close();
});

test("an already-aborted signal sends nothing", async () => {
  seen.length = 0;
  await expect(undiciFetch(`${base}/x`, { signal: AbortSignal.abort(new Error("gone")) })).rejects.toThrow("gone");
  expect(seen).toEqual([]);
});

test("a body that arrives in pieces decodes as Response.text() does: whole letters, no byte-order mark", async () => {
  const response = await undiciFetch(`${base}/chunks`);
  expect(await response.text()).toBe("żółw");
});

test("a 103 Early Hints before the answer is passed over", async () => {
  const response = await undiciFetch(`${base}/hints`);
  expect([response.status, response.headers.get("x-final"), response.headers.has("link"), await response.text()]).toEqual([200, "yes", false, "final"]);
});

test("msw does not see requests sent through it (as the README says): they reach the socket", async () => {
  const msw = setupServer(http.all("*", () => HttpResponse.json({ from: "msw" })));
  msw.listen({ onUnhandledRequest: "error" });
  try {
    seen.length = 0;
    const response = await undiciFetch(`${base}/x`);
    expect(await response.json()).toEqual({ ok: true });
    expect(seen.map((s) => s.url)).toEqual(["/x"]);
    expect(await (await fetch(`${base}/x`)).json()).toEqual({ from: "msw" }); // the global fetch is intercepted
  } finally {
    msw.close();
  }
});
