// Option checks shared by the factories of livechat-rest-v2/webhooks, its store subpaths and
// livechat-rest-v2/undici: a bad option throws LiveChatInputError (the client's class for bad
// input) saying what to pass, when the factory is called, not when it is first used.
import { LiveChatInputError } from "./errors.js";
import { shownKey, unknownKey } from "./keys.js";

/** setTimeout's ceiling: a longer delay fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** Throws unless `options` is an object whose keys are all in `known`. */
export function checkOptionsObject(options: unknown, factory: string, known: readonly string[], needs: string): Record<string, unknown> {
  if (!options || typeof options !== "object" || Array.isArray(options)) {
    throw new LiveChatInputError(`${factory} needs an options object with ${needs}.`);
  }
  const key = unknownKey(options, known);
  if (key !== undefined) throw new LiveChatInputError(`${factory} has no option ${shownKey(key)}; its options are ${known.join(", ")}.`);
  return options as Record<string, unknown>;
}

/** A positive whole number of milliseconds that a timer can wait, or the default when undefined. */
export function checkMs(value: unknown, where: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new LiveChatInputError(`${where} must be a positive whole number of milliseconds (at most ${MAX_TIMER_MS}), such as ${fallback}.`);
  }
  return value;
}

/** A whole number from `min` to `max`, or the default when undefined. */
export function checkWhole(value: unknown, where: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw new LiveChatInputError(`${where} must be a whole number ${range}, such as ${fallback}.`);
  }
  return value;
}

/** A function, or undefined when optional and absent. */
export function checkFunction<F>(value: unknown, where: string, example: string, optional = true): F | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== "function") throw new LiveChatInputError(`${where} must be a function, such as ${example}.`);
  return value as F;
}

/** A non-empty string. */
export function checkText(value: unknown, where: string, what: string): string {
  if (typeof value !== "string" || value === "") throw new LiveChatInputError(`${where} must be a non-empty string: ${what}.`);
  return value;
}
