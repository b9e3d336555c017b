// Waiting for SQLite's write lock without blocking the event loop. better-sqlite3 is synchronous:
// with a busy_timeout, a write that finds the lock taken by another connection (another process
// on the file) sleeps inside SQLite until the lock is free or the timeout passes, and the whole
// process waits with it: every other request, the receiver's ackTimeoutMs timer, the worker. So
// the inbox's connections run with busy_timeout 0 once opened, and a write that finds the lock
// taken is tried again from a timer until busyTimeoutMs has passed.

/** The first wait before trying a locked write again (another process's commit takes a millisecond or so); it doubles up to MAX_WAIT_MS. */
const FIRST_WAIT_MS = 1;
const MAX_WAIT_MS = 20;

/** The wait after `waitMs` (0: the first). */
export const nextWaitMs = (waitMs: number) => Math.min(Math.max(FIRST_WAIT_MS, waitMs * 2), MAX_WAIT_MS);

/** True for SQLITE_BUSY and its extended codes: another connection holds the lock. */
export function isLocked(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/** What a write rejects with when the lock stayed taken for `busyTimeoutMs`; `cause` is SQLite's error. */
export function lockTimeout(busyTimeoutMs: number, cause: unknown): Error {
  return new Error(`SQLite's write lock was not free within busyTimeoutMs (${busyTimeoutMs} ms): another connection holds it`, { cause });
}

/**
 * Runs `write` (one IMMEDIATE transaction) at once; while another connection holds the lock, tries
 * again from a timer, the event loop free meanwhile, and rejects with {@link lockTimeout} once
 * `busyTimeoutMs` has passed. Any other error rejects at once.
 */
export async function whenUnlocked<T>(write: () => T, busyTimeoutMs: number): Promise<T> {
  const deadline = performance.now() + busyTimeoutMs;
  for (let waitMs = 0; ; ) {
    try {
      return write();
    } catch (error) {
      if (!isLocked(error)) throw error;
      const left = deadline - performance.now();
      if (left <= 0) throw lockTimeout(busyTimeoutMs, error);
      waitMs = nextWaitMs(waitMs);
      await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, Math.ceil(left))));
    }
  }
}
