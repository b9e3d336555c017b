// toNodeListener (src/adapters/node.ts) behind a real node:http server, read with node:http's
// client (raw header lines, not a fetch Headers that could merge them).
import { Agent, createServer, request as httpRequest, type Server } from "node:http";
import { afterEach, expect, test } from "vitest";
import { LiveChatInputError, toNodeListener, type NodeRequestLike, type NodeResponseLike } from "../../src/webhooks/index.js";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(handler: (request: Request) => Response | Promise<Response>): Promise<number> {
  server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

interface Raw {
  status?: number | undefined;
  rawHeaders: string[];
  body: string;
  error?: string;
}

function get(port: number): Promise<Raw> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: "/", method: "GET" }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode, rawHeaders: res.rawHeaders, body }));
      res.on("error", (error) => resolve({ status: res.statusCode, rawHeaders: res.rawHeaders, body, error: error.message }));
    });
    req.on("error", (error) => resolve({ rawHeaders: [], body: "", error: error.message }));
    req.setTimeout(10_000, () => req.destroy(new Error("no answer in 10 s"))); // fail, rather than hang the file
    req.end();
  });
}

/** Collects unhandled rejections while `run` runs, and a moment after. */
async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => void seen.push(reason);
  process.on("unhandledRejection", listener);
  try {
    await run();
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    process.off("unhandledRejection", listener);
  }
  return seen;
}

test("keeps every Set-Cookie header as its own line", async () => {
  const port = await serve(() => {
    const headers = new Headers({ "Content-Type": "text/plain" });
    headers.append("Set-Cookie", "a=1; Path=/; HttpOnly");
    headers.append("Set-Cookie", "b=2, with a comma; Path=/");
    headers.append("Set-Cookie", "c=3");
    return new Response("ok", { headers });
  });
  const response = await get(port);
  const cookies = response.rawHeaders.filter((_, i) => i % 2 === 1 && response.rawHeaders[i - 1]!.toLowerCase() === "set-cookie");
  expect(cookies).toEqual(["a=1; Path=/; HttpOnly", "b=2, with a comma; Path=/", "c=3"]);
  expect([response.status, response.body]).toEqual([200, "ok"]);
});

test("a response body that fails answers 500 and leaves no rejection unhandled", async () => {
  let response: Raw | undefined;
  const unhandled = await unhandledDuring(async () => {
    const port = await serve(() => new Response(new ReadableStream({ pull: (controller) => controller.error(new Error("the disk went away")) })));
    response = await get(port);
  });
  expect(unhandled).toEqual([]);
  expect([response!.status, response!.body]).toEqual([500, '{"error":"Internal error"}']);
});

test("a handler that throws or rejects answers 500 and leaves no rejection unhandled", async () => {
  const statuses: (number | undefined)[] = [];
  const unhandled = await unhandledDuring(async () => {
    const port = await serve((request) => {
      if (new URL(request.url).pathname === "/") throw new Error("sync");
      return Promise.reject(new Error("async"));
    });
    statuses.push((await get(port)).status);
  });
  expect([unhandled, statuses]).toEqual([[], [500]]);
});

test("writes the status, the reason phrase when there is one, and the body with its length", async () => {
  const port = await serve(() => new Response("brewing", { status: 418, statusText: "I'm a teapot", headers: { "X-Kind": "teapot" } }));
  const response = await get(port);
  expect([response.status, response.body]).toEqual([418, "brewing"]);
  expect(response.rawHeaders).toEqual(expect.arrayContaining(["x-kind", "teapot", "content-length", "7"]));
});

test("Response.error() drops the connection without an answer", async () => {
  const port = await serve(() => Response.error());
  const response = await get(port);
  expect(response.status).toBeUndefined();
  expect(response.error).toBe("socket hang up");
});

test("refuses a handler that is not a function, with LiveChatInputError", () => {
  expect(() => toNodeListener("handler" as never)).toThrow(
    new LiveChatInputError("toNodeListener(handler): handler must be a function (request: Request) => Response, such as createWebhookHandler({ ... })."),
  );
});

test("a body the handler does not read leaves the keep-alive connection answering the next request", async () => {
  const port = await serve(() => new Response("no", { status: 401 })); // answered without reading the body
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<unknown>();
  const post = (size: number) =>
    new Promise<string>((resolve) => {
      const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/", agent, headers: { "Content-Length": size } }, (res) => {
        sockets.add(res.socket);
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve(`${res.statusCode} ${body}`));
      });
      req.on("error", (error) => resolve(`error: ${error.message}`));
      req.setTimeout(10_000, () => req.destroy(new Error("no answer in 10 s"))); // fail, rather than hang the file
      req.end(Buffer.alloc(size, "a"));
    });
  try {
    expect([await post(1_000_000), await post(10)]).toEqual(["401 no", "401 no"]);
    expect(sockets.size).toBe(1);
  } finally {
    agent.destroy();
  }
});

test("serves a request and a response of the shape its types name, not only node:http's", async () => {
  const encoder = new TextEncoder();
  const written: unknown[] = [];
  const req: NodeRequestLike = {
    method: "POST",
    url: "/hook?x=1",
    headers: { host: "example.com", "content-type": "text/plain", "x-many": ["1", "2"] },
    socket: { destroy: () => written.push("destroyed") },
    async *[Symbol.asyncIterator]() {
      yield encoder.encode("hel");
      yield encoder.encode("lo");
    },
  };
  const res: NodeResponseLike = {
    writableFinished: false,
    on: () => res,
    writeHead: (...args) => void written.push(["writeHead", ...args]),
    end: (body) => void written.push(["end", new TextDecoder().decode(body)]),
  };
  const handler = async (request: Request) => new Response(`${request.method} ${request.url} ${request.headers.get("x-many")} ${await request.text()}`, { status: 201 });
  await toNodeListener(handler)(req, res);
  const answer = "POST http://example.com/hook?x=1 1, 2 hello";
  expect(written).toEqual([
    ["writeHead", 201, undefined, { "content-type": "text/plain;charset=UTF-8", "content-length": String(answer.length) }],
    ["end", answer],
  ]);
});
