// The Redis inbox (livechat-rest-v2/webhooks/redis) on a real redis-server started for this file:
// the shared contract, and what only this store promises (a prompt 503 while Redis is away,
// nothing acknowledged lost when it comes back).
import { afterAll, beforeAll, expect, test } from "vitest";
import { createRedisInbox } from "../../src/webhooks/redis.js";
import { LiveChatInputError } from "../../src/webhooks/index.js";
import { startRedis, type RedisServer } from "../helpers/redis-server.js";
import { inboxContract } from "./inbox-contract.js";

let redis: RedisServer;
let prefixes = 0;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.stop());

inboxContract({
  kind: "redis",
  fresh: () => ({ location: redis.url, prefix: `contract-${process.pid}-${prefixes++}` }),
  open: ({ location, prefix }, options = {}) => createRedisInbox({ connection: location, prefix: prefix!, onError: () => {}, ...options }),
});

test.each([
  [undefined, 'createRedisInbox needs an options object with connection: "redis://127.0.0.1:6379".'],
  [{}, 'connection must be a redis:// URL or options such as { host: "127.0.0.1", port: 6379 }.'],
  [{ connection: "http://127.0.0.1:6379" }, 'connection must be a redis:// or rediss:// URL, or options such as { host: "127.0.0.1", port: 6379 }.'],
  [{ connection: { keyPrefix: "x" } }, "connection.keyPrefix is not supported: use the prefix option."],
  [{ connection: "redis://127.0.0.1:1", prefix: "" }, 'prefix must be a non-empty string: the prefix of every key, such as "livechat".'],
  [{ connection: "redis://127.0.0.1:1", putTimeoutMs: Number.POSITIVE_INFINITY }, "putTimeoutMs must be a positive whole number of milliseconds (at most 2147483647), such as 5000."],
  [{ connection: "redis://127.0.0.1:1", leaseMs: 0 }, "leaseMs must be a positive whole number of milliseconds (at most 2147483647), such as 30000."],
  [{ connection: "redis://127.0.0.1:1", queue: "x" }, 'createRedisInbox has no option "queue"; its options are connection, prefix, dedupeWindowMs, leaseMs, putTimeoutMs, onError.'],
])("createRedisInbox(%j) throws LiveChatInputError before connecting", (options, message) => {
  expect(() => createRedisInbox(options as never)).toThrow(new LiveChatInputError(message));
});
