// `npm run demo` runs the quickstart against the embedded mock and prints each step.
import { spawnSync } from "node:child_process";
import { expect, test } from "vitest";
import { ROOT } from "../helpers/run.js";

test("npm run demo prints every step against the embedded mock", () => {
  const env = { ...process.env };
  for (const name of ["LIVECHAT_LOGIN", "LIVECHAT_API_KEY", "LIVECHAT_ACCESS_TOKEN", "LIVECHAT_CHAT_ID"]) delete env[name];
  const run = spawnSync("npm", ["run", "--silent", "demo"], { cwd: ROOT, encoding: "utf8", env });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const lines = run.stdout.trim().split("\n");
  expect(lines[0]).toMatch(/^Against the embedded mock at http:\/\/127\.0\.0\.1:\d+$/);
  expect(lines.slice(1).map((l) => l.replace(/[0-9a-f]{32}/g, "<id>"))).toEqual([
    '✔ created tag "livechat-rest-v2 demo" in group 0',
    "✔ listed 1 tag(s) in group 0: livechat-rest-v2 demo",
    '✔ tagged chat MH0NQTLD8B with "livechat-rest-v2 demo"',
    "✔ registered webhook <id> for chat_ended → https://example.com/livechat-webhook",
    "✔ listed 1 webhook(s)",
    "✔ deleted webhook <id>",
    '✔ deleted tag "livechat-rest-v2 demo"',
  ]);
});
