// Runs a web-standard handler, (Request) => Promise<Response>, behind Node's HTTP server.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { LiveChatInputError } from "../wrappers/errors.js";

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

const INTERNAL_ERROR = () => new Response(JSON.stringify({ error: "Internal error" }), { status: 500, headers: { "Content-Type": "application/json" } });

/** Node's headers from a Response's: every `Set-Cookie` kept as its own header line. */
function nodeHeaders(response: Response, length: number): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  headers["content-length"] = String(length);
  return headers;
}

async function serve(handler: FetchHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
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
    response = INTERNAL_ERROR();
  }
  if (response.type === "error") {
    // A network failure: drop the connection without an answer.
    req.socket.destroy();
    return;
  }
  let body: Buffer;
  try {
    body = Buffer.from(await response.arrayBuffer());
  } catch {
    // The response's body failed before anything was written: answer 500 instead.
    response = INTERNAL_ERROR();
    body = Buffer.from(await response.arrayBuffer());
  }
  const headers = nodeHeaders(response, body.length);
  if (response.statusText) res.writeHead(response.status, response.statusText, headers);
  else res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * A `(req, res)` listener for `http.createServer` that hands each request to `handler`. It never
 * rejects: a handler that throws, or a response body that fails, answers 500.
 */
export function toNodeListener(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  if (typeof handler !== "function") {
    throw new LiveChatInputError("toNodeListener(handler): handler must be a function (request: Request) => Response, such as createWebhookHandler({ ... }).");
  }
  return (req, res) =>
    serve(handler, req, res).catch(() => {
      // Nothing left to answer with (writing the head itself failed): drop the connection.
      req.socket.destroy();
    });
}
