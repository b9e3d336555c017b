// createUndiciFetch on its own, against a loopback Node HTTP server.
import { createServer, type IncomingMessage } from "node:http";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUndiciFetch } from "../../src/undici/index.js";
import { OWN_TIMEOUT } from "../../src/wrappers/transport.js";

const seen: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[] = [];
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    if (req.url === "/empty") return res.writeHead(204).end();
    if (req.url === "/slow") return void setTimeout(() => res.end("late"), 500);
    if (req.url === "/chunks") {
      // A byte-order mark, then "żółw" split inside its two-byte letters.
      const bytes = Buffer.from("\uFEFFżółw", "utf8");
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
      res.write(bytes.subarray(0, 4));
      return void setTimeout(() => res.end(bytes.subarray(4)), 20);
    }
    if (req.url === "/hints") {
      res.writeEarlyHints({ link: "</a.css>; rel=preload" });
      res.writeHead(200, { "X-Final": "yes" });
      return res.end("final");
    }
    res.writeHead(201, [["Content-Type", "application/json"], ["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"]]);
    res.end(JSON.stringify({ ok: true }));
  });
});
let base = "";
const undiciFetch = createUndiciFetch({ connections: 2, keepAliveTimeout: 1000 });

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await undiciFetch.close();
  await new Promise((resolve) => server.close(resolve));
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

test("a GET without init, and a 204 with no body", async () => {
  expect((await undiciFetch(`${base}/x`)).status).toBe(201);
  const empty = await undiciFetch(`${base}/empty`, { method: "DELETE" });
  expect([empty.status, await empty.text()]).toEqual([204, ""]);
});

test("aborts through the signal", async () => {
  await expect(undiciFetch(`${base}/slow`, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
});

test("refuses a body that is not a string", async () => {
  await expect(undiciFetch(`${base}/x`, { method: "POST", body: new Uint8Array([1]) })).rejects.toThrow(
    new TypeError("createUndiciFetch sends string bodies only (the client form-encodes every body)"),
  );
});

test("reuses one pool per origin and closes them all", async () => {
  const local = createUndiciFetch();
  await local(`${base}/x`);
  await local(`${base}/x`);
  await local.close();
  expect(seen.at(-1)!.headers.connection).toBe("keep-alive");
});

test("takes the deadline passed in init[OWN_TIMEOUT]: rejects with a TimeoutError that carries the mark", async () => {
  expect(OWN_TIMEOUT in undiciFetch).toBe(true);
  const started = Date.now();
  const error = await undiciFetch(`${base}/slow`, { [OWN_TIMEOUT]: 50 } as RequestInit).catch((e: unknown) => e);
  expect(Date.now() - started).toBeLessThan(400);
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
