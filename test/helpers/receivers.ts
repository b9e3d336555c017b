// Receiver processes for the crash and many-instances tests (test/webhooks/fixtures/receiver.ts),
// and the small tools those tests share: a seeded PRNG, a bounded pool.
import { spawn, type ChildProcess } from "node:child_process";
import { ROOT } from "./run.js";

/** mulberry32: a small seeded PRNG, so a run can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts the receiver fixture and resolves once it listens. */
export async function startReceiver(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn("node", ["--import", "tsx", "test/webhooks/fixtures/receiver.ts"], { cwd: ROOT, env: { ...process.env, QUIET: "1", ...env }, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("listening on") || out.includes("working")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the receiver exited with ${code} before listening: ${out}`)));
  });
  child.removeAllListeners("exit");
  return child;
}

export const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

/** Runs `task` over `items`, `width` at a time. */
export async function pool<T>(items: T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

