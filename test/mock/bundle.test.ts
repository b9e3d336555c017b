// livechat-rest-v2/mock is what a browser bundle and a project without msw can load: its module
// graph holds no msw and no Node built-in. msw comes with livechat-rest-v2/mock/msw only, and
// node:http with livechat-rest-v2/mock/node only.
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { expect, test } from "vitest";
import { ROOT } from "../helpers/run.js";

/** The files a bundle of `entry` takes in, and the packages it imports (kept external). */
async function inputs(entry: string, platform: "browser" | "node"): Promise<string[]> {
  const result = await build({ entryPoints: [join(ROOT, entry)], bundle: true, write: false, format: "esm", platform, metafile: true, logLevel: "silent", packages: "external" });
  const metafile: Metafile = result.metafile;
  const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path));
  return [...Object.keys(metafile.inputs), ...new Set(imports)].sort();
}

test("livechat-rest-v2/mock bundles for a browser from the package's own sources alone", async () => {
  const files = await inputs("src/mock/index.ts", "browser");
  expect(files.filter((f) => !f.startsWith("src/"))).toEqual([]);
  expect(files).toContain("src/mock/index.ts");
});

test("livechat-rest-v2/mock/msw adds msw and nothing else", async () => {
  const files = await inputs("src/mock/msw.ts", "browser");
  expect(files.filter((f) => !f.startsWith("src/"))).toEqual(["msw"]);
});

test("livechat-rest-v2/mock/node is where Node's modules come in", async () => {
  const files = await inputs("src/mock/node.ts", "node");
  expect(files.filter((f) => !f.startsWith("src/"))).toEqual(["node:http", "node:stream/web"]);
});
