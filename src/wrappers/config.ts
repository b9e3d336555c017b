// The client's options, checked once: what createLiveChatClient and the raw client
// (livechat-rest-v2/raw) share. Both send through the same transport with the same headers.
import { authorization, type LiveChatAuth } from "./auth.js";
import { checkBaseUrl, DEFAULT_BASE_URL } from "./base-url.js";
import { LiveChatInputError } from "./errors.js";
import { checkHeaders } from "./headers.js";
import { CALL_OPTIONS, didYouMean, shownKey, unknownKey } from "./keys.js";
import { SecretSet } from "./secrets.js";
import { createTransport, type AttemptOptions, type Transport } from "./transport.js";
import { API_VERSION, USER_AGENT } from "./version.js";

/** A fetch-compatible function: the client calls it as `fetch(url, init)`. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Options of {@link createLiveChatClient}. */
export interface LiveChatClientOptions {
  /** `{ login, apiKey }` for HTTP Basic, or `{ accessToken }` (a string, or a function called per call) for OAuth. */
  auth: LiveChatAuth;
  /** Default `https://api.livechatinc.com`. Plain `http://` only for loopback hosts. */
  baseUrl?: string;
  /** The `X-API-Version` header. Default 2. */
  apiVersion?: number;
  /** Per attempt. Default 30 000. */
  timeoutMs?: number;
  /** Retries of GET, PUT and DELETE. Default 2; 0 disables. */
  maxRetries?: number;
  /** Sent on every request (for example `X-Region`). */
  headers?: Record<string, string>;
  /** The fetch to use. Default: `globalThis.fetch`, looked up at each call. */
  fetch?: FetchLike;
}

/** The last argument of every method. */
export interface CallOptions {
  /** Aborts the call; it rejects with the signal's reason and is not retried. */
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

/** What both clients are built from. */
export interface ClientConfig {
  /** Without a trailing slash. */
  baseUrl: string;
  /** Sent on every request: Accept, User-Agent, X-API-Version, a fixed Authorization, the `headers` option. */
  headers: Record<string, string>;
  transport: Transport;
  secrets: SecretSet;
}

const MAX_TIMEOUT_MS = 2_147_483_647;

function checkTimeout(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
    throw new LiveChatInputError(`${where} must be a positive whole number of milliseconds (at most ${MAX_TIMEOUT_MS}).`);
  }
  return value;
}

function checkCount(value: unknown, where: string, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new LiveChatInputError(`${where} must be a whole number from 0 to ${max}.`);
  }
  return value;
}

const CLIENT_OPTIONS = ["auth", "baseUrl", "apiVersion", "timeoutMs", "maxRetries", "headers", "fetch"];

/** Refuses a key that is not an option, so a misspelt one (`timeout`) or one meant elsewhere (`baseUrl` per call) is not ignored. */
function checkKnown(options: object, known: readonly string[], where: string): void {
  const key = unknownKey(options, known);
  if (key !== undefined) throw new LiveChatInputError(`${where} has no option ${shownKey(key)}${didYouMean(key, known)}; it takes ${known.join(", ")}.`);
}

/** Checks a resource method's last argument, which takes only signal, timeoutMs and headers. */
export function checkMethodOptions(options: CallOptions | undefined): AttemptOptions | undefined {
  if (options === undefined) return undefined;
  if (!options || typeof options !== "object") throw new LiveChatInputError("A method's last argument must be an object such as { signal, timeoutMs, headers }.");
  checkKnown(options, CALL_OPTIONS, "A call");
  return checkCallOptions(options);
}

/** Checks a call's signal, timeoutMs and headers; returns what the transport takes from them. */
export function checkCallOptions(options: CallOptions | undefined): AttemptOptions | undefined {
  if (options === undefined) return undefined;
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new LiveChatInputError("signal must be an AbortSignal (for example AbortSignal.timeout(5000)).");
  }
  checkHeaders(options.headers, "headers");
  return {
    signal: options.signal,
    timeoutMs: options.timeoutMs === undefined ? undefined : checkTimeout(options.timeoutMs, "timeoutMs"),
  };
}

/** Checks the client options; throws LiveChatInputError on a bad one, before anything is sent. */
export function configure(options: LiveChatClientOptions, factory: string): ClientConfig {
  if (!options || typeof options !== "object") throw new LiveChatInputError(`${factory} needs an options object with auth.`);
  checkKnown(options, CLIENT_OPTIONS, factory);
  const secrets = new SecretSet();
  const auth = authorization(options.auth, secrets);
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const apiVersion = options.apiVersion ?? API_VERSION;
  if (!Number.isInteger(apiVersion) || apiVersion < 1) throw new LiveChatInputError("apiVersion must be a positive whole number (LiveChat v2: 2).");
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw new LiveChatInputError("fetch must be a function such as globalThis.fetch.");
  const transport = createTransport({
    fetch: options.fetch,
    timeoutMs: options.timeoutMs === undefined ? 30_000 : checkTimeout(options.timeoutMs, "timeoutMs"),
    maxRetries: options.maxRetries === undefined ? 2 : checkCount(options.maxRetries, "maxRetries", 10),
    secrets,
    authorization: typeof auth === "function" ? auth : undefined,
  });
  const headers: Record<string, string> = {
    Accept: "application/json",
    "User-Agent": USER_AGENT,
    "X-API-Version": String(apiVersion),
    ...(typeof auth === "string" ? { Authorization: auth } : {}),
    ...checkHeaders(options.headers, "headers"),
  };
  return { baseUrl, headers, transport, secrets };
}
