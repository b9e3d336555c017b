// Sends one request: per-attempt timeouts combined with the caller's signal, retries, a fresh
// bearer token per call (its wait bounded like an attempt), and typed errors for what never got
// a usable answer. It reads each
// body inside the attempt's timeout, so a stalled body times out. The resource methods call it
// directly; the raw client calls it from openapi-fetch's `fetch` seam.
import type { ResolvedAuthorization } from "./auth.js";
import { LiveChatApiError, LiveChatConnectionError, LiveChatTimeoutError } from "./errors.js";
import { retryDelayMs, sleep } from "./retry.js";
import { safeCause, type SecretSet } from "./secrets.js";

export interface TransportConfig {
  /** The fetch to call as `fetch(url, init)`; without one, `globalThis.fetch` is looked up at each call. */
  fetch: ((input: string, init: RequestInit) => Promise<Response>) | undefined;
  timeoutMs: number;
  maxRetries: number;
  secrets: SecretSet;
  /** Resolves the Authorization value per call (a token function); undefined when it is a fixed header. */
  authorization: (() => ResolvedAuthorization | Promise<ResolvedAuthorization>) | undefined;
}

/** What one call may override. */
export interface AttemptOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

/** What the transport sends: headers as a plain object, the body already encoded. */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

/** A final answer, its body read; `parsed` is the JSON of a 2xx answer. */
export interface Answer {
  response: Response;
  text: string;
  parsed: { value: unknown } | undefined;
  /** The secrets to scrub from an error about this call (the token it used included). */
  secrets: SecretSet;
}

export type Transport = (request: OutgoingRequest, options?: AttemptOptions) => Promise<Answer>;

class Timeout {
  constructor(readonly ms: number) {}
}

/**
 * Marks a fetch that enforces the attempt's deadline itself (createUndiciFetch). The transport
 * then passes the timeout in `init[OWN_TIMEOUT]` instead of an AbortSignal per attempt, a
 * measurable cost per call (docs/benchmarks.md); on expiry that fetch rejects with an error
 * carrying `[OWN_TIMEOUT]: true`. The caller's signal, if any, is still passed as `signal`.
 */
export const OWN_TIMEOUT = Symbol.for("livechat-rest-v2.own-timeout");

/**
 * Marks an error of a fetch that sent nothing and would fail the same way again (createUndiciFetch
 * after close(), or a request it cannot send): the transport raises it at once, without retrying.
 */
export const NOT_RETRYABLE = Symbol.for("livechat-rest-v2.not-retryable");

type Fetch = (input: string, init: RequestInit) => Promise<Response>;
type Attempt = { response: Response; text: string } | { failure: Error; final?: boolean };

const TOKEN_TIMEOUT = "the auth.accessToken function returned no token in that time";

/**
 * `promise`, unless `signal` aborts first (rejects with its reason) or `timeoutMs` passes first
 * (rejects with `onTimeout()`). A later rejection of `promise` is handled, never left loose.
 */
function bounded<T>(promise: Promise<T>, signal: AbortSignal | undefined, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      done();
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      done();
      reject(onTimeout());
    }, timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}

