// createLiveChatClient: openapi-fetch configured through its own seams (headers, bodySerializer,
// pathSerializer, custom fetch), plus one method per operation that checks its input, sends it,
// and resolves with the 2xx body as the spec types it or rejects with a LiveChatError.
import createClient, { type Client } from "openapi-fetch";
import type { components, operations, paths } from "../generated/schema.js";
import { authorization, type LiveChatAuth } from "./auth.js";
import { checkBaseUrl, DEFAULT_BASE_URL } from "./base-url.js";
import { LiveChatInputError } from "./errors.js";
import { FORM_CONTENT_TYPE, serializeForm } from "./form.js";
import { checkHeaders } from "./headers.js";
import { checkGroup, checkTagList, checkText, checkWebhook, type CreateWebhookInput } from "./input.js";
import { checkOperation, serializePath } from "./path.js";
import { PlainRequest } from "./request.js";
import { SecretSet } from "./secrets.js";
import { apiError, createTransport, type AttemptOptions } from "./transport.js";
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

type Schemas = components["schemas"];
/** The operations of the API (the spec's other operations are the webhooks LiveChat sends you). */
export type ApiOperationId = "listWebhooks" | "createWebhook" | "deleteWebhook" | "listTags" | "createTag" | "deleteTag" | "updateChatTags" | "updateTicketTags";

/** The 200 body of an operation, as the spec types it. */
export type OkBody<Op extends ApiOperationId> = operations[Op]["responses"][200]["content"]["application/json"];

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

function checkCallOptions(options: CallOptions | undefined): AttemptOptions | undefined {
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

/** Creates a client for the LiveChat REST API v2 (webhooks and tags). Throws LiveChatInputError on bad options. */
export function createLiveChatClient(options: LiveChatClientOptions) {
  if (!options || typeof options !== "object") throw new LiveChatInputError("createLiveChatClient needs an options object with auth.");
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

  const client = createClient<paths>({
    baseUrl,
    headers: {
      Accept: "application/json",
      "User-Agent": USER_AGENT,
      "X-API-Version": String(apiVersion),
      ...(typeof auth === "string" ? { Authorization: auth } : {}),
      ...checkHeaders(options.headers, "headers"),
    },
    bodySerializer: serializeForm,
    pathSerializer: serializePath,
    Request: PlainRequest as unknown as typeof Request,
    fetch: (request) => transport(request as unknown as PlainRequest),
  });

  /** Sends one operation and returns its 2xx body, or throws LiveChatApiError. */
  async function send<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: keyof paths, init: Record<string, unknown>, options?: CallOptions): Promise<T> {
    const attempt = checkCallOptions(options);
    let url = "";
    const hasBody = init.body !== undefined;
    const headers = hasBody || options?.headers ? { ...options?.headers, ...(hasBody ? { "Content-Type": FORM_CONTENT_TYPE } : {}) } : undefined;
    const { data, error, response } = await (client.request as (m: string, p: string, i: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>)(method, path, {
      ...init,
      headers,
      fetch: (request: PlainRequest) => {
        url = request.url;
        return transport(request, attempt);
      },
    });
    if (!response.ok) throw apiError(response, method, url, error ?? "", secrets);
    return data as T;
  }

  const raw = rawClient(client);

  return {
    webhooks: {
      /** `GET /webhooks`: the registered webhooks. */
      list: async (options?: CallOptions) => send<OkBody<"listWebhooks">>("GET", "/webhooks", {}, options),
      /** `POST /webhooks`: registers a webhook. Not retried (v2 has no idempotency keys). */
      create: async (webhook: CreateWebhookInput, options?: CallOptions) => {
        checkWebhook(webhook);
        const body: Schemas["CreateWebhookBody"] = { event_type: webhook.event_type, data_types: [...webhook.data_types], url: webhook.url };
        return send<OkBody<"createWebhook">>("POST", "/webhooks", { body }, options);
      },
      /** `DELETE /webhooks/{webhook_id}`. */
      delete: async (webhookId: string, options?: CallOptions) =>
        send<OkBody<"deleteWebhook">>("DELETE", "/webhooks/{webhook_id}", { params: { path: { webhook_id: webhookId } } }, options),
    },
    tags: {
      /** `GET /tags`: every group's tags, or one group's with `{ group }`. */
      list: async (query?: { group?: number }, options?: CallOptions) => {
        if (query?.group !== undefined) checkGroup(query.group, "group");
        const params = query?.group === undefined ? {} : { params: { query: { group: query.group } } };
        return send<OkBody<"listTags">>("GET", "/tags", params, options);
      },
      /** `POST /tags`: creates a tag in a group (owners and admins only). Not retried. */
      create: async (tag: Schemas["CreateTagBody"], options?: CallOptions) => {
        checkText(tag?.tag, "tag");
        checkGroup(tag.group, "group");
        checkText(tag.author, "author");
        const body: Schemas["CreateTagBody"] = { tag: tag.tag, group: tag.group, author: tag.author };
        return send<OkBody<"createTag">>("POST", "/tags", { body }, options);
      },
      /** `DELETE /tags/{tag}` with `group` in the body. */
      delete: async (tag: string, where: Schemas["DeleteTagBody"], options?: CallOptions) => {
        checkGroup(where?.group, "group");
        const init = { params: { path: { tag } }, body: { group: where.group } };
        return send<OkBody<"deleteTag">>("DELETE", "/tags/{tag}", init, options);
      },
    },
    chats: {
      /** `PUT /chats/{chat_id}/tags`: replaces the chat's tags with `tags` (at least one). */
      updateTags: async (chatId: string, tags: readonly string[], options?: CallOptions) => {
        checkTagList(tags, "chat");
        const init = { params: { path: { chat_id: chatId } }, body: { tag: [...tags] } };
        return send<OkBody<"updateChatTags">>("PUT", "/chats/{chat_id}/tags", init, options);
      },
    },
    tickets: {
      /** `PUT /tickets/{ticket_id}/tags`: replaces the ticket's tags with `tags` (at least one). */
      updateTags: async (ticketId: string, tags: readonly string[], options?: CallOptions) => {
        checkTagList(tags, "ticket");
        const init = { params: { path: { ticket_id: ticketId } }, body: { tag: [...tags] } };
        return send<OkBody<"updateTicketTags">>("PUT", "/tickets/{ticket_id}/tags", init, options);
      },
    },
    /** The openapi-fetch client typed by the spec, with the same auth, version, encoding, timeouts and retries. */
    raw,
  };
}

/** The client type {@link createLiveChatClient} returns. */
export type LiveChatClient = ReturnType<typeof createLiveChatClient>;

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/** openapi-fetch's client with every call checked: a known operation, caller headers, the form Content-Type. */
function rawClient(client: Client<paths>): Client<paths> {
  const guarded = (method: string) => async (path: unknown, init?: Record<string, any>) => {
    checkOperation(method, path);
    checkHeaders(init?.headers, "headers");
    const params = { ...init?.params, path: init?.params?.path ?? {} };
    const headers = init?.body === undefined ? init?.headers : { ...init?.headers, "Content-Type": FORM_CONTENT_TYPE };
    return (client.request as (m: string, p: unknown, i: object) => Promise<unknown>)(method, path, { ...init, params, headers });
  };
  const raw: Record<string, unknown> = { ...client };
  for (const method of METHODS) raw[method] = guarded(method);
  raw.request = (method: string, path: unknown, init?: Record<string, any>) => guarded(String(method).toUpperCase())(path, init);
  return raw as unknown as Client<paths>;
}
