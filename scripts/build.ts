// The main job (`npm run build`): every pipeline step in order, stopping at the first that fails
// with that step's own output. Prints how long each step took (docs/benchmarks.md reads these).
import { spawnSync } from "node:child_process";

/** The pipeline, in order: each entry is an npm script that does one step. */
export const STEPS = [
  ["lint:spec", "lint the cleaned spec"],
  ["check:upstream", "check the spec still covers spec/upstream/"],
  ["generate", "generate src/generated/ from the spec"],
  ["compile", "type-check and compile src/ to dist/"],
  ["docs", "render the offline API docs"],
] as const;

const timings: Record<string, number> = {};
for (const [script, what] of STEPS) {
  console.log(`\n▶ ${script}: ${what}`);
  const started = performance.now();
  const run = spawnSync("npm", ["run", "--silent", script], { stdio: "inherit" });
  const ms = Math.round(performance.now() - started);
  timings[script] = ms;
  if (run.status !== 0) {
    console.error(`\n✘ build stopped: step "${script}" (${what}) failed with exit code ${run.status ?? run.signal}.`);
    process.exit(run.status ?? 1);
  }
  console.log(`✔ ${script} (${ms} ms)`);
}
console.log(`\nBuild done: ${Object.entries(timings).map(([s, ms]) => `${s} ${ms} ms`).join(", ")}.`);
