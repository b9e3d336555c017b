// The bin as users get it: the package packed into a tarball, installed into a fresh project,
// run with npx. The tarball is packed from a staging copy of the package's files with its own
// tsc build (as `npm run compile` builds), because package.test.ts packs the repository at the
// same time and its prepack recompiles dist/ in place.
import { execFile, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_CREDENTIALS } from "../../src/mock/demo.js";
import { ROOT } from "../helpers/run.js";
import { spawnListening, type MockProcess } from "../helpers/spawn-mock.js";

const work = mkdtempSync(join(tmpdir(), "livechat-cli-package-"));
const staging = join(work, "staging");
const project = join(work, "project");
let mock: MockProcess;

beforeAll(async () => {
  mkdirSync(staging);
  for (const item of ["package.json", "README.md", "LICENSE", "schema", "spec/openapi.yaml", "docs/benchmarks.md", "src"]) cpSync(join(ROOT, item), join(staging, item), { recursive: true });
  await promisify(execFile)(join(ROOT, "node_modules/.bin/tsc"), ["-p", "tsconfig.build.json", "--outDir", join(staging, "dist")], { cwd: ROOT });
  execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", work], { cwd: staging, stdio: "pipe" });
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith(".tgz"))!);
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "cli-consumer", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], { cwd: project, stdio: "pipe" });
  // The mock as a user of the package runs it: the installed bin's own command, no clone needed.
  const served = await spawnListening("npx", ["--no-install", "livechat-rest-v2", "mock", "--port", "0"], {}, project);
  mock = { ...served, baseUrl: served.urls[0]! };
}, 240_000);
afterAll(() => mock?.stop());

function npx(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("LIVECHAT_")));
    execFile("npx", ["--no-install", "livechat-rest-v2", ...args], { cwd: project, env: { ...clean, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }),
    );
  });
}

test("npx livechat-rest-v2 --help works from the installed tarball", async () => {
  const result = await npx(["--help"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^Usage: livechat-rest-v2 <command> \[options\]\n/);
  expect(result.stdout).toContain("  plan ");
});

test("export, from the installed bin's own mock, writes a file that points editors at the installed schema, and plans to no change", async () => {
  const env = { LIVECHAT_LOGIN: DEMO_CREDENTIALS.login, LIVECHAT_API_KEY: DEMO_CREDENTIALS.apiKey, LIVECHAT_BASE_URL: mock.baseUrl };
  const exported = await npx(["export", "-o", "livechat.yaml"], env);
  expect(exported.code).toBe(0);
  const text = readFileSync(join(project, "livechat.yaml"), "utf8");
  const reference = "./node_modules/livechat-rest-v2/schema/livechat.schema.json";
  expect(text.split("\n")[0]).toBe(`# yaml-language-server: $schema=${reference}`);
  expect(JSON.parse(readFileSync(join(project, reference), "utf8")).title).toBe("livechat-rest-v2 config");
  expect(await npx(["plan", "-f", "livechat.yaml"], env)).toEqual({ code: 0, stdout: "0 to create, 0 to delete, 2 unchanged, 0 unmanaged\n", stderr: "" });
});

test("the installed package depends on yaml for the bin, which the client never imports", () => {
  const installed = JSON.parse(readFileSync(join(project, "node_modules/livechat-rest-v2/package.json"), "utf8"));
  expect(installed.bin).toEqual({ "livechat-rest-v2": "./dist/cli/index.js" });
  expect(Object.keys(installed.dependencies).sort()).toEqual(["openapi-fetch", "yaml"]);
  expect(existsSync(join(project, "node_modules/yaml/package.json"))).toBe(true);
  expect(readFileSync(join(project, "node_modules/livechat-rest-v2/dist/cli/index.js"), "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
});
