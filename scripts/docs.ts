// Pipeline step: render the spec into one HTML file that works with no network
// (`redocly build-docs --inlineBundle`), then replace the one remote image Redoc still loads
// at run time (its "API docs by Redocly" logo, from a CDN) with an inline one.
// Usage: tsx scripts/docs.ts [--output docs/api/index.html]
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg/g;
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#888">Redocly</text></svg>',
)}`;

const at = process.argv.indexOf("--output");
const output = at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : "docs/api/index.html";
const redocly = join(import.meta.dirname, "../node_modules/.bin/redocly");
const run = spawnSync(redocly, ["build-docs", "livechat", "--inlineBundle", "--output", output], {
  stdio: "inherit",
  env: { ...process.env, REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", REDOCLY_TELEMETRY: "off" },
});
if (run.status !== 0) process.exit(run.status ?? 1);

const html = readFileSync(output, "utf8");
const offline = html.replace(LOGO, INLINE_LOGO);
if (offline === html) throw new Error("Redoc's CDN logo was not found: check what the new version loads (test/docs/browser.test.ts)");
writeFileSync(output, offline);
console.log(`Offline docs: ${output}`);
