// mock.deliver: what LiveChat does when an event happens — POST a payload to every webhook
// registered for it, so users can test their receiver end to end.
import type { components } from "../generated/schema.js";
import type { DataType, EventType } from "../wrappers/input.js";
import { utf8Base64 } from "../wrappers/strings.js";
import { hexId, type MockState } from "./state.js";

type Schemas = components["schemas"];

/** Example data objects, as LiveChat's docs show them; what `deliver` sends unless told otherwise. */
export const SAMPLE_DATA: { [T in DataType]: unknown } = {
  chat: {
    id: "MH0NQTLD8B",
    started_timestamp: 1499350000,
    messages: [{ user_type: "visitor", author_name: "Jane", text: "Hello, I have a question about pricing.", timestamp: 1499350010 }],
    tags: ["sales"],
  } satisfies Schemas["WebhookChat"],
  visitor: { id: "S1499349999.a1b2c3d4e5", name: "Jane", email: "jane@example.com" } satisfies Schemas["WebhookVisitor"],
  pre_chat_survey: [{ id: "2001", type: "question", label: "What can we help you with?", answer: "Pricing" }] satisfies Schemas["WebhookPreChatSurvey"],
  ticket: {
    id: "5FUED",
    status: "open",
    subject: "Invoice question",
    requester: { mail: "jane@example.com", name: "Jane" },
    tags: [],
    events: [{ author: { id: "jane@example.com", name: "Jane", type: "client" }, date: "2017-07-06T14:00:00Z", is_private: false, message: "Hello", type: "message" }],
  } satisfies Schemas["WebhookTicket"],
  canned_response: { id: 3601, group: 0, text: "Thanks for reaching out!", tags: ["greeting"], modification_date: 1499350000 } satisfies Schemas["WebhookCannedResponse"],
};

/** What to deliver: the event type, and optionally the data objects and the event's unique ID. */
export type MockEvent = { event_type: EventType; event_unique_id?: string } & { [T in DataType]?: unknown };

/** One delivery's outcome: the receiver's status, or the network error's message. */
export interface Delivery {
  webhookId: string;
  url: string;
  status?: number;
  error?: string;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** POSTs `event` to every webhook in `state` registered for its type; resolves with each outcome. */
export async function deliver(state: MockState, licence: number, event: MockEvent, fetchImpl: Fetch = (u, i) => globalThis.fetch(u, i)): Promise<Delivery[]> {
  const id = event.event_unique_id ?? hexId();
  const targets = state.webhooks.filter((w) => w.event_type === event.event_type);
  return Promise.all(
    targets.map(async (webhook): Promise<Delivery> => {
      const payload: Record<string, unknown> = { event_type: event.event_type, token: webhook.token ?? hexId(), license_id: String(licence), event_unique_id: id };
      for (const type of webhook.data_types) payload[type] = event[type] ?? SAMPLE_DATA[type];
      // fetch refuses URLs with credentials: they travel as a Basic header, as LiveChat sends them.
      const url = new URL(webhook.url);
      const headers: Record<string, string> = { "Content-Type": "application/json", "User-Agent": "LiveChat-Webhook-Mock" };
      if (url.username || url.password) {
        const userinfo = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
        headers.Authorization = `Basic ${utf8Base64(userinfo)}`;
        url.username = "";
        url.password = "";
      }
      try {
        const response = await fetchImpl(url.href, { method: "POST", headers, body: JSON.stringify(payload) });
        await response.body?.cancel();
        return { webhookId: webhook.id, url: url.href, status: response.status };
      } catch (error) {
        return { webhookId: webhook.id, url: url.href, error: (error as Error).message };
      }
    }),
  );
}
