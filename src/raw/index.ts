// livechat-rest-v2/raw: openapi-fetch's client typed by the spec, for what the resource methods
// do not cover (the whole Response, middleware, `{ data, error }` instead of throwing). It is
// configured through openapi-fetch's own seams (headers, bodySerializer, pathSerializer,
// Request, fetch) and sends through the same transport as createLiveChatClient: same auth,
// version header, form encoding, timeouts, retries and scrubbed errors. Per-call options that
// would go around them are refused (options.ts). A subpath of its own, so a bundle that needs
// only the resource methods does not carry openapi-fetch.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { checkBaseUrl } from "../wrappers/base-url.js";
import { BufferedResponse } from "../wrappers/buffered-response.js";
import { configure, type LiveChatClientOptions } from "../wrappers/config.js";
import { LiveChatInputError } from "../wrappers/errors.js";
import { FORM_CONTENT_TYPE, serializeForm } from "../wrappers/form.js";
import type { SecretSet } from "../wrappers/secrets.js";
import type { OutgoingRequest } from "../wrappers/transport.js";
import { checkOperation, serializePath } from "./operations.js";
import { checkRawOptions } from "./options.js";
import { callBase, checkOutgoing } from "./outgoing.js";
import { PlainRequest, REQUEST_SEAM } from "./request.js";
import type { LiveChatRawClient } from "./types.js";

export { KNOWN_OPERATIONS } from "./operations.js";
export { PlainRequest, type PlainRequestInit } from "./request.js";
export type { FormBody, LiveChatMiddleware, LiveChatRawClient, PathsWith, RawCallOptions, RawInit, RawMethod, RawMiddlewareParams } from "./types.js";

/**
 * Creates openapi-fetch's client for the API, with the options of createLiveChatClient. It
 * resolves with `{ data, error, response }`; connection failures and timeouts still reject with
 * a LiveChatError. Calls outside the spec's operations do not compile and are refused at run time.
 */
export function createLiveChatRawClient(options: LiveChatClientOptions): LiveChatRawClient {
  const { baseUrl, headers, transport, secrets } = configure(options, "createLiveChatRawClient");
  /**
   * openapi-fetch's `fetch` for calls whose base URL is `href`: it checks what middleware made of
   * the request (it still goes to `href`, as one of the spec's operations), then sends it through
   * the transport. The client's own is made once; a call with its own baseUrl gets its own.
   */
  const sendUnder = (href: string) => {
    const base = callBase(href);
    return async (request: Request): Promise<Response> => {
      const sent = request as unknown as PlainRequest;
      checkOutgoing(sent, base, secrets);
      const { response, text, parsed, secrets: used } = await transport(outgoing(sent), { signal: sent.signal ?? undefined, timeoutMs: sent.timeoutMs });
      // A non-2xx answer becomes openapi-fetch's `error`, which callers log: scrubbed as a LiveChatApiError is.
      const scrubbed = !response.ok;
      const headers = scrubbed ? new Headers(used.scrubHeaders(response.headers)) : response.headers;
      const init = { status: response.status, statusText: response.statusText, headers, url: response.url, redirected: response.redirected };
      return new BufferedResponse(scrubbed ? scrubBody(text, used) : text, init, parsed);
    };
  };
  const client = createClient<paths>({
    baseUrl,
    headers,
    bodySerializer: serializeForm,
    pathSerializer: serializePath,
    Request: REQUEST_SEAM,
    fetch: sendUnder(baseUrl),
  });
  return guarded(client, headers["X-API-Version"]!, sendUnder);
}

/** What the transport sends for openapi-fetch's request (middleware that replaces it returns a PlainRequest too). */
function outgoing(request: PlainRequest): OutgoingRequest {
  return { method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body: request.body };
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/** openapi-fetch's client with every call checked: a known operation, its options, the form Content-Type. */
function guarded(client: Client<paths>, apiVersion: string, sendUnder: (baseUrl: string) => (request: Request) => Promise<Response>): LiveChatRawClient {
  const checked = (method: string) => async (path: unknown, init?: Record<string, any>) => {
    checkOperation(method, path, init);
    const attempt = checkRawOptions(init, apiVersion);
    const params = { ...init?.params, path: init?.params?.path ?? {} };
    const headers = init?.body === undefined ? init?.headers : { ...init?.headers, "Content-Type": FORM_CONTENT_TYPE };
    // timeoutMs reaches the PlainRequest through openapi-fetch's init, which it passes on as is.
    const call: Record<string, unknown> = { ...init, params, headers, ...(attempt?.timeoutMs === undefined ? {} : { timeoutMs: attempt.timeoutMs }) };
    if (init?.baseUrl !== undefined) {
      // A call's own base URL (checked by checkRawOptions), as checked, with a fetch that holds middleware to it.
      const baseUrl = checkBaseUrl(init.baseUrl);
      call.baseUrl = baseUrl;
      call.fetch = sendUnder(baseUrl);
    }
    return (client.request as (m: string, p: unknown, i: object) => Promise<unknown>)(method, path, call).catch(explainMiddlewareError);
  };
  const raw: Record<string, unknown> = { ...client };
  for (const method of METHODS) raw[method] = checked(method);
  raw.request = (method: string, path: unknown, init?: Record<string, any>) => checked(String(method).toUpperCase())(path, init);
  return raw as unknown as LiveChatRawClient;
}

/** openapi-fetch's complaint about what onRequest returned names a Request, which is refused here: say what to return instead. */
function explainMiddlewareError(error: unknown): never {
  if (error instanceof Error && error.message.startsWith("onRequest: must return new Request()")) {
    throw new LiveChatInputError("onRequest must return a PlainRequest (new PlainRequest(request, changes), from livechat-rest-v2/raw), a Response, or nothing; not a Request.");
  }
  throw error;
}

/**
 * An error body with the credentials scrubbed. JSON is scrubbed as parsed values, not as text: a
 * server may escape characters in its JSON (PHP's json_encode writes `/` as `\/` and non-ASCII
 * as `\uXXXX`), which hides a secret from a search of the text but not from the parsed value
 * openapi-fetch hands the caller as `error`.
 */
function scrubBody(text: string, secrets: SecretSet): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return secrets.scrub(text);
  }
  return JSON.stringify(secrets.scrubJson(value));
}
