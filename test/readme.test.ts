// The README's examples are run, not just shown: each block that mirrors a file must equal it.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { ROOT } from "./helpers/run.js";

const readme = readFileSync(`${ROOT}/README.md`, "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

test.each(["examples/mock.test.ts", "examples/mock-fetch.test.ts", "examples/mock-browser.ts", "examples/receive-webhooks.ts", "examples/receive-webhooks-sqlite.ts", "examples/receive-webhooks-redis.ts", "examples/raw-middleware.ts"])("README shows %s as it is", (file) => {
  const code = readFileSync(`${ROOT}/${file}`, "utf8").split("\n").slice(1).join("\n");
  expect(blocks).toContain(code);
});
