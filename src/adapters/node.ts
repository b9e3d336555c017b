// Runs a web-standard handler, (Request) => Promise<Response>, behind Node's HTTP server. Its
// parameters are typed by what it uses of node:http's objects, not by node:http's types, so the
// types of livechat-rest-v2/webhooks, which exports it, need no @types/node (Deno, Bun, workers).
import { ReadableStream as NodeReadableStream } from "node:stream/web";
import { LiveChatInputError } from "../wrappers/errors.js";

export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * What {@link toNodeListener} uses of a request: node:http's `IncomingMessage` is one. The body is
 * read as an async iterable of bytes, only when the handler reads it.
 */
export interface NodeRequestLike extends AsyncIterable<Uint8Array> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Destroyed to drop the connection without an answer. */
  readonly socket: { destroy(): unknown };
}

/** What {@link toNodeListener} uses of a response: node:http's `ServerResponse` is one. */
export interface NodeResponseLike {
  readonly writableFinished: boolean;
  on(event: "close", listener: () => void): unknown;
  /** A `statusText` of undefined takes Node's reason phrase for the status. */
  writeHead(status: number, statusText: string | undefined, headers: Record<string, string | string[]>): unknown;
  end(body: Uint8Array): unknown;
}

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

async function serve(handler: FetchHandler, req: NodeRequestLike, res: NodeResponseLike): Promise<void> {
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
      // Pulled only when the handler reads: a body left unread (a 401) is drained by Node, which
      // keeps the keep-alive connection usable. node:stream/web's ReadableStream is the global
      // one, typed apart from the DOM lib's.
      init.body = NodeReadableStream.from(req) as ReadableStream<Uint8Array>;
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
  let body: Uint8Array;
  try {
    body = new Uint8Array(await response.arrayBuffer());
  } catch {
    // The response's body failed before anything was written: answer 500 instead.
    response = INTERNAL_ERROR();
    body = new Uint8Array(await response.arrayBuffer());
  }
  res.writeHead(response.status, response.statusText || undefined, nodeHeaders(response, body.byteLength));
  res.end(body);
}

/**
 * A `(req, res)` listener for `http.createServer` that hands each request to `handler`. It never
 * rejects: a handler that throws, or a response body that fails, answers 500.
 */
export function toNodeListener(handler: FetchHandler): (req: NodeRequestLike, res: NodeResponseLike) => Promise<void> {
  if (typeof handler !== "function") {
    throw new LiveChatInputError("toNodeListener(handler): handler must be a function (request: Request) => Response, such as createWebhookHandler({ ... }).");
  }
  return (req, res) =>
    serve(handler, req, res).catch(() => {
      // Nothing left to answer with (writing the head itself failed): drop the connection.
      req.socket.destroy();
    });
}
