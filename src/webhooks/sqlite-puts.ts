// The SQLite inbox's puts: a group commit (the puts that arrive while none is being written go in
// one transaction, one fsync for all) whose wait for the write lock leaves the event loop free
// (sqlite-lock.ts). While another connection holds the lock, the batch waits on a timer and takes
// in the puts that arrive meanwhile; each put rejects once it has waited busyTimeoutMs. A failure
// that concerns one event (its JSON, a row SQLite refuses) rejects that put alone, never the
// others of its commit (sqlite-store.ts: a savepoint per event).
import type { InboxPutResult } from "./inbox.js";
import type { LiveChatWebhookEvent } from "./parse.js";
import { isLocked, lockTimeout, nextWaitMs } from "./sqlite-lock.js";
import type { PutOutcome } from "./sqlite-store.js";

interface WaitingPut {
  event: LiveChatWebhookEvent;
  /** performance.now() past which it gives up. */
  deadline: number;
  resolve(result: InboxPutResult): void;
  reject(error: unknown): void;
}

/**
 * Puts through `putMany` (one IMMEDIATE transaction, with an outcome per event: a failure that
 * concerns one event rejects that put alone); `stored()` is called after a commit that stored
 * something new.
 */
export function createPutQueue(putMany: (events: LiveChatWebhookEvent[]) => PutOutcome[], busyTimeoutMs: number, stored: () => void) {
  let waiting: WaitingPut[] = [];
  let scheduled = false;
  let waitMs = 0;
  const unsettled = new Set<Promise<InboxPutResult>>();

  function schedule(ms: number): void {
    scheduled = true;
    if (ms === 0) setImmediate(commit);
    else setTimeout(commit, ms);
  }

  function commit(): void {
    scheduled = false;
    const items = waiting;
    waiting = [];
    let outcomes: PutOutcome[];
    try {
      outcomes = putMany(items.map((item) => item.event));
    } catch (error) {
      if (!isLocked(error)) {
        for (const item of items) item.reject(error);
        return;
      }
      const now = performance.now();
      for (const item of items) {
        if (now < item.deadline) waiting.push(item);
        else item.reject(lockTimeout(busyTimeoutMs, error));
      }
      waitMs = nextWaitMs(waitMs);
      // The oldest put comes first: wake for its deadline at the latest.
      if (waiting.length > 0) schedule(Math.min(waitMs, Math.ceil(waiting[0]!.deadline - now)));
      return;
    }
    waitMs = 0;
    let storedNew = false;
    items.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if ("error" in outcome) return item.reject(outcome.error);
      storedNew ||= !outcome.result.duplicate;
      item.resolve(outcome.result);
    });
    if (storedNew) stored();
  }

  return {
    /** Resolves once the event is committed; rejects when SQLite fails, or the lock stayed taken for busyTimeoutMs. */
    put(event: LiveChatWebhookEvent): Promise<InboxPutResult> {
      const promise = new Promise<InboxPutResult>((resolve, reject) => {
        waiting.push({ event, deadline: performance.now() + busyTimeoutMs, resolve, reject });
        if (!scheduled) schedule(0);
      });
      const settled = () => void unsettled.delete(promise);
      promise.then(settled, settled);
      unsettled.add(promise);
      return promise;
    },
    /** Resolves once every put so far is committed or rejected. */
    async drain(): Promise<void> {
      await Promise.allSettled([...unsettled]);
    },
  };
}
