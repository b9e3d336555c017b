// The transport's edges that do not depend on which fetch sends: the token function's wait,
// and which tokens redaction keeps. Each call goes to a fetch written here, so nothing leaves
// the process.
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { createLiveChatClient, LiveChatApiError, LiveChatConnectionError, LiveChatTimeoutError } from "../../src/index.js";
import { createLiveChatRawClient } from "../../src/raw/index.js";

const BASE = "https://api.livechatinc.com";
const never = () => new Promise<string>(() => {});

/** A fetch that records what it was asked and answers with `answer` (default: `[]`). */
function recordingFetch(answer: (url: string, init: RequestInit) => Promise<Response> = async () => Response.json([])) {
  const calls: { url: string; authorization: string | null }[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, authorization: new Headers(init.headers).get("authorization") });
    return answer(url, init);
  };
  return { fetch, calls };
}

describe("a token function that never returns", () => {
  test("is bounded by the call's timeoutMs: a LiveChatTimeoutError, not retried, nothing sent", async () => {
    const { fetch, calls } = recordingFetch();
    let asked = 0;
    const client = createLiveChatClient({ auth: { accessToken: () => (asked++, never()) }, fetch, timeoutMs: 40, maxRetries: 2 });
    const error = await client.tags.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveChatTimeoutError);
    expect(error).toMatchObject({
      method: "GET",
      url: `${BASE}/tags`,
      timeoutMs: 40,
      message: `Timed out after 40 ms: GET ${BASE}/tags — the auth.accessToken function returned no token in that time`,
    });
    expect([asked, calls.length]).toEqual([1, 0]);
  });

  test("a per-call timeoutMs bounds it too", async () => {
    const { fetch, calls } = recordingFetch();
    const client = createLiveChatClient({ auth: { accessToken: never }, fetch, timeoutMs: 2_147_483_647 });
    await expect(client.webhooks.list({ timeoutMs: 30 })).rejects.toMatchObject({ name: "LiveChatTimeoutError", timeoutMs: 30 });
    expect(calls).toHaveLength(0);
  });

  test("is bounded by the caller's abort: rejects with the signal's reason, nothing sent", async () => {
    const { fetch, calls } = recordingFetch();
    const client = createLiveChatClient({ auth: { accessToken: never }, fetch, timeoutMs: 2_147_483_647 });
    const controller = new AbortController();
    const call = client.tags.list(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user gave up")), 10);
    await expect(call).rejects.toThrow("user gave up");
    expect(calls).toHaveLength(0);
  });

  test("the raw client's calls are bounded the same way", async () => {
    const { fetch, calls } = recordingFetch();
    const raw = createLiveChatRawClient({ auth: { accessToken: never }, fetch, timeoutMs: 30 });
    await expect(raw.GET("/tags")).rejects.toBeInstanceOf(LiveChatTimeoutError);
    expect(calls).toHaveLength(0);
  });

  test("a token that arrives in time is sent, and a rejection after the deadline is not left unhandled", async () => {
    const { fetch, calls } = recordingFetch();
    let n = 0;
    const client = createLiveChatClient({
      auth: { accessToken: () => (++n === 1 ? new Promise<string>((_, reject) => setTimeout(() => reject(new Error("late")), 60)) : "token-2") },
      fetch,
      timeoutMs: 20,
    });
    await expect(client.tags.list()).rejects.toBeInstanceOf(LiveChatTimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 80)); // the late rejection lands here; vitest fails on an unhandled one
    await expect(client.tags.list()).resolves.toEqual([]);
    expect(calls.map((c) => c.authorization)).toEqual(["Bearer token-2"]);
  });
});

describe("redaction of rotating tokens", () => {
  test("keeps the current and the previous token, not every token ever returned", async () => {
    // A server that echoes, on the last call, every token the client ever sent.
    let n = 0;
    const tokens = Array.from({ length: 3000 }, (_, i) => `rotated-token-${String(i).padStart(4, "0")}`);
    const { fetch } = recordingFetch(async (_url, init) =>
      n === tokens.length ? Response.json({ error: tokens.join(" ") }, { status: 401 }) : Response.json([]),
    );
    const client = createLiveChatClient({ auth: { accessToken: () => tokens[n++]! }, fetch, maxRetries: 0 });
    for (let i = 0; i < tokens.length - 1; i++) await client.tags.list();
    const error = (await client.tags.list().catch((e: unknown) => e)) as LiveChatApiError;
    const shown = error.messages[0]!.split(" ");
    // The token this call used and the one before it are scrubbed; older ones are forgotten.
    expect(shown.slice(-3)).toEqual([tokens[2997], "[REDACTED]", "[REDACTED]"]);
    expect(shown.filter((s) => s === "[REDACTED]")).toHaveLength(2);
  });

  test("an error still scrubs the token its own call used, however many calls rotated since", async () => {
    let n = 0;
    const release: (() => void)[] = [];
    const { fetch } = recordingFetch(async (url, init) => {
      const authorization = new Headers(init.headers).get("authorization")!;
      if (url.endsWith("/webhooks")) {
        await new Promise<void>((resolve) => release.push(resolve));
        return Response.json({ error: `bad token ${authorization}` }, { status: 401 });
      }
      return Response.json([]);
    });
    const client = createLiveChatClient({ auth: { accessToken: () => `call-token-${++n}` }, fetch, maxRetries: 0 });
    const slow = client.webhooks.list().catch((e: unknown) => e);
    while (release.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    for (let i = 0; i < 5; i++) await client.tags.list(); // call-token-2 ... call-token-6
    release[0]!();
    const error = (await slow) as LiveChatApiError;
    expect(error.messages).toEqual(["bad token Bearer [REDACTED]"]);
    for (const view of [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })]) {
      expect(view).not.toContain("call-token-1");
    }
  });
});

describe("a fetch error marked not retryable", () => {
  // createUndiciFetch marks what it refuses before sending (after close(), a body it cannot send):
  // retrying cannot help, so the client raises it at once instead of waiting out its backoff.
  const refusing = (marked: boolean) =>
    recordingFetch(async () => {
      const error = new TypeError("this transport was closed");
      throw marked ? Object.defineProperty(error, Symbol.for("livechat-rest-v2.not-retryable"), { value: true }) : error;
    });

  test("is raised after one attempt, as a LiveChatConnectionError naming it", async () => {
    const { fetch, calls } = refusing(true);
    const client = createLiveChatClient({ auth: { accessToken: "token" }, fetch, maxRetries: 2 });
    const error = await client.tags.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveChatConnectionError);
    expect((error as Error).message).toBe(`Connection failed: GET ${BASE}/tags — this transport was closed`);
    expect(calls.length).toBe(1);
  });

  test("while the same error unmarked is retried as any connection failure of a GET", async () => {
    const { fetch, calls } = refusing(false);
    const client = createLiveChatClient({ auth: { accessToken: "token" }, fetch, maxRetries: 2 });
    await expect(client.tags.list()).rejects.toBeInstanceOf(LiveChatConnectionError);
    expect(calls.length).toBe(3);
  });
});
