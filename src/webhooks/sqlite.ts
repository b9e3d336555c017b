// livechat-rest-v2/webhooks/sqlite: the embedded inbox, one SQLite file on one machine (several
// processes may share it). Each put is a committed transaction in WAL mode with synchronous=FULL
// before the receiver answers 200, so an acknowledged event survives a crash and a power cut.
// Workers claim events under a lease kept alive while the handler runs; a worker that dies
// leaves its lease to expire, and the event runs again. A write that finds another process
// holding the lock waits on a timer, not inside SQLite, so the event loop stays free
// (sqlite-lock.ts). better-sqlite3 is an optional peer dependency, imported only here; its types
// stay out of this module's public types.
import Database from "better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { DEFAULT_DEDUPE_WINDOW_MS } from "./dedupe.js";
import { backgroundReporter, checkWork, type FailedWebhookEvent, type InboxHandler, type InboxWorkOptions, type WebhookInbox } from "./inbox.js";
import { checkMs, checkOptionsObject, checkText } from "../wrappers/option-checks.js";
import { whenUnlocked } from "./sqlite-lock.js";
import { createPutQueue } from "./sqlite-puts.js";
import { createSqliteStore } from "./sqlite-store.js";
import { runWorker } from "./sqlite-worker.js";
import { LiveChatInputError } from "../wrappers/errors.js";

/** Options of {@link createSqliteInbox}. */
export interface SqliteInboxOptions {
  /** The database file; created if missing. Processes on one machine may share it (not over a network file system). */
  path: string;
  /** A repeat of an `event_unique_id` within this long after its handler finished is not stored again. Default 24 h. */
  dedupeWindowMs?: number;
  /** How long a claimed event stays with its worker unless renewed (renewed while the handler runs); a dead worker's events run again after it. Default 30 000. */
  leaseMs?: number;
  /** The longest a write waits for another process's write lock, the event loop free meanwhile: the put's deadline (it then rejects, and the receiver answers 503). Default 5 000. */
  busyTimeoutMs?: number;
  /** How often an idle worker looks for events stored by other processes or due again. Default 250. */
  pollMs?: number;
  /** `FULL` (default): durable across a power cut. `NORMAL`: durable across a crash of the process only, faster. */
  synchronous?: "FULL" | "NORMAL" | "EXTRA";
  /** Called with errors nobody awaits (a worker's failing write). Default: `console.error`. */
  onError?: (error: unknown) => void;
}

/** The SQLite inbox: a {@link WebhookInbox}, and what SQLite reports for its connection. */
export interface SqliteInbox extends WebhookInbox {
  /** Read back from SQLite after opening: `journalMode` is `wal`, `synchronous` what was asked (`FULL` by default). */
  readonly sqlite: { readonly journalMode: string; readonly synchronous: string };
}

const FACTORY = "createSqliteInbox";
const SYNCHRONOUS = ["OFF", "NORMAL", "FULL", "EXTRA"]; // PRAGMA synchronous's numbers, in order
const KNOWN = ["path", "dedupeWindowMs", "leaseMs", "busyTimeoutMs", "pollMs", "synchronous", "onError"] as const;

/** Opens the file in WAL mode with the given synchronous setting; opening may wait for the lock up to busyTimeoutMs, synchronously, once. */
function open(path: string, synchronous: string, busyTimeoutMs: number): BetterSqlite3.Database {
  const db = new Database(path, { timeout: busyTimeoutMs });
  // Two processes opening a new file at once: the switch to WAL can answer SQLITE_BUSY at once,
  // without SQLite's busy handler (it would deadlock), so it is retried here, within busyTimeoutMs.
  untilNotBusy(() => db.pragma("journal_mode = WAL"), busyTimeoutMs);
  db.pragma(`synchronous = ${synchronous}`);
  return db;
}

/** The store on `db`, its table made; from then on a write that finds the lock taken fails at once, and waits on a timer (sqlite-lock.ts). */
function storeOn(db: BetterSqlite3.Database, settings: Parameters<typeof createSqliteStore>[1]) {
  const store = untilNotBusy(() => createSqliteStore(db, settings), settings.busyTimeoutMs);
  db.pragma("busy_timeout = 0");
  return store;
}

