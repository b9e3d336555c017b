// msw on Node: a server with onUnhandledRequest "error", and a recorder for what went over the wire.
//
// With LIVECHAT_TEST_TRANSPORT=undici the same handlers answer over a real socket instead: a
// loopback HTTP server hands each request to msw's handlers (getResponse), and the global
// fetch becomes livechat-rest-v2/undici's transport, its connections routed to that server.
// So the client's whole wire and error suite runs once per transport (vitest.config.ts).
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { getResponse, http, HttpResponse, type HttpResponseResolver } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { toNodeListener } from "../../src/adapters/node.js";
import { createUndiciFetch, type UndiciFetch } from "../../src/undici/index.js";
import { OWN_TIMEOUT } from "../../src/wrappers/transport.js";
import { checkRequest, checkResponse } from "./contract.js";

/** Which transport the client tests run on: Node's fetch through msw, or undici over loopback. */
export const TRANSPORT = process.env.LIVECHAT_TEST_TRANSPORT === "undici" ? "undici" : "fetch";

/** What each transport says when the connection drops without an answer (HttpResponse.error()). */
export const DROPPED_CONNECTION = TRANSPORT === "undici" ? "other side closed" : "Failed to fetch";

export const BASE = "https://api.livechatinc.com";

/** Set by the socket, not the client: absent in msw's view, so left out of the record. */
const CONNECTION_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive"]);

export interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Node's own fetch, taken before msw patches the global one: for tests of real sockets. */
export const unmockedFetch = globalThis.fetch.bind(globalThis);

export const server = setupServer();
export const sent: Sent[] = [];

const checks: Promise<string[]>[] = [];
let contractOn = true;

/** The violations recorded so far in this test (and forgets them, so they do not fail it). */
export async function takeContractViolations(): Promise<string[]> {
  return (await Promise.all(checks.splice(0))).flat();
}

/** For a test that sends or answers what the spec forbids on purpose (a proxy's HTML page, ...). */
export function allowContractViolations(): void {
  contractOn = false;
}

/**
 * Starts msw for this test file and checks every exchange against the spec (requests always;
 * responses on documented statuses, and undocumented statuses too when `strictResponses`).
 * After each test: any violation fails it; handlers and the record are reset.
 */
export function useWire(options: { baseUrl?: string; strictResponses?: boolean } = {}): void {
  const baseUrl = options.baseUrl ?? BASE;
  const onRequest = ({ request }: { request: Request }) => void checks.push(checkRequest(request.clone(), baseUrl));
  const onResponse = ({ request, response }: { request: Request; response: Response }) =>
    void checks.push(checkResponse(request, response.clone(), baseUrl, options.strictResponses ?? false));
  let loopback: { server: Server; fetch: UndiciFetch; original: typeof fetch } | undefined;
  beforeAll(async () => {
    if (TRANSPORT === "undici") {
      loopback = await startLoopback(onRequest, onResponse);
      return;
    }
    server.listen({ onUnhandledRequest: "error" });
    server.events.on("request:start", onRequest);
    server.events.on("response:mocked", onResponse);
  });
  afterEach(async () => {
    const violations = (await Promise.all(checks.splice(0))).flat();
    const enforced = contractOn;
    contractOn = true;
    server.resetHandlers();
    sent.length = 0;
    if (enforced) expect(violations, "contract violations").toEqual([]);
  });
  afterAll(async () => {
    if (loopback) {
      globalThis.fetch = loopback.original;
      loopback.server.closeAllConnections();
      await loopback.fetch.close();
      await new Promise((resolve) => loopback!.server.close(resolve));
      return;
    }
    server.events.removeAllListeners();
    server.close();
  });
}

type Listener = (info: { request: Request; response: Response }) => void;

/** The undici mode: msw's handlers behind a loopback server, reached by the undici transport. */
async function startLoopback(onRequest: (info: { request: Request }) => void, onResponse: Listener) {
  const loop = createServer(
    toNodeListener(async (incoming) => {
      // The client addressed https://api.livechatinc.com; the socket came here.
      const url = new URL(incoming.url);
      const request = new Request(`https://${incoming.headers.get("host")}${url.pathname}${url.search}`, {
        method: incoming.method,
        headers: incoming.headers,
        body: ["GET", "HEAD"].includes(incoming.method) ? null : await incoming.arrayBuffer(),
        signal: incoming.signal, // aborts when the client hangs up, as msw's requests do
      });
      onRequest({ request });
      const response = await getResponse([...server.listHandlers()] as Parameters<typeof getResponse>[0], request.clone());
      if (!response) return HttpResponse.json({ error: `no msw handler for ${request.method} ${request.url}` }, { status: 599 });
      if (response.type !== "error") onResponse({ request, response });
      return response;
    }),
  );
  await new Promise<void>((resolve) => loop.listen(0, "127.0.0.1", resolve));
  const port = (loop.address() as { port: number }).port;
  const undiciFetch = createUndiciFetch({
    pool: {
      connect: (_options, callback) => {
        const socket = connect(port, "127.0.0.1");
        socket.once("connect", () => callback(null, socket));
        socket.once("error", (error) => callback(error, null));
        return socket;
      },
    },
  });
  const original = globalThis.fetch;
  // Keeps the transport's OWN_TIMEOUT mark, so the client hands it the deadline as it would.
  globalThis.fetch = Object.assign((input: string, init?: RequestInit) => undiciFetch(String(input), init), {
    [OWN_TIMEOUT]: true,
  }) as unknown as typeof fetch;
  return { server: loop, fetch: undiciFetch, original };
}

/** Answers every request to BASE with `resolver`'s response, after recording it. */
export function answer(resolver: (info: { request: Request; attempt: number }) => Response | Promise<Response>): void {
  server.use(
    http.all(`${BASE}/*`, (async ({ request }) => {
      sent.push({
        method: request.method,
        url: request.url,
        headers: Object.fromEntries([...request.headers].filter(([name]) => !CONNECTION_HEADERS.has(name))),
        body: await request.clone().text(),
      });
      return resolver({ request, attempt: sent.length });
    }) as HttpResponseResolver),
  );
}

/** Answers every request with this JSON and status 200. */
export function answerJson(body: unknown, init?: ResponseInit): void {
  answer(() => HttpResponse.json(body as never, init));
}

export { HttpResponse };
