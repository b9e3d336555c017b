// The fault matrix: each of the eight operations against each kind of failure, through the mock.
// Safe methods recover by retrying; POST never repeats; every failure is the documented class.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createLiveChatClient, LiveChatApiError, LiveChatConnectionError, LiveChatTimeoutError, type LiveChatClient } from "../../src/index.js";
import { responseOrNetworkError } from "../../src/mock/answer.js";
import { createLiveChatMock, type MockFault } from "../../src/mock/index.js";
import { allowContractViolations, answer, sent, useWire } from "../helpers/wire.js";

useWire();

const credentials = { accessToken: "fault-token" };
const mock = createLiveChatMock({ credentials, seed: { tags: [{ name: "sales", group: 1 }], chats: { C1: [] }, tickets: { T1: [] } } });
const TIMEOUT_MS = 300; // generous, so a loaded CI machine does not time out the retry too
const client = createLiveChatClient({ auth: credentials, timeoutMs: TIMEOUT_MS, maxRetries: 2 });

interface Operation {
  name: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  setup?: () => Promise<unknown>;
  call: (c: LiveChatClient) => Promise<unknown>;
}
let webhookId = "";
const OPERATIONS: Operation[] = [
  { name: "webhooks.list", method: "GET", call: (c) => c.webhooks.list() },
  { name: "webhooks.create", method: "POST", call: (c) => c.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https://e.x/h" }) },
  {
    name: "webhooks.delete", method: "DELETE",
    setup: async () => (webhookId = (await client.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https://e.x/h" })).events[0]!.id),
    call: (c) => c.webhooks.delete(webhookId),
  },
  { name: "tags.list", method: "GET", call: (c) => c.tags.list() },
  { name: "tags.create", method: "POST", call: (c) => c.tags.create({ tag: "new", group: 1, author: "a@b.c" }) },
  { name: "tags.delete", method: "DELETE", call: (c) => c.tags.delete("sales", { group: 1 }) },
  { name: "chats.updateTags", method: "PUT", call: (c) => c.chats.updateTags("C1", ["sales"]) },
  { name: "tickets.updateTags", method: "PUT", call: (c) => c.tickets.updateTags("T1", ["sales"]) },
];

interface Fault {
  name: string;
  inject: () => void;
  /** What a POST (never retried) must reject with; a 2xx fault is never retried by anyone. */
  error: new (...args: never[]) => Error;
  status?: number;
  retriedWhenSafe: boolean;
}
const fail = (fault: MockFault) => () => mock.failNext(fault);
const FAULTS: Fault[] = [
  { name: "network error", inject: fail({ network: true }), error: LiveChatConnectionError, retriedWhenSafe: true },
  { name: "timeout", inject: () => mock.delayNext(TIMEOUT_MS * 3), error: LiveChatTimeoutError, retriedWhenSafe: true },
  { name: "429 with Retry-After", inject: fail({ status: 429, retryAfter: 0 }), error: LiveChatApiError, status: 429, retriedWhenSafe: true },
  { name: "500", inject: fail({ status: 500 }), error: LiveChatApiError, status: 500, retriedWhenSafe: true },
  { name: "503", inject: fail({ status: 503, retryAfter: 0 }), error: LiveChatApiError, status: 503, retriedWhenSafe: true },
  { name: "HTML error page", inject: fail({ status: 502, body: "<html><h1>502 Bad Gateway</h1></html>", contentType: "text/html" }), error: LiveChatApiError, status: 502, retriedWhenSafe: true },
  { name: "empty body", inject: fail({ status: 200, body: "" }), error: LiveChatApiError, status: 200, retriedWhenSafe: false },
  { name: "malformed JSON", inject: fail({ status: 200, body: '{"events": [{"id": ' }), error: LiveChatApiError, status: 200, retriedWhenSafe: false },
];

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => process.on("unhandledRejection", onUnhandled));
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
});

beforeEach(() => {
  mock.reset();
  // Through `answer`, which records each attempt in `sent`, to the mock's own handle(), as
  // mswHandlers does: a dropped connection becomes msw's network error.
  answer(({ request }) => responseOrNetworkError(mock.handle(request)));
  allowContractViolations(); // faults are answers the spec does not document, on purpose
});

const cases = OPERATIONS.flatMap((op) => FAULTS.map((fault) => ({ op, fault, label: `${op.name} × ${fault.name}` })));

describe("fault matrix", () => {
  test.each(cases)("$label", async ({ op, fault }) => {
    await op.setup?.();
    sent.length = 0;
    fault.inject();
    const outcome = await op.call(client).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const retried = op.method !== "POST" && fault.retriedWhenSafe;
    if (retried) {
      expect(outcome).toHaveProperty("value");
      expect(sent).toHaveLength(2);
    } else {
      expect(outcome).toHaveProperty("error");
      const error = (outcome as { error: Error & { status?: number } }).error;
      expect(error).toBeInstanceOf(fault.error);
      if (fault.status !== undefined) expect(error.status).toBe(fault.status);
      expect(sent).toHaveLength(1);
    }
    for (const request of sent) expect(request.method).toBe(op.method);
  });
});

test("a POST that timed out is not repeated, and the held request is dropped: no webhook is created", async () => {
  mock.delayNext(TIMEOUT_MS * 2);
  await expect(client.webhooks.create({ event_type: "chat_ended", data_types: ["chat"], url: "https://e.x/h" })).rejects.toBeInstanceOf(LiveChatTimeoutError);
  // Past the end of the delay: a held request the mock had not dropped would be performed by now.
  await new Promise((r) => setTimeout(r, TIMEOUT_MS * 2));
  expect(sent).toHaveLength(1);
  expect(mock.state.webhooks).toEqual([]);
});
