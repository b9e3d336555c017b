// How the Redis inbox shows an error (src/webhooks/redis-errors.ts): a copy with no credential of
// the connection in it, and, for refused credentials, a message that says what to fix. The real
// refusals, from a redis-server run with --requirepass, are in redis-inbox.test.ts.
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { authProblem, connectionSecrets, isOutageError, safeRedisError, unreachable } from "../../src/webhooks/redis-errors.js";

/** An error shaped as ioredis's reply errors are: the failed command attached. */
function replyError(message: string, args: string[]): Error {
  const error = new Error(message);
  error.name = "ReplyError";
  Object.assign(error, { command: { name: "hello", args } });
  return error;
}
const views = (error: unknown) => [String(error), JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })];

describe("connectionSecrets: the password, and a URL's userinfo", () => {
  test.each([
    ["a URL's password", { url: "redis://:Secret-pw1@127.0.0.1:6379", options: {} }, ["Secret-pw1", ":Secret-pw1"]],
    ["a URL's user and password, percent-encoded", { url: "rediss://inbox:p%40ss-word@redis.internal:6380/2", options: {} }, ["p@ss-word", "p%40ss-word", "inbox:p%40ss-word"]],
    ["the password option", { options: { host: "127.0.0.1", password: "Opt-pass9" } }, ["Opt-pass9"]],
    ["the sentinelPassword option", { options: { sentinelPassword: "Sentinel-7" } }, ["Sentinel-7"]],
  ])("%s is scrubbed from a message", (_, connection, secrets) => {
    const scrub = connectionSecrets(connection);
    for (const secret of secrets) expect(scrub.scrub(`before ${secret} after`)).toBe("before [REDACTED] after");
  });

  test("a URL without userinfo has nothing to scrub", () => {
    expect(connectionSecrets({ url: "redis://127.0.0.1:6379", options: {} }).scrub("redis://127.0.0.1:6379")).toBe("redis://127.0.0.1:6379");
  });
});

describe("safeRedisError: name, message and code only, the credentials scrubbed", () => {
  const secrets = connectionSecrets({ url: "redis://:Secret-pw1@127.0.0.1:6379", options: {} });

  test("drops the command that ioredis attached, and with it the password", () => {
    const original = replyError("WRONGPASS invalid username-password pair or user is disabled.", ["3", "AUTH", "default", "Secret-pw1"]);
    expect(views(original).some((view) => view.includes("Secret-pw1"))).toBe(true); // what the inbox used to pass on
    const copy = safeRedisError(original, secrets);
    expect(String(copy)).toBe("ReplyError: Redis refused the password: check the connection option (WRONGPASS invalid username-password pair or user is disabled.)");
    for (const view of views(copy)) expect(view).not.toContain("Secret-pw1");
    expect(JSON.stringify(copy)).toBe('{"name":"ReplyError"}');
  });

  test("scrubs a credential from the message and keeps the code", () => {
    const original = Object.assign(new Error("connect to redis://:Secret-pw1@127.0.0.1:6379 failed"), { code: "ECONNREFUSED", syscall: "connect" });
    const copy = safeRedisError(original, secrets);
    expect([String(copy), (copy as Error & { code?: string }).code]).toEqual(["Error: connect to redis://[REDACTED]@127.0.0.1:6379 failed", "ECONNREFUSED"]);
  });

  test("a put's rejection for refused credentials says so, with the copy as its cause", () => {
    const error = unreachable(replyError("NOAUTH Authentication required.", ["GET", "x"]), secrets);
    expect(String(error)).toBe("Error: Redis requires a password: the event was not stored (give it in the connection option)");
    expect(String(error.cause)).toBe("ReplyError: Redis requires a password: give it in the connection option (NOAUTH Authentication required.)");
    expect(String(unreachable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { syscall: "connect" }), secrets))).toBe("Error: Redis is unreachable: the event was not stored");
  });
});

test.each([
  ["WRONGPASS invalid username-password pair or user is disabled.", "Redis refused the password"],
  ["ERR invalid password", "Redis refused the password"],
  ["NOAUTH Authentication required.", "Redis requires a password"],
  ["NOPERM User inbox has no permissions to run the 'evalsha' command", "Redis refused a command to the connection's user"],
  ["ERR unknown command 'x'", undefined],
])("%j is an auth problem (%s), so an outage, or neither", (message, what) => {
  expect(authProblem(new Error(message))?.what).toBe(what);
  expect(isOutageError(new Error(message))).toBe(what !== undefined);
});
