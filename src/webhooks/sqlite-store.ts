// The SQL of the SQLite inbox: one table, one row per event, and every write in an IMMEDIATE
// transaction (it takes the write lock at once, so two processes never claim the same event and
// a writer finds the lock taken at its start instead of failing later on a stale read snapshot;
// the callers wait for the lock, sqlite-lock.ts). Every method is synchronous, one attempt.
import type BetterSqlite3 from "better-sqlite3";
import { errorText, inboxId, isOwnId, retryDelayMs, type FailedWebhookEvent, type InboxPutResult, type WorkSettings } from "./inbox.js";
import type { LiveChatWebhookEvent } from "./parse.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS livechat_webhook_inbox (
  id TEXT PRIMARY KEY,
  event TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('ready', 'running', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  due_at INTEGER NOT NULL,  -- ready: when it may run; running: when the lease expires (ms since the epoch)
  received_at INTEGER NOT NULL,
  finished_at INTEGER,      -- done or failed
  last_error TEXT,
  lease_owner TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS livechat_webhook_inbox_due ON livechat_webhook_inbox (state, due_at);
`;

/** An event moved to the failed events by a claim: its last run was cut short past maxAttempts. */
interface Failure {
  id: string;
  attempts: number;
  lastError: string;
}

/** A claimed event. */
export interface Row {
  id: string;
  event: LiveChatWebhookEvent;
  /** Runs so far, this one included. */
  attempts: number;
}

interface StoredRow {
  id: string;
  event: string;
  state: string;
  attempts: number;
  last_error: string | null;
  finished_at: number | null;
}

/** One put's outcome in a group commit: its result, or the error that concerns it alone. */
export type PutOutcome = { result: InboxPutResult } | { error: unknown };

type PreparedPut = { id: string; json: string } | { error: unknown };

/** What an event's rows need, computed before the transaction: a failure here is this event's alone. */
function prepare(event: LiveChatWebhookEvent): PreparedPut {
  try {
    const json: unknown = JSON.stringify(event);
    if (typeof json !== "string") throw new TypeError("The event is not a JSON object");
    return { id: inboxId(event), json };
  } catch (error) {
    return { error };
  }
}

const EXPIRED_LEASE = "The run did not finish before its lease expired (did the worker stop?)";
/** Done events beyond the window are deleted at most this often, a batch at a time. */
const PRUNE_EVERY_MS = 60_000;

export function createSqliteStore(db: BetterSqlite3.Database, settings: { dedupeWindowMs: number; leaseMs: number; busyTimeoutMs: number }) {
  db.exec(SCHEMA);
  const { dedupeWindowMs, leaseMs, busyTimeoutMs } = settings;
  const sql = {
    expire: db.prepare("DELETE FROM livechat_webhook_inbox WHERE id = ? AND state = 'done' AND finished_at <= ?"),
    insert: db.prepare("INSERT INTO livechat_webhook_inbox (id, event, state, due_at, received_at) VALUES (?, ?, 'ready', ?, ?) ON CONFLICT (id) DO NOTHING"),
    // Not one this process is running (a JSON array of IDs): its lease may have run out while the
    // event loop was blocked, yet its handler is still going here. Any other expired lease is an
    // orphan, whoever's it was: a dead process's, or one this process gave up on when it closed.
    expired: db.prepare("SELECT id, event, attempts FROM livechat_webhook_inbox WHERE state = 'running' AND due_at <= ? AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY due_at LIMIT ?"),
    ready: db.prepare("SELECT id, event, attempts FROM livechat_webhook_inbox WHERE state = 'ready' AND due_at <= ? ORDER BY due_at LIMIT ?"),
    take: db.prepare("UPDATE livechat_webhook_inbox SET state = 'running', attempts = attempts + 1, due_at = ?, lease_owner = ? WHERE id = ?"),
    giveUp: db.prepare("UPDATE livechat_webhook_inbox SET state = 'failed', finished_at = ?, last_error = ?, lease_owner = NULL WHERE id = ?"),
    renew: db.prepare("UPDATE livechat_webhook_inbox SET due_at = ? WHERE state = 'running' AND lease_owner = ? AND id IN (SELECT value FROM json_each(?))"),
    done: db.prepare("UPDATE livechat_webhook_inbox SET state = 'done', finished_at = ?, lease_owner = NULL WHERE id = ? AND state = 'running' AND lease_owner = ?"),
    forget: db.prepare("DELETE FROM livechat_webhook_inbox WHERE id = ? AND state = 'running' AND lease_owner = ?"),
    again: db.prepare("UPDATE livechat_webhook_inbox SET state = 'ready', due_at = ?, last_error = ?, lease_owner = NULL WHERE id = ? AND state = 'running' AND lease_owner = ?"),
    fail: db.prepare("UPDATE livechat_webhook_inbox SET state = 'failed', finished_at = ?, last_error = ?, lease_owner = NULL WHERE id = ? AND state = 'running' AND lease_owner = ?"),
    failed: db.prepare("SELECT id, event, attempts, last_error, finished_at FROM livechat_webhook_inbox WHERE state = 'failed' ORDER BY finished_at, id"),
    retry: db.prepare("UPDATE livechat_webhook_inbox SET state = 'ready', attempts = 0, due_at = ?, finished_at = NULL WHERE id = ? AND state = 'failed'"),
    prune: db.prepare("DELETE FROM livechat_webhook_inbox WHERE rowid IN (SELECT rowid FROM livechat_webhook_inbox WHERE state = 'done' AND finished_at <= ? LIMIT 1000)"),
  };
  let prunedAt = 0;

  /** One event's rows, under a savepoint of its own inside the group's transaction: true when it was a duplicate. */
  const putOne = db.transaction((id: string, json: string, now: number): boolean => {
    if (!isOwnId(id)) sql.expire.run(id, now - dedupeWindowMs); // a done event past the window may be stored again
    return sql.insert.run(id, json, now, now).changes === 0;
  });

  const putMany = db.transaction((rows: PreparedPut[]): PutOutcome[] => {
    const now = Date.now();
    return rows.map((row) => {
      if ("error" in row) return row;
      try {
        return { result: { id: row.id, duplicate: putOne(row.id, row.json, now) } };
      } catch (error) {
        // SQLite rolled back the whole transaction (a full disk, an I/O error): every put fails.
        if (!db.inTransaction) throw error;
        return { error }; // only this event's savepoint was rolled back
      }
    });
  });

  const claim = db.transaction((limit: number, owner: string, maxAttempts: number, runningHere: readonly string[]): { rows: Row[]; gaveUp: Failure[] } => {
    const now = Date.now();
    const rows: Row[] = [];
    const gaveUp: Failure[] = [];
    // Events whose worker died mid-run first: their lease expired.
    for (const row of sql.expired.all(now, JSON.stringify(runningHere), limit) as StoredRow[]) {
      if (row.attempts >= maxAttempts) {
        sql.giveUp.run(now, EXPIRED_LEASE, row.id);
        gaveUp.push({ id: row.id, attempts: row.attempts, lastError: EXPIRED_LEASE });
      } else rows.push({ id: row.id, event: JSON.parse(row.event), attempts: row.attempts + 1 });
    }
    if (rows.length < limit) {
      for (const row of sql.ready.all(now, limit - rows.length) as StoredRow[]) rows.push({ id: row.id, event: JSON.parse(row.event), attempts: row.attempts + 1 });
    }
    for (const row of rows) sql.take.run(now + leaseMs, owner, row.id);
    return { rows, gaveUp };
  });

  return {
    leaseMs,
    /** How long a caller waits for the write lock (sqlite-lock.ts). */
    busyTimeoutMs,
    /**
     * Stores the events in one committed transaction, each unless its ID is stored within the
     * window. A failure that concerns one event (its JSON, a row SQLite refuses) is that event's
     * outcome alone; one that ends the transaction throws, for all.
     */
    putMany: (events: LiveChatWebhookEvent[]): PutOutcome[] => putMany.immediate(events.map(prepare)),
    /** Takes up to `limit` due events for `owner`, under a lease; never one of `runningHere`, whose lease may have run out while it runs. `gaveUp`: those it moved to the failed events instead. */
    claim: (limit: number, owner: string, maxAttempts: number, runningHere: readonly string[]) => claim.immediate(limit, owner, maxAttempts, runningHere),
    /** Extends the leases of the events `owner` is running: `ids`, not every row it ever claimed, so one it gave up on can expire. */
    renew(owner: string, ids: readonly string[]): void {
      sql.renew.run(Date.now() + leaseMs, owner, JSON.stringify(ids));
    },
    /** Marks a run done; an event without an `event_unique_id` is deleted (nothing to deduplicate). */
    finish(id: string, owner: string): void {
      if (isOwnId(id)) sql.forget.run(id, owner);
      else sql.done.run(Date.now(), id, owner);
    },
    /** A run threw: due again after a backoff, or failed after its last attempt. */
    fail(row: Row, owner: string, error: unknown, work: WorkSettings): void {
      const now = Date.now();
      if (row.attempts >= work.maxAttempts) sql.fail.run(now, errorText(error), row.id, owner);
      else sql.again.run(now + retryDelayMs(row.attempts, work), errorText(error), row.id, owner);
    },
    failed(): FailedWebhookEvent[] {
      return (sql.failed.all() as StoredRow[]).map((row) => ({
        id: row.id,
        event: JSON.parse(row.event) as LiveChatWebhookEvent,
        attempts: row.attempts,
        lastError: row.last_error ?? "",
        failedAt: new Date(row.finished_at ?? 0),
      }));
    },
    /** Makes a failed event due now, with a fresh count; false when `id` is not a failed event. */
    retry(id: string): boolean {
      return sql.retry.run(Date.now(), id).changes === 1;
    },
    /** Deletes done events past the window, at most once a minute. */
    prune(): void {
      const now = Date.now();
      if (now - prunedAt < PRUNE_EVERY_MS) return;
      prunedAt = now;
      sql.prune.run(now - dedupeWindowMs);
    },
  };
}
