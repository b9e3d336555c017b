// The contenders, each as a factory of `() => Promise<unknown>` that does one tags.list()-equivalent
// call (GET /tags with Basic auth and X-API-Version: 2, parsing the JSON answer).
import { createRequire } from "node:module";
import axios from "axios";
import createClient from "openapi-fetch";
import { createLiveChatClient, type FetchLike } from "livechat-rest-v2";
import type { paths } from "livechat-rest-v2";
import { createLiveChatRawClient } from "livechat-rest-v2/raw";
import { createUndiciFetch } from "livechat-rest-v2/undici";

export const LOGIN = "demo@example.com";
export const API_KEY = "demo-api-key";
const AUTH = `Basic ${Buffer.from(`${LOGIN}:${API_KEY}`).toString("base64")}`;
const HEADERS = { Authorization: AUTH, "X-API-Version": "2", Accept: "application/json" };

export type Call = () => Promise<unknown>;

export function rawFetch(baseUrl: string, fetchImpl: typeof fetch = fetch): Call {
  return async () => {
    const response = await fetchImpl(new Request(`${baseUrl}/tags`, { headers: HEADERS }));
    return response.json();
  };
}

/** Raw fetch with the one thing every timeout needs: an AbortSignal that a timer would fire. */
export function rawFetchWithTimeout(baseUrl: string, timeoutMs = 30_000): Call {
  return async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(`${baseUrl}/tags`, { headers: HEADERS, signal: controller.signal });
      return await response.json();
    } finally {
      clearTimeout(timer);
    }
  };
}

export function bareOpenapiFetch(baseUrl: string, fetchImpl?: (r: Request) => Promise<Response>): Call {
  const client = createClient<paths>({ baseUrl, headers: HEADERS, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  return async () => (await client.GET("/tags")).data;
}

export function ours(baseUrl: string, fetchImpl?: FetchLike): { resource: Call; raw: Call } {
  const options = { baseUrl, auth: { login: LOGIN, apiKey: API_KEY }, maxRetries: 0, ...(fetchImpl ? { fetch: fetchImpl } : {}) };
  const client = createLiveChatClient(options);
  const raw = createLiveChatRawClient(options);
  return { resource: () => client.tags.list(), raw: async () => (await raw.GET("/tags")).data };
}

export function oursOnUndici(baseUrl: string): { call: Call; close: () => Promise<void> } {
  const undiciFetch = createUndiciFetch({ connections: 64 });
  const client = createLiveChatClient({ baseUrl, auth: { login: LOGIN, apiKey: API_KEY }, maxRetries: 0, fetch: undiciFetch });
  return { call: () => client.tags.list(), close: () => undiciFetch.close() };
}

export function axiosClient(baseUrl: string, adapter?: unknown): Call {
  const instance = axios.create({ baseURL: baseUrl, headers: HEADERS, ...(adapter ? { adapter: adapter as never } : {}) });
  return async () => (await instance.get("/tags")).data;
}

const require = createRequire(import.meta.url);

/** The official Node client (livechatapi@0.6.0, callback API over `request`), optionally over a stubbed `request`. */
export function official(baseUrl: string, stubRequest?: (options: unknown, callback: (e: unknown, r: unknown, b: string) => void) => void): Call {
  let LiveChatApi: new (user: string, key: string, version: number, host: string) => { get(method: string, data: object, cb: (body: unknown) => void): void };
  if (stubRequest) {
    const path = require.resolve("request");
    const real = require.cache[path];
    const stub = Object.assign(stubRequest, { defaults: () => stub, post: stubRequest, put: stubRequest, del: stubRequest });
    require.cache[path] = { ...real, exports: stub } as never;
    delete require.cache[require.resolve("livechatapi")];
    ({ LiveChatApi } = require("livechatapi"));
    if (real) require.cache[path] = real;
    else delete require.cache[path];
    delete require.cache[require.resolve("livechatapi")];
  } else {
    ({ LiveChatApi } = require("livechatapi"));
  }
  const api = new LiveChatApi(LOGIN, API_KEY, 2, `${baseUrl}/`);
  return () =>
    new Promise((resolve, reject) =>
      api.get("tags", {}, (body) => ((body as { error?: unknown })?.error ? reject(new Error(String((body as { error: unknown }).error))) : resolve(body))),
    );
}
