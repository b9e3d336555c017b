// The webhook stores' dependencies stay where they belong, judged on the packed tarball in a
// fresh project that has none of them installed: the client's bundle and
// livechat-rest-v2/webhooks carry none of better-sqlite3, bullmq and ioredis (esbuild's own
// account of what it bundled), the stores' types need none of their types, and each store
// subpath names the package it lacks when it is imported without it.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";
import { ROOT } from "../helpers/run.js";

const STORE_PACKAGES = ["better-sqlite3", "bullmq", "ioredis"];
const work = mkdtempSync(join(tmpdir(), "livechat-webhooks-deps-"));
const project = join(work, "project");

beforeAll(() => {
  // Packed from a copy compiled here, not from the repository's dist/: test/package/package.test.ts
  // runs `npm pack` at the same time, whose prepack empties and rebuilds dist/.
  const copy = join(work, "source");
  for (const item of ["package.json", "README.md", "LICENSE", "src", "spec/openapi.yaml", "tsconfig.json", "tsconfig.build.json"]) cpSync(join(ROOT, item), join(copy, item), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
  execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", "tsconfig.build.json"], { cwd: copy, stdio: "pipe" });
  execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", work], { cwd: copy, stdio: "pipe" });
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith(".tgz"))!);
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), '{"name":"webhooks-deps-consumer","private":true,"type":"module"}');
  const devDependencies = JSON.parse(execFileSync("npm", ["pkg", "get", "devDependencies"], { cwd: ROOT, encoding: "utf8" }));
  const pinned = ["typescript", "@types/node"].map((name) => `${name}@${devDependencies[name]}`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball, ...pinned], { cwd: project, stdio: "pipe" });
  // The fresh project really lacks them (npm does not install optional peers).
  expect(readdirSync(join(project, "node_modules")).filter((name) => STORE_PACKAGES.includes(name))).toEqual([]);
}, 240_000);

/**
 * Bundles `code` for Node as a consumer would: every package bundled, except that an import of a
 * store package is recorded and left external (they are not installed here). Returns what
 * esbuild read and the store packages the code reached.
 */
async function bundle(code: string): Promise<{ inputs: string[]; storeImports: string[] }> {
  const storeImports: string[] = [];
  const result = await build({
    stdin: { contents: code, resolveDir: project, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [{
      name: "record-store-packages",
      setup(b) {
        b.onResolve({ filter: /^(better-sqlite3|bullmq|ioredis)(\/|$)/ }, (args) => {
          storeImports.push(args.path);
          return { path: args.path, external: true };
        });
      },
    }],
  });
  return { inputs: Object.keys(result.metafile.inputs), storeImports };
}

describe("bundles", () => {
  test.each([
    ["the client", 'import { createLiveChatClient } from "livechat-rest-v2"; console.log(createLiveChatClient);'],
    ["livechat-rest-v2/webhooks", 'import { createWebhookHandler, parseWebhook, toNodeListener } from "livechat-rest-v2/webhooks"; console.log(createWebhookHandler, parseWebhook, toNodeListener);'],
  ])("%s bundles without any store package, none of them read", async (_, code) => {
    const { inputs, storeImports } = await bundle(code);
    expect(inputs.some((input) => input.includes("livechat-rest-v2/dist/"))).toBe(true); // it did bundle our code
    expect(storeImports).toEqual([]);
    expect(inputs.filter((input) => STORE_PACKAGES.some((name) => input.includes(`node_modules/${name}/`)))).toEqual([]);
  });

  test.each([
    ["livechat-rest-v2/webhooks/sqlite", "createSqliteInbox", ["better-sqlite3"]],
    ["livechat-rest-v2/webhooks/redis", "createRedisInbox", ["bullmq", "ioredis"]],
  ])("%s imports its store package (so the check above can see one)", async (subpath, name, expected) => {
    expect((await bundle(`import { ${name} } from "${subpath}"; console.log(${name});`)).storeImports).toEqual(expected);
  });
});

describe("in the fresh project without the store packages", () => {
  test("the stores' types check with skipLibCheck off, without @types/better-sqlite3 or bullmq's types", () => {
    writeFileSync(join(project, "stores.ts"), `import { createWebhookHandler, type WebhookInbox } from "livechat-rest-v2/webhooks";
import type { SqliteInbox, SqliteInboxOptions } from "livechat-rest-v2/webhooks/sqlite";
import type { RedisInboxOptions } from "livechat-rest-v2/webhooks/redis";
export function receiver(inbox: WebhookInbox | SqliteInbox) {
  return createWebhookHandler({ inbox });
}
export const sqlite: SqliteInboxOptions = { path: "./webhooks.db", synchronous: "FULL" };
export const redis: RedisInboxOptions = { connection: "redis://127.0.0.1:6379", prefix: "livechat" };
`);
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", lib: ["ES2022", "DOM"], module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: false, types: ["node"], noEmit: true }, files: ["stores.ts"] }));
    const result = spawnSync(join(project, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], { cwd: project, encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  test("livechat-rest-v2/webhooks runs; each store subpath names the package it needs", () => {
    const run = (code: string) => spawnSync("node", ["--input-type=module", "-e", code], { cwd: project, encoding: "utf8" });
    const webhooks = run('const m = await import("livechat-rest-v2/webhooks"); console.log(typeof m.createWebhookHandler);');
    expect([webhooks.stdout.trim(), webhooks.status]).toEqual(["function", 0]);
    for (const [subpath, needs] of [["sqlite", "better-sqlite3"], ["redis", "bullmq"]]) {
      const store = run(`await import("livechat-rest-v2/webhooks/${subpath}");`);
      expect(store.status).toBe(1);
      expect(store.stderr).toContain(`Cannot find package '${needs}'`);
    }
  });
});
