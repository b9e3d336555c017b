// Runs a web-standard handler, (Request) => Promise<Response>, behind Node's HTTP server.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** Web Headers from Node-style headers (`req.headers`, undici's), repeated values appended. */
export function webHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const name in raw) {
    const value = raw[name];
    if (value === undefined) continue;
    if (typeof value === "string") headers.append(name, value);
    else for (const v of value) headers.append(name, v);
  }
  return headers;
}

/** A `(req, res)` listener for `http.createServer` that hands each request to `handler`. */
export function toNodeListener(handler: FetchHandler) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let response: Response;
    try {
      const host = req.headers.host ?? "localhost";
      const url = new URL(req.url ?? "/", `http://${host}`);
      const headers = webHeaders(req.headers);
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      // Aborts when the client goes away before the answer is written.
      const gone = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) gone.abort();
      });
      const init: RequestInit & { duplex?: "half" } = { method: req.method ?? "GET", headers, signal: gone.signal };
      if (hasBody) {
        init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
        init.duplex = "half";
      }
      response = await handler(new Request(url, init));
    } catch {
      response = new Response(JSON.stringify({ error: "Internal error" }), { status: 500, headers: { "Content-Type": "application/json" } });
    }
    if (response.type === "error") {
      // A network failure: drop the connection without an answer.
      req.socket.destroy();
      return;
    }
    const body = Buffer.from(await response.arrayBuffer());
    const headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    res.writeHead(response.status, response.statusText, { ...headers, "content-length": String(body.length) });
    res.end(body);
  };
}
