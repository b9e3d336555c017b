// createUndiciFetch on its own, against a loopback Node HTTP server.
import { createServer, type IncomingMessage } from "node:http";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUndiciFetch } from "../../src/undici/index.js";

const seen: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[] = [];
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    if (req.url === "/empty") return res.writeHead(204).end();
    if (req.url === "/slow") return void setTimeout(() => res.end("late"), 500);
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
