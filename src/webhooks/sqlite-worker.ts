// The SQLite inbox's worker: claims due events under a lease, runs them `concurrency` at a time,
// renews the leases while the handlers run, and records each outcome. It polls for events other
// processes stored; events stored by this process wake it at once.
import type { InboxHandler, WorkSettings } from "./inbox.js";
import type { createSqliteStore, Row } from "./sqlite-store.js";

/** Claims due events and runs them, `concurrency` at a time, until stopped. */
export function runWorker(store: ReturnType<typeof createSqliteStore>, handler: InboxHandler, work: WorkSettings, pollMs: number, report: (error: unknown) => void) {
  const owner = crypto.randomUUID();
  const running = new Set<Promise<void>>();
  let stopping = false;
  let pending = false; // a wake-up that came while the loop was not waiting
  let nudge: (() => void) | undefined;
  const wake = () => {
    pending = true;
    nudge?.();
  };
  const heartbeat = setInterval(() => {
    try {
      if (running.size > 0) store.renew(owner);
    } catch (error) {
      report(error);
    }
  }, Math.max(1, Math.floor(store.leaseMs / 3)));

  function run(row: Row): void {
    const task = (async () => {
      try {
        await handler(row.event, { id: row.id, attempt: row.attempts });
        store.finish(row.id, owner);
      } catch (error) {
        store.fail(row, owner, error, work);
      }
    })()
      .catch(report)
      .finally(() => {
        running.delete(task);
        wake();
      });
    running.add(task);
  }

  const loop = (async () => {
    while (!stopping) {
      pending = false;
      try {
        const free = work.concurrency - running.size;
        if (free > 0) for (const row of store.claim(free, owner, work.maxAttempts)) run(row);
        store.prune();
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
      wake();
      await loop;
      await Promise.all(running);
      clearInterval(heartbeat);
    },
  };
}
