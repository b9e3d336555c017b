// The CLI's dependencies never reach the library: a consumer's bundle of any entry point holds
// no module of the CLI, its generated config validator, `yaml`, or the `mock` command's demo
// account; and the client's bundles hold nothing of the mock the `mock` command serves. esbuild's metafile lists every
// input that went into a bundle (the way bench/ measures bundle sizes).
import { build } from "esbuild";
import { expect, test } from "vitest";
import { ROOT } from "../helpers/run.js";

async function inputs(code: string): Promise<string[]> {
  const result = await build({
    stdin: { contents: code, resolveDir: ROOT, loader: "ts" },
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    external: ["node:*", "msw", "undici"],
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs);
}

const CLI_ONLY = /(^|\/)node_modules\/yaml\/|(^|\/)src\/cli\/|config-validator|(^|\/)src\/mock\/demo\.ts$/;

test.each([
  ["livechat-rest-v2", "import { createLiveChatClient } from './src/index.ts'; console.log(createLiveChatClient);"],
  ["livechat-rest-v2 (everything it exports)", "export * from './src/index.ts';"],
  ["livechat-rest-v2/raw", "export * from './src/raw/index.ts';"],
  ["livechat-rest-v2/mock", "export * from './src/mock/index.ts';"],
  ["livechat-rest-v2/webhooks", "export * from './src/webhooks/index.ts';"],
  ["livechat-rest-v2/undici", "export * from './src/undici/index.ts';"],
])("a bundle of %s holds nothing of the CLI nor yaml", async (_, code) => {
  const files = await inputs(code);
  expect(files.length).toBeGreaterThan(3); // the metafile is the real list
  expect(files.filter((f) => CLI_ONLY.test(f))).toEqual([]);
});

test("the check sees yaml where it is: in a bundle of the CLI's config loader", async () => {
  const files = await inputs("export * from './src/cli/config/load.ts';");
  expect(files.some((f) => /node_modules\/yaml\//.test(f))).toBe(true);
  expect(files.some((f) => f.endsWith("src/generated/config-validator.ts"))).toBe(true);
});

test.each([
  ["livechat-rest-v2", "export * from './src/index.ts';"],
  ["livechat-rest-v2/raw", "export * from './src/raw/index.ts';"],
  ["livechat-rest-v2/undici", "export * from './src/undici/index.ts';"],
])("a bundle of %s holds nothing of the mock that `livechat-rest-v2 mock` serves", async (_, code) => {
  expect((await inputs(code)).filter((f) => /(^|\/)src\/mock\//.test(f))).toEqual([]);
});

test("the check sees the mock where it is: in a bundle of the CLI, through the mock command", async () => {
  const files = await inputs("export * from './src/cli/main.ts';");
  for (const file of ["src/mock/demo.ts", "src/mock/serve.ts", "src/mock/index.ts", "src/cli/commands/mock.ts"]) expect(files).toContain(file);
});
