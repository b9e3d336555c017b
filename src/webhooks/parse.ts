// parseWebhook: a payload LiveChat POSTed, checked against the spec's own schemas (compiled into
// src/generated/webhook-validator.ts at build time), typed as a union on event_type.
import type { webhooks } from "../generated/schema.js";
import { validateWebhookEvent } from "../generated/webhook-validator.js";
import { isNamed, LiveChatError } from "../wrappers/errors.js";
import { DATA_TYPES_BY_EVENT } from "../wrappers/input.js";

/** Any payload LiveChat sends to a webhook URL; narrow it with `event.event_type`. */
export type LiveChatWebhookEvent = {
  [K in keyof webhooks]: webhooks[K]["post"]["requestBody"]["content"]["application/json"];
}[keyof webhooks];

/** The payload of one event type. */
export type LiveChatWebhookEventOf<T extends LiveChatWebhookEvent["event_type"]> = Extract<LiveChatWebhookEvent, { event_type: T }>;

/** A webhook body that is not a valid payload; `path` is the JSON path of the first problem. */
export class LiveChatWebhookError extends LiveChatError {
  override readonly name = "LiveChatWebhookError" as const;
  /** Where the first problem is, such as `$.chat.messages[0].timestamp`. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`Invalid webhook payload at ${path}: ${problem}`);
    this.path = path;
  }
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** `/chat/messages/0/text` → `$.chat.messages[0].text`. */
function jsonPath(pointer: string, extra?: unknown): string {
  const parts = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (typeof extra === "string") parts.push(extra);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `${path}.${part}` : `${path}[${JSON.stringify(part)}]`), "$");
}

function describe(error: AjvError): [path: string, problem: string] {
  if (error.keyword === "required") return [jsonPath(error.instancePath, error.params.missingProperty), "is required"];
  if (error.keyword === "discriminator") {
    return [jsonPath(error.instancePath, "event_type"), `must be one of the event types LiveChat sends (${Object.keys(DATA_TYPES_BY_EVENT).join(", ")})`];
  }
  return [jsonPath(error.instancePath), error.message ?? error.keyword];
}

/**
 * Parses and validates a webhook body (the raw text, or JSON already parsed) against the spec.
 * Returns the typed event; throws LiveChatWebhookError naming the first problem's JSON path.
 */
export function parseWebhook(body: string | unknown): LiveChatWebhookEvent {
  let value: unknown = body;
  if (typeof body === "string") {
    try {
      value = JSON.parse(body);
    } catch {
      throw new LiveChatWebhookError("$", "the body is not JSON");
    }
  }
  if (!validateWebhookEvent(value)) {
    const [first] = (validateWebhookEvent as unknown as { errors: AjvError[] }).errors;
    const [path, problem] = first ? describe(first) : ["$", "is not a webhook payload"];
    throw new LiveChatWebhookError(path, problem);
  }
  return value as LiveChatWebhookEvent;
}

/** True for a {@link LiveChatWebhookError}, from any realm. */
export const isLiveChatWebhookError = /* @__PURE__ */ isNamed<LiveChatWebhookError>("LiveChatWebhookError");
