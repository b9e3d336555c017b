// createWebhookHandler: a web-standard (Request) => Promise<Response> that receives LiveChat's
// webhook POSTs: checks credentials, size and payload, answers at once, and runs onEvent after.
import { basicCredentials, timingSafeEqualText } from "./credentials.js";
import { createDeduper, type DedupeOptions } from "./dedupe.js";
import { parseWebhook, type LiveChatWebhookEvent } from "./parse.js";

export interface WebhookHandlerOptions {
  /** The Basic credentials embedded in the registered URL (`https://user:password@host/path`). */
  credentials?: { username: string; password: string };
  /** Called with each accepted event, after the 200 is returned. */
  onEvent: (event: LiveChatWebhookEvent) => unknown;
  /** Drop repeats of an `event_unique_id` (LiveChat retries): `true` for the defaults, or options. */
  dedupe?: boolean | DedupeOptions;
  /** Bodies above this are answered 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Called when `onEvent` throws or rejects. Default: `console.error`. */
  onError?: (error: unknown, event: LiveChatWebhookEvent) => void;
  /**
   * Keeps a serverless runtime alive until `onEvent` is done, e.g. Vercel's or Cloudflare's
   * `waitUntil`. Without it, `onEvent` runs as an ordinary background promise.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
}

const MIB = 1024 * 1024;

const answer = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

/** Reads at most `limit` bytes; undefined when the body is larger. */
async function readLimited(request: Request, limit: number): Promise<string | undefined> {
  const declared = Number(request.headers.get("Content-Length") ?? Number.NaN);
  if (declared > limit) return undefined;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * A handler for LiveChat's webhook POSTs, for Node (via `toNodeListener`), Hono, Next.js route
 * handlers, Bun and Deno. Answers 405 (not POST), 401 (wrong credentials), 413 (too large),
 * 400 (not a valid payload) or 200 (accepted, and `onEvent` is then called once per event).
 */
export function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  const { credentials, onEvent, maxBodyBytes = MIB } = options;
  if (typeof onEvent !== "function") throw new TypeError("createWebhookHandler needs onEvent: (event) => ...");
  const expected = credentials ? `${credentials.username}:${credentials.password}` : undefined;
  const deduper = options.dedupe ? createDeduper(options.dedupe === true ? {} : options.dedupe) : undefined;
  const onError = options.onError ?? ((error: unknown) => console.error("livechat-rest-v2: a webhook's onEvent failed:", error));

  function dispatch(event: LiveChatWebhookEvent): void {
    const run = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(() => onEvent(event))
      .catch((error: unknown) => {
        try {
          onError(error, event);
        } catch {
          // A failing error reporter must not crash the process either.
        }
      });
    options.waitUntil?.(run);
  }

  return async function handleWebhook(request: Request): Promise<Response> {
    try {
      if (request.method !== "POST") return answer(405, { error: "Method not allowed: LiveChat delivers webhooks with POST" }, { Allow: "POST" });
      if (expected !== undefined) {
        const given = basicCredentials(request.headers.get("Authorization"));
        if (!(await timingSafeEqualText(given ?? "", expected)) || given === undefined) {
          return answer(401, { error: "Unauthorized" }, { "WWW-Authenticate": 'Basic realm="livechat-webhook"' });
        }
      }
      const text = await readLimited(request, maxBodyBytes);
      if (text === undefined) return answer(413, { error: `The body is larger than ${maxBodyBytes} bytes` });
      let event: LiveChatWebhookEvent;
      try {
        event = parseWebhook(text);
      } catch (error) {
        return answer(400, { error: (error as Error).message });
      }
      const id = event.event_unique_id;
      if (deduper && id !== undefined && !deduper.first(id)) return answer(200, { ok: true, duplicate: true });
      dispatch(event);
      return answer(200, { ok: true });
    } catch {
      // An unreadable body stream (the client went away): nothing was accepted.
      return answer(400, { error: "The request body could not be read" });
    }
  };
}
