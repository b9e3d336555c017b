// The SQLite inbox's worker: claims due events under a lease, runs them `concurrency` at a time,
// renews the leases while the handlers run, and records each outcome. It polls for events other
// processes stored; events stored by this process wake it at once. Each write waits for the lock
// on a timer (sqlite-lock.ts), never blocking the event loop.
import { errorText, failedForGood, type InboxHandler, type WorkSettings } from "./inbox.js";
import { sleep } from "../wrappers/retry.js";
import { whenUnlocked } from "./sqlite-lock.js";
import type { createSqliteStore, Row } from "./sqlite-store.js";

/** The first wait before writing an outcome again; it doubles up to RECORD_RETRY_MAX_MS. */
const RECORD_RETRY_MS = 50;
const RECORD_RETRY_MAX_MS = 2_000;

/** Claims due events and runs them, `concurrency` at a time, until stopped. */
export function runWorker(store: ReturnType<typeof createSqliteStore>, handler: InboxHandler, work: WorkSettings, pollMs: number, report: (error: unknown) => void) {
  const owner = crypto.randomUUID();
  const locked = <T>(write: () => T) => whenUnlocked(write, store.busyTimeoutMs);
  // The events running in this process (ID → its run), from their claim until their outcome is
  // written: only their leases are renewed, and only they are left out when claiming expired leases.
  const running = new Map<string, Promise<void>>();
  const stopped = new AbortController();
  let stopping = false;
  let pending = false; // a wake-up that came while the loop was not waiting
  let nudge: (() => void) | undefined;
  const wake = () => {
    pending = true;
    nudge?.();
  };
  let renewal: Promise<void> | undefined; // one at a time: a renewal may wait for the lock
  const heartbeat = setInterval(() => {
    if (running.size === 0 || renewal) return;
    renewal = locked(() => store.renew(owner, [...running.keys()]))
      .catch(report)
      .finally(() => (renewal = undefined));
  }, Math.max(1, Math.floor(store.leaseMs / 3)));

  /** Waits `ms`, or less when the worker stops. */
  const pause = (ms: number) => sleep(ms, stopped.signal).catch(() => undefined);

  /**
   * Writes a run's outcome, again and again after a growing wait while the write fails (the
   * lock taken for longer than busyTimeoutMs, a full disk): an outcome never written would leave the event
   * running for good, its lease renewed by this process. Gives up only once the worker stops;
   * the lease, no longer renewed, then expires, and the event runs again.
   */
  async function record(write: () => void): Promise<void> {
    for (let waitMs = RECORD_RETRY_MS; ; waitMs = Math.min(waitMs * 2, RECORD_RETRY_MAX_MS)) {
      try {
        await locked(write);
        return;
      } catch (error) {
        report(error);
      }
      if (stopping) return;
      await pause(waitMs);
    }
  }

  function run(row: Row): void {
    const task = (async () => {
      let outcome: () => void;
      let failed: Error | undefined;
      try {
        await handler(row.event, { id: row.id, attempt: row.attempts });
        outcome = () => store.finish(row.id, owner);
      } catch (error) {
        outcome = () => store.fail(row, owner, error, work);
        if (row.attempts >= work.maxAttempts) failed = failedForGood(row.id, row.attempts, errorText(error));
      }
      await record(outcome);
      if (failed) report(failed);
    })().finally(() => {
      running.delete(row.id);
      wake();
    });
    running.set(row.id, task);
  }

  const loop = (async () => {
    while (!stopping) {
      pending = false;
      try {
        const free = work.concurrency - running.size;
        if (free > 0) {
          const { rows, gaveUp } = await locked(() => store.claim(free, owner, work.maxAttempts, [...running.keys()]));
          for (const failure of gaveUp) report(failedForGood(failure.id, failure.attempts, failure.lastError));
          for (const row of rows) run(row);
        }
        await locked(() => store.prune());
      } catch (error) {
        report(error);
      }
      if (pending || stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, pollMs);
        function done() {
          clearTimeout(timer);
          nudge = undefined;
          resolve();
        }
        nudge = done;
      });
    }
  })();

  return {
    wake,
    async stop() {
      stopping = true;
      stopped.abort();
      wake();
      await loop;
      await Promise.all(running.values());
      clearInterval(heartbeat);
      await renewal;
    },
  };
}
