// Remembers event_unique_id values for a window, in bounded memory: LiveChat re-sends an event
// it thinks was not received, and the ID stays the same across those retries.

export interface DedupeOptions {
  /** How long an ID is remembered. Default 6 hours (LiveChat's retry span). */
  windowMs?: number;
  /** The most IDs remembered; the oldest are forgotten first. Default 100 000. */
  maxEntries?: number;
}

export function createDeduper(options: DedupeOptions = {}, now: () => number = Date.now) {
  const windowMs = options.windowMs ?? 6 * 60 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 100_000;
  const seen = new Map<string, number>(); // id → expiry, in insertion (so expiry) order

  return {
    /** True the first time `id` is seen in the window, false for a repeat. */
    first(id: string): boolean {
      const time = now();
      for (const [oldest, expiry] of seen) {
        if (expiry > time && seen.size < maxEntries) break;
        seen.delete(oldest);
      }
      if (seen.has(id)) return false;
      seen.set(id, time + windowMs);
      return true;
    },
    get size(): number {
      return seen.size;
    },
  };
}