export function createTransport(config: TransportConfig): Transport {
  const { maxRetries } = config;

  /**
   * One attempt: its answer with the body read, or the failure to retry or throw. Rejects only
   * with the caller's abort. The deadline is an AbortSignal of ours, or, for a fetch marked
   * OWN_TIMEOUT, handed to that fetch in init.
   */
  async function attempt(url: string, init: RequestInit, signal: AbortSignal | undefined, timeoutMs: number, secrets: SecretSet): Promise<Attempt> {
    const fetchImpl: Fetch = config.fetch ?? globalThis.fetch;
    const ownTimeout = OWN_TIMEOUT in fetchImpl;
    const controller = ownTimeout ? undefined : new AbortController();
    const onAbort = controller && signal && (() => controller.abort(signal.reason));
    if (onAbort) signal!.addEventListener("abort", onAbort, { once: true });
    const timer = controller && setTimeout(() => controller.abort(new Timeout(timeoutMs)), timeoutMs);
    if (controller) init.signal = controller.signal;
    else Object.assign(init, { signal, [OWN_TIMEOUT]: timeoutMs });
    try {
      const response = await fetchImpl(url, init);
      return { response, text: await response.text() };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const timedOut = controller
        ? controller.signal.reason instanceof Timeout
        : (error as { [OWN_TIMEOUT]?: unknown } | null)?.[OWN_TIMEOUT] === true;
      if (timedOut) return { failure: new LiveChatTimeoutError({ method: init.method!, url, timeoutMs }) };
      const failure = new LiveChatConnectionError({ method: init.method!, url, cause: safeCause(error, secrets) });
      return { failure, final: (error as { [NOT_RETRYABLE]?: unknown } | null)?.[NOT_RETRYABLE] === true };
    } finally {
      clearTimeout(timer);
      if (onAbort) signal!.removeEventListener("abort", onAbort);
    }
  }

  /** Sends `request`, retrying what is safe to retry; resolves with the final answer, its body read. */
  return async function transport(request: OutgoingRequest, options?: AttemptOptions): Promise<Answer> {
    const signal = options?.signal;
    const timeoutMs = options?.timeoutMs ?? config.timeoutMs;
    const { method, url, body } = request;
    if (signal?.aborted) throw signal.reason;
    let headers = request.headers;
    let secrets = config.secrets;
    if (config.authorization) {
      // Called once per call, before the first attempt; its wait is bounded by the call's
      // timeoutMs and signal. A token that never comes is a timeout, not retried: nothing was
      // sent, and asking the token function again while its first call hangs would pile up calls.
      const onTimeout = () => new LiveChatTimeoutError({ method, url, timeoutMs, problem: TOKEN_TIMEOUT });
      const pending = config.authorization();
      const { header, secret } = pending instanceof Promise ? await bounded(pending, signal, timeoutMs, onTimeout) : pending;
      headers = { ...headers, Authorization: header };
      secrets = secrets.including(secret);
    }
    for (let tries = 0; ; tries++) {
      // A fresh init per attempt: the attempt adds its own signal to it.
      const result = await attempt(url, { method, headers, body, redirect: "manual" }, signal, timeoutMs, secrets);
      if ("failure" in result) {
        const delay = result.final ? undefined : retryDelayMs(method, tries, maxRetries);
        if (delay === undefined) throw result.failure;
        await sleep(delay, signal);
        continue;
      }
      const { response, text } = result;
      const delay = response.ok ? undefined : retryDelayMs(method, tries, maxRetries, response.status, response.headers.get("Retry-After"));
      if (delay !== undefined) {
        await sleep(delay, signal);
        continue;
      }
      return { response, text, parsed: response.ok ? parseJson(text, response, method, url, secrets) : undefined, secrets };
    }
  };
}

/** A 2xx answer must carry the JSON the spec promises; an HTML page or truncated JSON is an API error. */
function parseJson(text: string, response: Pick<Response, "headers" | "status" | "statusText">, method: string, url: string, secrets: SecretSet): { value: unknown } {
  try {
    return { value: JSON.parse(text) };
  } catch {
    const problem = text.trim() === ""
      ? "the response has an empty body where JSON was expected"
      : `the response body is not JSON (${response.headers.get("Content-Type") ?? "no Content-Type"})`;
    throw apiError(response, method, url, text, secrets, problem);
  }
}

/** A LiveChatApiError for `response`, with every known secret scrubbed from its headers and body. */
export function apiError(response: Pick<Response, "status" | "statusText" | "headers">, method: string, url: string, body: unknown, secrets: SecretSet, problem?: string): LiveChatApiError {
  return new LiveChatApiError({
    status: response.status,
    statusText: response.statusText,
    method,
    url,
    headers: secrets.scrubHeaders(response.headers),
    body: secrets.scrubJson(body),
    ...(problem === undefined ? {} : { problem }),
  });
}
