// The contract between the transport and a fetch marked OWN_TIMEOUT (createUndiciFetch): the
// attempt's timeout goes in init, no AbortSignal of the client's own, and the mark on the
// rejection is what makes it a timeout.
import { expect, test } from "vitest";
import { createLiveChatClient, LiveChatConnectionError, LiveChatTimeoutError } from "../../src/index.js";
import { OWN_TIMEOUT } from "../../src/wrappers/transport.js";

const BASE = "https://api.livechatinc.com";

function markedFetch(answer: (init: RequestInit) => Promise<Response>) {
  const inits: RequestInit[] = [];
  const fetch = Object.assign(
    async (_url: string, init: RequestInit) => {
      inits.push({ ...init });
      return answer(init);
    },
    { [OWN_TIMEOUT]: true },
  );
  return { fetch, inits };
}

test("hands the attempt's timeout over in init and passes no signal when the caller gave none", async () => {
  const { fetch, inits } = markedFetch(async () => Response.json([]));
  const client = createLiveChatClient({ auth: { accessToken: "token" }, fetch, timeoutMs: 1234 });
  await expect(client.tags.list()).resolves.toEqual([]);
  await client.tags.list(undefined, { timeoutMs: 99 });
  expect(inits.map((init) => [(init as Record<symbol, unknown>)[OWN_TIMEOUT], init.signal])).toEqual([
    [1234, undefined],
    [99, undefined],
  ]);
});

test("passes the caller's signal as it is", async () => {
  const { fetch, inits } = markedFetch(async () => Response.json([]));
  const signal = new AbortController().signal;
  await createLiveChatClient({ auth: { accessToken: "token" }, fetch }).tags.list(undefined, { signal });
  expect(inits[0]!.signal).toBe(signal);
});

test("a rejection carrying the mark is a timeout, and is retried like one", async () => {
  const timeout = Object.assign(new DOMException("No complete answer within 20 ms", "TimeoutError"), { [OWN_TIMEOUT]: true });
  let calls = 0;
  const { fetch } = markedFetch(async () => {
    calls++;
    throw timeout;
  });
  const client = createLiveChatClient({ auth: { accessToken: "token" }, fetch, timeoutMs: 20, maxRetries: 1 });
  const error = await client.webhooks.list().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LiveChatTimeoutError);
  expect((error as Error).message).toBe(`Timed out after 20 ms: GET ${BASE}/webhooks — raise timeoutMs if the API is slow`);
  expect(calls).toBe(2);
});

test("any other rejection is a connection error", async () => {
  const { fetch } = markedFetch(async () => {
    throw new TypeError("other side closed");
  });
  const error = await createLiveChatClient({ auth: { accessToken: "token" }, fetch, maxRetries: 0 }).tags.list().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LiveChatConnectionError);
  expect((error as LiveChatConnectionError).cause).toMatchObject({ name: "TypeError", message: "other side closed" });
});

test("the caller's abort rejects with its reason, whatever the fetch rejected with", async () => {
  const controller = new AbortController();
  const { fetch } = markedFetch(async () => {
    controller.abort(new Error("caller gave up"));
    throw new DOMException("aborted", "AbortError");
  });
  await expect(createLiveChatClient({ auth: { accessToken: "token" }, fetch }).tags.list(undefined, { signal: controller.signal })).rejects.toThrow("caller gave up");
});
