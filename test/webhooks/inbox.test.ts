// The inbox's pure helpers (src/webhooks/inbox.ts), shared by both stores: the backoff between
// runs of a failing event, and the ID an event is stored under. The stores' behaviour is the
// contract suite's (inbox-contract.ts).
import fc from "fast-check";
import { afterEach, describe, expect, test, vi } from "vitest";
import { inboxId, retryDelayMs } from "../../src/webhooks/inbox.js";
import type { LiveChatWebhookEvent } from "../../src/webhooks/index.js";

describe("retryDelayMs: half the capped exponential delay, plus up to the other half at random", () => {
  const defaults = { initialMs: 1_000, maxMs: 300_000 };
  afterEach(() => vi.restoreAllMocks());

  test.each([
    // attempt, random, delay: the ceiling is min(maxMs, initialMs × 2^(attempt − 1))
    [1, 0, 500],
    [1, 0.5, 750],
    [1, 1, 1_000],
    [2, 0, 1_000],
    [2, 0.5, 1_500],
    [2, 1, 2_000],
    [3, 0, 2_000],
    [3, 0.25, 2_500],
    [3, 1, 4_000],
    [9, 0, 128_000],
    [9, 0.5, 192_000],
    [9, 1, 256_000],
    // From attempt 10 on, 1 000 × 2^9 = 512 000 passes maxMs: the ceiling is maxMs.
    [10, 0, 150_000],
    [10, 0.5, 225_000],
    [10, 1, 300_000],
    [1_000_000, 0, 150_000], // 2^999999 is Infinity: still capped
    [1_000_000, 1, 300_000],
  ])("after attempt %d with random() = %d, the wait is %d ms", (attempt, random, delay) => {
    expect(retryDelayMs(attempt, defaults, () => random)).toBe(delay);
  });

  test.each([
    [{ initialMs: 20, maxMs: 200 }, 4, 0, 80],
    [{ initialMs: 20, maxMs: 200 }, 4, 1, 160],
    [{ initialMs: 20, maxMs: 200 }, 5, 0.5, 150],
    [{ initialMs: 100, maxMs: 100 }, 1, 0, 50],
    [{ initialMs: 100, maxMs: 100 }, 7, 1, 100],
    [{ initialMs: 1, maxMs: 1 }, 1, 0, 1], // 0.5 rounds up: never a zero wait
  ])("with backoff %j after attempt %d and random() = %d, the wait is %d ms", (backoff, attempt, random, delay) => {
    expect(retryDelayMs(attempt, backoff, () => random)).toBe(delay);
  });

  test("its random source is Math.random by default", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    expect(retryDelayMs(2, defaults)).toBe(1_500);
    expect(Math.random).toHaveBeenCalledTimes(1);
  });
});

describe("inboxId: lc- and the event_unique_id, percent-encoded; never throws, and no two IDs meet", () => {
  const idOf = (unique: string) => inboxId({ event_type: "visitor_queued", token: "t", license_id: "1", event_unique_id: unique } as LiveChatWebhookEvent);
  /** The inverse of the encoding: %uXXXX is one UTF-16 code unit, the rest is decodeURIComponent's. */
  const decode = (id: string) =>
    id
      .slice("lc-".length)
      .split(/(%u[0-9A-F]{4})/)
      .map((part) => (part.startsWith("%u") ? String.fromCharCode(Number.parseInt(part.slice(2), 16)) : decodeURIComponent(part)))
      .join("");

  test.each([
    ["abc", "lc-abc"],
    ["a:b", "lc-a%3Ab"],
    ["\ud800", "lc-%uD800"], // encodeURIComponent throws URIError on this
    ["\udfff\ud800", "lc-%uDFFF%uD800"], // a low then a high surrogate is no pair
    ["\ud83d\ude00", "lc-%F0%9F%98%80"], // a pair is one character
    ["x\ud83d\ud83d\ude00", "lc-x%uD83D%F0%9F%98%80"],
    ["%uD800", "lc-%25uD800"],
    ["", "lc-"],
  ])("%j → %s", (unique, id) => {
    expect(idOf(unique)).toBe(id);
  });

  test("an event without event_unique_id gets own- and a UUID", () => {
    const { event_unique_id: _, ...event } = { event_type: "visitor_queued", token: "t", license_id: "1", event_unique_id: "x" };
    expect(inboxId(event as LiveChatWebhookEvent)).toMatch(/^own-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test("any string, lone surrogates included, encodes to printable ASCII without ':' that decodes back to it", () => {
    // Units that meet at the edges: surrogate halves, and the characters of the %uXXXX form.
    const unit = fc.oneof(fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff", "%", "u", "D", "8", "0", ":"), fc.string({ unit: "binary", minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (unique) => {
        const id = idOf(unique);
        expect(id).toMatch(/^lc-[\x21-\x39\x3b-\x7e]*$/);
        expect(decode(id)).toBe(unique);
      }),
      { numRuns: 2_000 },
    );
  });
});
