import { describe, expect, test } from "vitest";
import { isLiveChatWebhookError, LiveChatWebhookError, parseWebhook } from "../../src/webhooks/index.js";
import { isLiveChatError } from "../../src/index.js";
import { PAYLOADS } from "../helpers/payloads.js";

describe("parseWebhook", () => {
  test.each(Object.entries(PAYLOADS))("%s round-trips to its union member", (eventType, payload) => {
    const fromText = parseWebhook(JSON.stringify(payload));
    expect(fromText.event_type).toBe(eventType);
    expect(fromText).toEqual(payload);
    expect(parseWebhook(payload)).toBe(payload);
  });

  const broken = (edit: (p: any) => void) => {
    const copy = structuredClone(PAYLOADS.chat_started) as any;
    edit(copy);
    return copy;
  };

  test.each([
    ["not JSON", "{", "$", "the body is not JSON"],
    ["an array", "[]", "$", "must be object"],
    ["no event_type", {}, "$.event_type", "is required"],
    ["an unknown event_type", { event_type: "chat_closed" }, "$.event_type",
      "must be one of the event types LiveChat sends (chat_started, chat_ended, chat_changed, visitor_queued, ticket_created, canned_response_changed)"],
    ["a numeric license_id", broken((p) => (p.license_id = 1025707)), "$.license_id", "must be string"],
    ["no token", broken((p) => delete p.token), "$.token", "is required"],
    ["a message without text", broken((p) => delete p.chat.messages[1].text), "$.chat.messages[1].text", "is required"],
    ["a bot message", broken((p) => (p.chat.messages[0].user_type = "bot")), "$.chat.messages[0].user_type", "must be equal to one of the allowed values"],
    ["a string timestamp", broken((p) => (p.chat.started_timestamp = "1499350000")), "$.chat.started_timestamp", "must be integer"],
    ["a survey answer without chosen", broken((p) => delete p.pre_chat_survey[0].answers[1].chosen), "$.pre_chat_survey[0].answers[1].chosen", "is required"],
    ["an empty chat id", broken((p) => (p.chat.id = "")), "$.chat.id", "must NOT have fewer than 1 characters"],
  ])("refuses %s, naming where", (_, body, path, problem) => {
    const error = (() => {
      try {
        parseWebhook(typeof body === "string" ? body : JSON.stringify(body));
      } catch (e) {
        return e;
      }
    })() as LiveChatWebhookError;
    expect(error).toBeInstanceOf(LiveChatWebhookError);
    expect(error.path).toBe(path);
    expect(error.message).toBe(`Invalid webhook payload at ${path}: ${problem}`);
    expect(isLiveChatWebhookError(error) && isLiveChatError(error)).toBe(true);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: "LiveChatWebhookError", message: error.message, path });
  });

  test("a ticket payload with a data type of another event still parses (unknown keys are allowed)", () => {
    expect(parseWebhook({ ...PAYLOADS.ticket_created, chat: { anything: 1 } }).event_type).toBe("ticket_created");
  });
});