/**
 * `step()`, tried again after SQLITE_BUSY until `ms` have passed. Only for opening (a factory
 * that returns at once cannot wait on a timer): it blocks for at most a few short sleeps.
 */
function untilNotBusy<T>(step: () => T, ms: number): T {
  const deadline = Date.now() + ms;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      return step();
    } catch (error) {
      if ((error as { code?: unknown }).code !== "SQLITE_BUSY" || Date.now() + wait > deadline) throw error;
      Atomics.wait(pause, 0, 0, wait);
    }
  }
}

/** An inbox in a SQLite file: see {@link WebhookInbox}. */
export function createSqliteInbox(options: SqliteInboxOptions): SqliteInbox {
  const given = checkOptionsObject(options, FACTORY, KNOWN, 'path: "./webhooks.db"');
  const path = checkText(given.path, "path", 'the database file, such as "./webhooks.db"');
  const synchronous = given.synchronous ?? "FULL";
  if (!["FULL", "NORMAL", "EXTRA"].includes(synchronous as string)) throw new LiveChatInputError('synchronous must be "FULL" (the default), "NORMAL" or "EXTRA".');
  const settings = {
    dedupeWindowMs: checkMs(given.dedupeWindowMs, "dedupeWindowMs", DEFAULT_DEDUPE_WINDOW_MS),
    leaseMs: checkMs(given.leaseMs, "leaseMs", 30_000),
    busyTimeoutMs: checkMs(given.busyTimeoutMs, "busyTimeoutMs", 5_000),
  };
  const pollMs = checkMs(given.pollMs, "pollMs", 250);
  const report = backgroundReporter(given.onError, "the SQLite inbox's worker failed");

  const db = open(path, synchronous as string, settings.busyTimeoutMs);
  const sqlite = {
    journalMode: String(db.pragma("journal_mode", { simple: true })),
    synchronous: SYNCHRONOUS[Number(db.pragma("synchronous", { simple: true }))] ?? "unknown",
  };
  if (sqlite.journalMode !== "wal") {
    db.close();
    throw new Error(`SQLite could not put ${path} in WAL mode (it reports ${sqlite.journalMode}): use a file on a local disk.`);
  }
  const store = storeOn(db, settings);
  const locked = <T>(write: () => T) => whenUnlocked(write, settings.busyTimeoutMs);
  // The worker writes on a connection of its own with synchronous=NORMAL: a power cut may forget
  // that an event ran (so it runs again), never that it was received; and its commits do not
  // wait for the disk.
  let workDb: BetterSqlite3.Database | undefined;

  let worker: { stop(): Promise<void> } | undefined;
  let wake = () => {};
  let closed = false;
  const puts = createPutQueue((events) => store.putMany(events), settings.busyTimeoutMs, () => wake());

  return {
    sqlite,
    put(event) {
      if (closed) return Promise.reject(new Error("The inbox is closed"));
      return puts.put(event);
    },
    work(handler: InboxHandler, options?: InboxWorkOptions) {
      const work = checkWork(handler, options);
      if (worker) throw new LiveChatInputError("inbox.work was called already: one worker per inbox (raise its concurrency instead).");
      if (closed) throw new LiveChatInputError("inbox.work after close: create a new inbox.");
      workDb = open(path, "NORMAL", settings.busyTimeoutMs);
      const loop = runWorker(storeOn(workDb, settings), handler, work, pollMs, report);
      worker = loop;
      wake = loop.wake;
    },
    async failed(): Promise<FailedWebhookEvent[]> {
      return locked(() => store.failed());
    },
    async retry(id: string) {
      if (!(await locked(() => store.retry(id)))) throw new LiveChatInputError(`retry: ${JSON.stringify(id)} is not a failed event (take the id from inbox.failed()).`);
      wake();
    },
    async close() {
      if (closed) return;
      closed = true;
      await puts.drain();
      await worker?.stop();
      workDb?.close();
      db.close();
    },
  };
}
