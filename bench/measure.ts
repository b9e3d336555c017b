// Interleaved rounds of tinybench: every round runs every task briefly, so drift in the
// machine's speed hits all tasks alike; the result per task is the median of its round medians.
import { Bench } from "tinybench";

export interface Measured {
  /** Median latency of one iteration, in microseconds. */
  us: number;
  /** Iterations per second (1e6 / us). */
  hz: number;
  /** The median latency of each round, in µs, in round order: for ratios paired within a round. */
  rounds: number[];
}

/**
 * How many times b's time a took: the median over rounds of a/b, each pair measured in the same
 * round, so drift between rounds cancels. For speed (calls per second), swap the arguments.
 */
export function timeRatio(a: number[], b: number[]): number {
  return median(a.map((us, i) => us / b[i]!));
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

export async function interleaved(tasks: Record<string, () => Promise<unknown>>, options: { rounds?: number; timeMs?: number; warmupMs?: number } = {}): Promise<Record<string, Measured>> {
  const { rounds = 5, timeMs = 300, warmupMs = 100 } = options;
  const perRound: Record<string, number[]> = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time: timeMs, warmupTime: warmupMs, warmup: true });
    // Rotate the order each round, so no task always runs first or last.
    const names = Object.keys(tasks);
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) bench.add(name, tasks[name]!);
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result as { latency?: { p50?: number } } | undefined;
      const p50 = result?.latency?.p50;
      if (p50 === undefined) throw new Error(`task ${task.name} failed: ${String((task.result as { error?: unknown })?.error)}`);
      perRound[task.name]!.push(p50 * 1000);
    }
  }
  return Object.fromEntries(Object.entries(perRound).map(([name, xs]) => [name, { us: median(xs), hz: 1e6 / median(xs), rounds: xs }]));
}
