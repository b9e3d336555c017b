// "Did you mean": the closest of some choices to what was typed (an option, a command, a key of
// the config file, an event type), when one is close enough to be what was meant.

/** Edit distance, for "did you mean": small strings only. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The choice closest to `given` (case aside), or undefined when none is close. */
export function closest(given: unknown, choices: readonly string[]): string | undefined {
  if (typeof given !== "string") return undefined;
  const [best] = choices.map((c) => [c, distance(given.toLowerCase(), c.toLowerCase())] as const).sort((x, y) => x[1] - y[1]);
  return best && best[1] <= Math.max(2, Math.floor(given.length / 3)) ? best[0] : undefined;
}

/** "write X instead" with the closest of `choices` when one is close, else "write one of …". */
export function suggest(given: unknown, choices: readonly string[]): string {
  const best = closest(given, choices);
  return best === undefined ? `write one of ${choices.join(", ")} instead` : `write ${best} instead`;
}
