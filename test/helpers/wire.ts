// msw on Node: a server with onUnhandledRequest "error", and a recorder for what went over the wire.
import { http, HttpResponse, type HttpResponseResolver } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

export const BASE = "https://api.livechatinc.com";

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

/** Starts msw for this test file, resets handlers and the record after each test. */
export function useWire(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    sent.length = 0;
  });
  afterAll(() => server.close());
}

/** Answers every request to BASE with `resolver`'s response, after recording it. */
export function answer(resolver: (info: { request: Request; attempt: number }) => Response | Promise<Response>): void {
  server.use(
    http.all(`${BASE}/*`, (async ({ request }) => {
      sent.push({
        method: request.method,
        url: request.url,
        headers: Object.fromEntries(request.headers),
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
