// The bin as `npm run compile` builds it (tsc, tsconfig.build.json), compiled into a private
// folder: `npm pack` in test/package/ recompiles dist/ (rm -rf first) while other test files run,
// so the end-to-end tests must not run dist/ itself. The folder sits under node_modules/ so the
// bin resolves `yaml` as an installed package does.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./run.js";

export interface BuiltCli {
  /** The compiled dist/cli/index.js. */
  bin: string;
  remove(): void;
}

export async function buildCli(): Promise<BuiltCli> {
  const out = join(ROOT, "node_modules/.cache/livechat-cli-test", String(process.pid));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await promisify(execFile)(join(ROOT, "node_modules/.bin/tsc"), ["-p", "tsconfig.build.json", "--outDir", join(out, "dist"), "--declaration", "false", "--declarationMap", "false", "--sourceMap", "false"], { cwd: ROOT });
  cpSync(join(ROOT, "schema"), join(out, "schema"), { recursive: true });
  writeFileSync(join(out, "package.json"), JSON.stringify({ name: "livechat-rest-v2", type: "module" }));
  return { bin: join(out, "dist/cli/index.js"), remove: () => rmSync(out, { recursive: true, force: true }) };
}
