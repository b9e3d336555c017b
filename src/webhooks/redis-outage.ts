// A Redis outage reported once, not once per reconnection attempt. ioredis emits an error for
// every failed attempt of every connection (the inbox has three: the one that stores events, the
// worker's, and the worker's blocking one; up to ten attempts a second each at first, then one),
// and BullMQ passes each on: 72 stack traces in 12 s. Within an outage the user's onError gets
// each distinct connection error once (a dropped connection can read ECONNRESET, then refuse
// reconnections: both say something); the default reporter logs one line when Redis is lost and
// one when it is back. Redis refusing the credentials is an outage too. Every error is reported
// as a copy that carries no credential (redis-errors.ts).
import { backgroundReporter } from "./inbox.js";
import { authProblem, isConnectionError, isOutageError, safeRedisError } from "./redis-errors.js";
import type { SecretSet } from "../wrappers/secrets.js";

export interface OutageReporter {
  /** An error nobody awaits: a connection error already reported in this outage is dropped; others are reported. */
  error(error: unknown): void;
  /** The connection that stores events is ready: an outage, if any, is over. */
  connected(): void;
}

/** The reporter for `onError` (checked here): the user's, or one line on the console per outage. */
export function outageReporter(onError: unknown, where: string, secrets: SecretSet): OutageReporter {
  const report = backgroundReporter(onError, where);
  const log = onError === undefined;
  let downSince: number | undefined;
  const reported = new Set<string>();
  return {
    error(error) {
      const copy = safeRedisError(error, secrets);
      if (!isOutageError(error)) return report(copy);
      if (downSince === undefined) {
        downSince = Date.now();
        reported.clear();
      }
      const { message } = copy;
      if (reported.has(message) || (log && reported.size > 0)) return;
      reported.add(message);
      if (!log) return report(copy);
      const [problem, until] = isConnectionError(error) || !authProblem(error) ? [`Redis is unreachable (${message})`, "it is back"] : [message, "that is fixed"];
      console.error(`livechat-rest-v2: ${where}: ${problem}; retrying, and puts fail (the receiver answers 503) until ${until}`);
    },
    connected() {
      if (downSince === undefined) return;
      const seconds = ((Date.now() - downSince) / 1000).toFixed(1);
      downSince = undefined;
      if (log) console.info(`livechat-rest-v2: ${where}: Redis is reachable again after ${seconds} s`);
    },
  };
}
