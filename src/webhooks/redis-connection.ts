// The Redis inbox's connections: the `connection` option checked, and the connection that stores
// events (an ioredis client of the inbox's own, so the inbox decides when to give up on it). What
// counts as a connection error, and how errors are shown, is redis-errors.ts's. The worker's
// connections are BullMQ's; see redis.ts. This
// module's declarations name ioredis's types: nothing public may import from it (the stores'
// types must check without bullmq's and ioredis's, test/package/webhooks-deps.test.ts).
import { Redis, type RedisOptions } from "ioredis";
import { withDeadline } from "./deadline.js";
import { unreachable } from "./redis-errors.js";
import { LiveChatInputError } from "../wrappers/errors.js";
import type { SecretSet } from "../wrappers/secrets.js";

/** The `connection` option, checked: a URL, or options for ioredis. */
export interface CheckedConnection {
  url?: string;
  options: Record<string, unknown>;
}

/** Reconnects quickly once Redis is back (BullMQ's default waits up to 20 s between tries). */
const retryStrategy = (times: number) => Math.min(100 * times, 1_000);

export function checkConnection(value: unknown): CheckedConnection {
  if (typeof value === "string") {
    if (!/^rediss?:\/\//.test(value)) throw new LiveChatInputError('connection must be a redis:// or rediss:// URL, or options such as { host: "127.0.0.1", port: 6379 }.');
    return { url: value, options: {} };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new LiveChatInputError('connection must be a redis:// URL or options such as { host: "127.0.0.1", port: 6379 }.');
  }
  if ("keyPrefix" in value) throw new LiveChatInputError("connection.keyPrefix is not supported: use the prefix option.");
  return { options: { ...(value as Record<string, unknown>) } };
}

/** The options BullMQ's own connections (the worker's) are made from. */
export const bullmqConnection = ({ url, options }: CheckedConnection) => ({ retryStrategy, ...options, ...(url === undefined ? {} : { url }) });

/**
 * The connection that stores events. ioredis's offline queue is off (a command fails at once
 * while Redis is unreachable, instead of waiting for a reconnect) and a command gets one attempt.
 */
export function openProducer({ url, options }: CheckedConnection): Redis {
  // The user's ioredis options pass through as given (ioredis checks them). Without replyMapping:
  // ioredis declares it both `?: T` and `?: T | undefined`, which exactOptionalPropertyTypes rejects.
  const settings = { retryStrategy, ...options, enableOfflineQueue: false, maxRetriesPerRequest: 1 } as Omit<RedisOptions, "replyMapping">;
  return url === undefined ? new Redis(settings) : new Redis(url, settings);
}

/**
 * The producer's readiness for a put. ioredis fails a command at once while it is not connected
 * (the offline queue is off), but BullMQ holds every command until the connection was ready once,
 * so before the first connection a put would wait for its whole deadline. Instead: connected,
 * go; a connection attempt under way, wait for its outcome; between attempts, or closed, fail.
 */
export function readiness(client: Redis, secrets: SecretSet): { connected(): Promise<void> } {
  let lastError: unknown;
  let attempt: Promise<void> | undefined; // shared by the puts waiting on one attempt
  client.on("error", (error: unknown) => (lastError = error));
  const outcome = () =>
    new Promise<void>((resolve, reject) => {
      const settle = (error?: unknown) => {
        client.off("ready", ready).off("close", closed);
        attempt = undefined;
        if (error === undefined) resolve();
        else reject(error);
      };
      const ready = () => settle();
      const closed = () => settle(unreachable(lastError, secrets));
      client.once("ready", ready).once("close", closed);
    });
  return {
    connected() {
      if (client.status === "ready") return Promise.resolve();
      if (client.status === "connecting" || client.status === "connect") return (attempt ??= outcome());
      return Promise.reject(unreachable(lastError, secrets));
    },
  };
}

/** Closes a client of our own: QUIT if Redis answers within `ms`, then the socket and the reconnect timer go either way. */
export async function letGo(client: Redis, ms: number): Promise<void> {
  await withDeadline(client.quit().catch(() => undefined), ms);
  client.disconnect();
}
