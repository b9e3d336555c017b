// Serves a mock over Node's HTTP server on loopback: `npm run mock`, benchmarks, end-to-end tests
// (public as livechat-rest-v2/mock/node).
// A mock from createLiveChatMock is answered straight from Node's request to Node's response;
// anything else with a `handle` goes through the web-standard adapter.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { toNodeListener } from "../adapters/node.js";
import { ANSWERS, NETWORK_ERROR, responseOrNetworkError, type MockAnswer, type MockRequest } from "./answer.js";
import type { LiveChatMock } from "./index.js";

export interface ServedMock {
  /** `http://127.0.0.1:<port>`: pass it as the client's `baseUrl`. */
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

const utf8 = new TextDecoder();

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(utf8.decode(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

/** What the mock reads of Node's request, read as a web Request would read it. */
function mockRequest(req: IncomingMessage, res: ServerResponse): MockRequest {
  let gone: AbortController | undefined;
  return {
    method: req.method ?? "GET",
    url: `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`,
    // As Headers.get: every value of a repeated header, joined (Node keeps only the first of some).
    headers: { get: (name) => req.headersDistinct[name.toLowerCase()]?.join(", ") ?? null },
    text: () => readText(req),
    get signal() {
      if (!gone) {
        const controller = (gone = new AbortController());
        if (res.closed) controller.abort();
        else res.on("close", () => res.writableFinished || controller.abort());
      }
      return gone.signal;
    },
  };
}

/** A `(req, res)` listener that answers with `answer`, writing its status, headers and body as they are. */
export function answerListener(answer: (request: MockRequest) => Promise<MockAnswer>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const reply = await answer(mockRequest(req, res)); // never throws: the mock answers everything
    if (reply === NETWORK_ERROR) {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status, { ...reply.headers, "Content-Length": Buffer.byteLength(reply.body) });
    res.end(reply.body);
  };
}

/**
 * The listener for `mock`: its own answers when it has them, else `handle` through the adapter
 * (where a rejection, such as a dropped connection, drops the socket).
 */
export function mockListener(mock: Pick<LiveChatMock, "handle">) {
  const answer = ANSWERS.get(mock);
  return answer ? answerListener(answer) : toNodeListener((request) => responseOrNetworkError(mock.handle(request)));
}

/** Serves `mock.handle` on `host:port` (default 127.0.0.1, a free port). */
export async function serveLiveChatMock(mock: Pick<LiveChatMock, "handle">, options: { port?: number; host?: string } = {}): Promise<ServedMock> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer(mockListener(mock));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
