// The inbox's pure helpers (src/webhooks/inbox.ts), shared by both stores: the backoff between
// runs of a failing event. The stores' behaviour is the contract suite's (inbox-contract.ts).
import { afterEach, describe, expect, test, vi } from "vitest";
import { retryDelayMs } from "../../src/webhooks/inbox.js";

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
