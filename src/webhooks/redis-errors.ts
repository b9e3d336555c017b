// The Redis inbox's errors as a user sees them. ioredis attaches the failed command to a reply
// error, and the handshake's command carries the password ({ name: "hello", args: ["3", "AUTH",
// "default", "<password>"] }); a URL's userinfo holds it too. So no ioredis or BullMQ error leaves
// the inbox as it is: each is copied first (name, message and code: wrappers/secrets.ts's
// safeCause, which the client's errors use too) with the connection's credentials scrubbed from
// the message, whether it is reported to onError, logged, or made the cause of a put's rejection.
// An error that says Redis refused the credentials is an outage, like a lost connection: reported
// once, with a message that says what to fix.
import { safeCause, SecretSet } from "../wrappers/secrets.js";

/** The connection's credentials, to scrub from every message: its password, and a URL's userinfo. */
export function connectionSecrets({ url, options }: { url?: string; options: Record<string, unknown> }): SecretSet {
  const secrets = new SecretSet();
  for (const key of ["password", "sentinelPassword"]) {
    const value = options[key];
    if (typeof value === "string" && value !== "") secrets.add(value);
  }
  const userinfo = url === undefined ? undefined : /^rediss?:\/\/([^@/?#]*)@/i.exec(url)?.[1];
  if (userinfo) {
    secrets.add(userinfo);
    const password = userinfo.slice(userinfo.indexOf(":") + 1);
    if (password !== "") secrets.add(password, decoded(password));
  }
  return secrets;
}

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** What Redis refused, and what to do about it. */
interface AuthProblem {
  what: string;
  fix: string;
}

/**
 * The problem a reply error names when Redis refused the connection's credentials (WRONGPASS;
 * `ERR invalid password` before Redis 6), asked for some (NOAUTH), or refused the user a command
 * (NOPERM); undefined for any other error.
 */
export function authProblem(error: unknown): AuthProblem | undefined {
  const message = error instanceof Error ? error.message : "";
  if (/^WRONGPASS|^ERR invalid password/.test(message)) return { what: "Redis refused the password", fix: "check the connection option" };
  if (/^NOAUTH/.test(message)) return { what: "Redis requires a password", fix: "give it in the connection option" };
  if (/^NOPERM/.test(message)) return { what: "Redis refused a command to the connection's user", fix: "check the user's ACL permissions" };
  return undefined;
}

/** Errors of the connection itself (refused, reset, timed out, closed), as ioredis and BullMQ raise them. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, syscall } = error as NodeJS.ErrnoException;
  return (
    typeof syscall === "string" || // a socket or DNS error from Node: connect ECONNREFUSED, read ECONNRESET, getaddrinfo ENOTFOUND
    code === "ETIMEDOUT" || // ioredis's connectTimeout
    error.message === "Connection is closed." ||
    error.message === "Stream isn't writeable and enableOfflineQueue options is false" || // a write while the socket is gone
    error.name === "MaxRetriesPerRequestError"
  );
}

/** An error that lasts until Redis, or its configuration, changes: reported once per outage. */
export const isOutageError = (error: unknown) => isConnectionError(error) || authProblem(error) !== undefined;

/**
 * The copy of a Redis error that the inbox reports or makes a cause: name, message and code, the
 * credentials scrubbed; for refused credentials, the message says what to fix first.
 */
export function safeRedisError(error: unknown, secrets: SecretSet): Error {
  const copy = safeCause(error, secrets);
  const problem = authProblem(error);
  if (problem) {
    copy.message = `${problem.what}: ${problem.fix} (${copy.message})`;
    copy.stack = `${copy.name}: ${copy.message}`;
  }
  return copy;
}

/**
 * What a put rejects with while Redis cannot be reached, or refuses the credentials; `cause` is
 * the connection's last error, copied.
 */
export function unreachable(cause: unknown, secrets: SecretSet): Error {
  const problem = authProblem(cause);
  const message = problem ? `${problem.what}: the event was not stored (${problem.fix})` : "Redis is unreachable: the event was not stored";
  return new Error(message, cause === undefined ? undefined : { cause: safeRedisError(cause, secrets) });
}
