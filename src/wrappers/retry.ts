// When to try again, and how long to wait first. Only GET, PUT and DELETE are retried: v2 has
// no idempotency keys, so a repeated POST could create a second webhook or tag.

/** Methods safe to send twice. */
export const RETRY_METHODS: ReadonlySet<string> = new Set(["GET", "PUT", "DELETE"]);
/** Statuses worth another try: the server or a proxy said "not now". */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

export const BASE_DELAY_MS = 500;
export const MAX_DELAY_MS = 8_000;
/** A longer `Retry-After` is not waited out: the error is returned instead. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), or undefined if absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^[A-Za-z]{3}, /.test(text)) return undefined; // an HTTP date: "Thu, 26 Nov 2026 12:00:05 GMT"
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with jitter: half of min(8 s, 0.5 s × 2^attempt), plus up to the other half at random. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * How long to wait before retry number `attempt + 1` after a `status` answer (undefined: a
 * connection failure or timeout), or undefined when it must not be retried.
 */
export function retryDelayMs(method: string, attempt: number, maxRetries: number, status?: number, retryAfter: string | null = null): number | undefined {
  if (attempt >= maxRetries || !RETRY_METHODS.has(method)) return undefined;
  if (status !== undefined && !RETRY_STATUSES.has(status)) return undefined;
  const asked = parseRetryAfter(retryAfter);
  if (asked === undefined) return backoffMs(attempt);
  return asked <= MAX_RETRY_AFTER_MS ? asked : undefined;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
