// msw on Node: a server with onUnhandledRequest "error", and a recorder for what went over the wire.
import { http, HttpResponse, type HttpResponseResolver } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { checkRequest, checkResponse } from "./contract.js";

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
  beforeAll(() => {
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
  afterAll(() => {
    server.events.removeAllListeners();
    server.close();
  });
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
