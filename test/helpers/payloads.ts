// Webhook payloads built from the facts file's examples, one per event type.
import { SAMPLE_DATA } from "../../src/mock/index.js";

const base = { token: "0adec158e423091d5a36c9fce95775db", license_id: "1025707", event_unique_id: "6ab10a2f0d0a4f18a8fb3c4a5b0a1e4c" };

/** A chat with every field the docs and real 2017 payloads show. */
export const FULL_CHAT = {
  id: "MH0NQTLD8B",
  started_timestamp: 1499350000,
  ended_timestamp: 1499350300,
  url: "https://www.example.com/pricing",
  messages: [
    { user_type: "visitor", author_name: "Jane", text: "Hello", timestamp: 1499350010 },
    { user_type: "agent", author_name: "John", agent_id: "john.doe@mycompany.com", text: "Hi Jane!", timestamp: 1499350020 },
    { user_type: "supervisor", author_name: "Boss", text: "", timestamp: 1499350030 },
  ],
  attachments: [],
  events: [{ type: "rating", rate: "good" }],
  agents: [{ name: "John", login: "john.doe@mycompany.com" }],
  groups: [0, 2],
  tags: ["sales"],
};

export const PAYLOADS = {
  chat_started: { event_type: "chat_started", ...base, chat: FULL_CHAT, visitor: { ...(SAMPLE_DATA.visitor as object), custom_variables: [{ key: "plan", value: "pro" }], country: "Poland", city: "Wroclaw", language: "pl", page_current: "https://x.y", timezone: "Europe/Warsaw" }, pre_chat_survey: [{ id: "1", type: "radio", label: "Topic?", answers: [{ label: "Sales", chosen: true }, { label: "Support", chosen: false }] }] },
  chat_ended: { event_type: "chat_ended", ...base, chat: FULL_CHAT, pre_chat_survey: [] },
  chat_changed: { event_type: "chat_changed", ...base, chat: SAMPLE_DATA.chat, visitor: SAMPLE_DATA.visitor },
  visitor_queued: { event_type: "visitor_queued", ...base, visitor: { id: "S1", name: "" } },
  ticket_created: { event_type: "ticket_created", ...base, ticket: { ...(SAMPLE_DATA.ticket as object), assignee: { id: "john", name: "John" }, groups: [{ id: 0, name: "General" }], source: { type: "mail", url: "", id: "x" } } },
  canned_response_changed: { event_type: "canned_response_changed", ...base, canned_response: SAMPLE_DATA.canned_response, extra_future_field: { anything: true } },
} as const;
