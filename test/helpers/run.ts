import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "node_modules/.bin");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a project tool (from node_modules/.bin) with quiet Redocly, in `cwd`. */
export function runTool(tool: string, args: string[], cwd = ROOT): Run {
  const run = spawnSync(join(BIN, tool), args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", REDOCLY_TELEMETRY: "off", NO_COLOR: "1" },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Renders the offline docs of the pipeline copy in `cwd` (scripts/docs.ts) to `output`. */
export function buildDocs(cwd: string, output: string): Run {
  return runTool("tsx", [join(ROOT, "scripts/docs.ts"), "--output", output], cwd);
}

/** A scratch copy of the files the spec pipeline reads, so a test can break them safely. */
export function scratchPipeline(): string {
  const dir = mkdtempSync(join(tmpdir(), "livechat-pipeline-"));
  for (const item of ["spec", "redocly", "redocly.yaml", "src/generated"]) {
    cpSync(join(ROOT, item), join(dir, item), { recursive: true });
  }
  return dir;
}
