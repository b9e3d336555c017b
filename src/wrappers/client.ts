// createLiveChatClient: one method per operation that checks its input, encodes the request
// (path segments, form body) and sends it through the transport, resolving with the 2xx body as
// the spec types it or rejecting with a LiveChatError. It calls the transport directly: routing
// these calls through openapi-fetch cost bytes in every bundle and calls per second end to end
// (docs/benchmarks.md), for nothing these methods used; its typed client is livechat-rest-v2/raw.
import type { components, operations, paths } from "../generated/schema.js";
import { checkMethodOptions, configure, type CallOptions, type LiveChatClientOptions } from "./config.js";
import { FORM_CONTENT_TYPE, serializeForm } from "./form.js";
import { checkFields, checkGroup, checkNewTagName, checkTagList, checkText, checkWebhook, type CreateWebhookInput } from "./input.js";
import { mergeHeaders } from "./headers.js";
import { encodeSegment } from "./path.js";
import { apiError } from "./transport.js";

type Schemas = components["schemas"];
/** The operations of the API (the spec's other operations are the webhooks LiveChat sends you). */
export type ApiOperationId = "listWebhooks" | "createWebhook" | "deleteWebhook" | "listTags" | "createTag" | "deleteTag" | "updateChatTags" | "updateTicketTags";

/** The 200 body of an operation, as the spec types it. */
export type OkBody<Op extends ApiOperationId> = operations[Op]["responses"][200]["content"]["application/json"];

type Method = "GET" | "POST" | "PUT" | "DELETE";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][Lowercase<M>]>;
/** The spec's path templates that have an `M` operation: a method calling another does not compile. */
type Template<M extends Method> = { [P in keyof paths]: [Operation<P, M>] extends [never] ? never : P }[keyof paths];
/** The 200 body of `M P` as the spec types it. */
type Ok<P extends keyof paths, M extends Method> = Operation<P, M> extends { responses: { 200: { content: { "application/json": infer B } } } } ? B : never;

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** The fields each method's argument object takes; any other key is refused (checkFields). */
const LIST_TAGS_FIELDS = ["group"];
const CREATE_TAG_FIELDS = ["tag", "group", "author"];
const DELETE_TAG_FIELDS = ["group"];

/** An error body as openapi-fetch reads one: JSON if it parses, else the text. */
function errorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Creates a client for the LiveChat REST API v2 (webhooks and tags). Throws LiveChatInputError on bad options. */
export function createLiveChatClient(options: LiveChatClientOptions) {
  const { baseUrl, headers: fixed, transport } = configure(options, "createLiveChatClient");

  /**
   * Sends `method template` (the spec's own template, so the types follow the spec when it is
   * regenerated) with its `{placeholders}` filled from `values`, each one encoded segment, and
   * returns the 2xx body, or throws a LiveChatError. Not async itself: every method is, so an
   * input error thrown here still rejects the method's promise, one promise layer fewer per call.
   */
  function send<M extends Method, P extends Template<M>>(
    method: M,
    template: P,
    values: Record<string, unknown> | undefined,
    query: string,
    body: object | undefined,
    options: CallOptions | undefined,
  ): Promise<Ok<P, M>> {
    const path = values ? template.replace(PLACEHOLDER, (_, name: string) => encodeSegment(name, values[name])) : template;
    const attempt = checkMethodOptions(options);
    const url = baseUrl + path + query;
    const encoded = body === undefined ? null : serializeForm(body);
    const own = options?.headers ? mergeHeaders(fixed, options.headers) : fixed;
    const headers = encoded !== null ? { "Content-Type": FORM_CONTENT_TYPE, ...own } : own;
    return transport({ method, url, headers, body: encoded }, attempt).then(({ response, text, parsed, secrets }) => {
      if (parsed) return parsed.value as Ok<P, M>;
      throw apiError(response, method, url, errorBody(text), secrets);
    });
  }

  return {
    webhooks: {
      /** `GET /webhooks`: the registered webhooks. */
      list: async (options?: CallOptions) => send("GET", "/webhooks", undefined, "", undefined, options),
      /** `POST /webhooks`: registers a webhook. Not retried (v2 has no idempotency keys). */
      create: async (webhook: CreateWebhookInput, options?: CallOptions) => {
        checkWebhook(webhook);
        const body: Schemas["CreateWebhookBody"] = { event_type: webhook.event_type, "data_types[]": [...webhook.data_types], url: webhook.url };
        return send("POST", "/webhooks", undefined, "", body, options);
      },
      /** `DELETE /webhooks/{webhook_id}`. */
      delete: async (webhookId: string, options?: CallOptions) =>
        send("DELETE", "/webhooks/{webhook_id}", { webhook_id: webhookId }, "", undefined, options),
    },
    tags: {
      /** `GET /tags`: every group's tags, or one group's with `{ group }`. */
      list: async (query?: { group?: number }, options?: CallOptions) => {
        if (query === undefined) return send("GET", "/tags", undefined, "", undefined, options);
        checkFields(query, LIST_TAGS_FIELDS, "tags.list", true);
        if (query.group !== undefined) checkGroup(query.group, "group");
        return send("GET", "/tags", undefined, query.group === undefined ? "" : `?group=${query.group}`, undefined, options);
      },
      /** `POST /tags`: creates a tag in a group (owners and admins only). Not retried. */
      create: async (tag: Schemas["CreateTagBody"], options?: CallOptions) => {
        checkFields(tag, CREATE_TAG_FIELDS, "tags.create");
        checkNewTagName(tag.tag);
        checkGroup(tag.group, "group");
        checkText(tag.author, "author");
        const body: Schemas["CreateTagBody"] = { tag: tag.tag, group: tag.group, author: tag.author };
        return send("POST", "/tags", undefined, "", body, options);
      },
      /** `DELETE /tags/{tag}` with `group` in the body. */
      delete: async (tag: string, where: Schemas["DeleteTagBody"], options?: CallOptions) => {
        checkFields(where, DELETE_TAG_FIELDS, "tags.delete");
        checkGroup(where.group, "group");
        const body: Schemas["DeleteTagBody"] = { group: where.group };
        return send("DELETE", "/tags/{tag}", { tag }, "", body, options);
      },
    },
    chats: {
      /** `PUT /chats/{chat_id}/tags`: replaces the chat's tags with `tags` (at least one). */
      updateTags: async (chatId: string, tags: readonly string[], options?: CallOptions) => {
        checkTagList(tags, "chat");
        const body: Schemas["TagListBody"] = { "tag[]": [...tags] };
        return send("PUT", "/chats/{chat_id}/tags", { chat_id: chatId }, "", body, options);
      },
    },
    tickets: {
      /** `PUT /tickets/{ticket_id}/tags`: replaces the ticket's tags with `tags` (at least one). */
      updateTags: async (ticketId: string, tags: readonly string[], options?: CallOptions) => {
        checkTagList(tags, "ticket");
        const body: Schemas["TagListBody"] = { "tag[]": [...tags] };
        return send("PUT", "/tickets/{ticket_id}/tags", { ticket_id: ticketId }, "", body, options);
      },
    },
  };
}

/** The client type {@link createLiveChatClient} returns. */
export type LiveChatClient = ReturnType<typeof createLiveChatClient>;
