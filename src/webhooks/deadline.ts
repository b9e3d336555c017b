// Races a promise against a timer: the receiver must answer LiveChat within about 10 s whatever
// onEvent or a store does, and a store must give up on a write before the receiver does.

/** What {@link withDeadline} resolves with when the timer wins. */
export const TIMED_OUT: unique symbol = Symbol("timed out");

/** Resolves with `promise`'s value, or TIMED_OUT after `ms`; rejects as `promise` does. The timer is cleared either way. */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
