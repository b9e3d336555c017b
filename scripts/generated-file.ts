// Writes a generated file, or with `--check` fails when the committed one differs from what the
// spec gives now (`npm run generate:check`, run by CI).
import { readFileSync, writeFileSync } from "node:fs";

/** Writes `content` to `path`, or (with --check on the command line) exits 1 if the file differs. */
export function writeOrCheck(path: string, content: string, what: string): void {
  if (process.argv.includes("--check")) {
    let committed: string | undefined;
    try {
      committed = readFileSync(path, "utf8");
    } catch {
      committed = undefined;
    }
    if (committed !== content) {
      console.error(`✘ ${path} is not up-to-date with spec/openapi.yaml: run npm run generate.`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(path, content);
  console.log(`🚀 ${what} → ${path}`);
}
