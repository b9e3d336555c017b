// Remembers the event_unique_id values whose onEvent succeeded, for a window, in bounded memory:
// LiveChat re-sends an event it thinks was not received, and the ID stays the same across those
// retries. One process only: receivers behind a load balancer need an inbox (the Redis one).

/** Options of the in-memory dedupe of `createWebhookHandler` without an inbox. */
export interface DedupeOptions {
  /** How long an ID is remembered after its `onEvent` succeeded. Default 24 hours (LiveChat retries for 6). */
  windowMs?: number;
  /** The most IDs remembered; the oldest are forgotten first. Default 100 000. */
  maxEntries?: number;
}

/** The dedupe window of every store unless told otherwise: LiveChat retries for 6 hours. */
export const DEFAULT_DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;

export function createDeduper(options: DedupeOptions = {}, now: () => number = Date.now) {
  const windowMs = options.windowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
  const maxEntries = options.maxEntries ?? 100_000;
  const seen = new Map<string, number>(); // id → expiry, in insertion (so expiry) order

  function forgetOld(time: number): void {
    for (const [oldest, expiry] of seen) {
      if (expiry > time && seen.size <= maxEntries) break;
      seen.delete(oldest);
    }
  }

  return {
    /** True when `id` was remembered within the window. */
    has(id: string): boolean {
      const time = now();
      forgetOld(time);
      return seen.has(id);
    },
    /** Remembers `id` for the window (called once its event was handled). */
    remember(id: string): void {
      seen.delete(id);
      seen.set(id, now() + windowMs);
      forgetOld(now());
    },
    get size(): number {
      return seen.size;
    },
  };
}
