// The Redis inbox's runs in this process, for close(): it waits for the running handlers, then
// for BullMQ to write their outcomes to Redis (its `completed` or `failed` event), and only then
// closes the worker with `force`, which drops the connections at once (see redis.ts).
import { withDeadline } from "./deadline.js";

interface Unrecorded {
  recorded: Promise<void>;
  resolve: () => void;
  endedAt: number;
}

/** Tracks the handlers running in this process and the outcomes BullMQ has yet to write. */
export function trackRuns(leaseMs: number) {
  const handlers = new Set<Promise<unknown>>();
  const unrecorded = new Map<string, Unrecorded>();
  return {
    /** Runs one event's handler, tracked until it settles and then until its outcome is recorded. */
    async run(id: string, handler: () => unknown): Promise<void> {
      const running = (async () => handler())();
      handlers.add(running);
      try {
        await running;
      } finally {
        handlers.delete(running);
        let resolve!: () => void;
        const recorded = new Promise<void>((r) => (resolve = r));
        unrecorded.set(id, { recorded, resolve, endedAt: Date.now() });
      }
    },
    /** BullMQ wrote the outcome of this job's run. */
    recorded(id: string | undefined) {
      if (id === undefined) return;
      unrecorded.get(id)?.resolve();
      unrecorded.delete(id);
    },
    /** Resolves once no handler runs here, however long that takes. */
    async handled(): Promise<void> {
      while (handlers.size > 0) await Promise.allSettled([...handlers]);
    },
    /**
     * Resolves once every outcome is recorded, or after `ms`. An outcome unrecorded for longer
     * than a lease is not waited for: its lock is gone, and the event runs again anyway.
     */
    async allRecorded(ms: number): Promise<void> {
      const since = Date.now() - leaseMs;
      for (const [id, run] of unrecorded) if (run.endedAt < since) unrecorded.delete(id);
      await withDeadline(Promise.all([...unrecorded.values()].map((run) => run.recorded)), ms);
    },
  };
}
