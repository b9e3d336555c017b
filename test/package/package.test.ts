// The package as users get it: `npm pack`, installed into a fresh project with its own
// TypeScript, type-checked under nodenext and bundler resolution, and run against both mocks.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ROOT, runTool } from "../helpers/run.js";
import { spawnMock, type MockProcess } from "../helpers/spawn-mock.js";

const work = mkdtempSync(join(tmpdir(), "livechat-consumer-"));
const project = join(work, "project");
let tarball = "";

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { cwd: project, encoding: "utf8", env: { ...process.env, ...env } });
  return { status: result.status, out: result.stdout + result.stderr };
}

beforeAll(() => {
  execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: ROOT, stdio: "pipe" });
  tarball = join(work, readdirSync(work).find((f) => f.endsWith(".tgz"))!);
  cpSync(join(ROOT, "test/package/consumer"), project, { recursive: true });
  const devDependencies = JSON.parse(execFileSync("npm", ["pkg", "get", "devDependencies"], { cwd: ROOT, encoding: "utf8" }));
  const pinned = ["typescript", "msw", "@types/node"].map((name) => `${name}@${devDependencies[name]}`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball, ...pinned], { cwd: project, stdio: "pipe" });
}, 240_000);

describe("packaging", () => {
  test("publint finds no problem", () => {
    const result = runTool("publint", [tarball]);
    expect(result.stdout + result.stderr).toContain("All good!");
    expect(result.status).toBe(0);
  });

  test("are-the-types-wrong finds no problem for an ESM-only package", () => {
    const result = runTool("attw", [tarball, "--profile", "esm-only", "--format", "json"]);
    const { problems } = (JSON.parse(result.stdout) as { analysis: { problems: { kind: string; resolutionKind: string }[] } }).analysis;
    expect(problems.length).toBeGreaterThan(0); // the ESM-only notes are there, so the list is what attw saw
    // esm-only ignores node10 and require-from-CJS resolution; everything else must be clean.
    expect(problems.filter((p) => !["node10", "node16-cjs"].includes(p.resolutionKind))).toEqual([]);
    expect(result.status).toBe(0);
  });

  test("ships the build, the sources for its source maps, the spec and no tests", () => {
    const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean);
    for (const file of ["package/dist/index.js", "package/dist/index.d.ts", "package/dist/index.js.map", "package/dist/mock/index.js", "package/dist/webhooks/index.d.ts", "package/src/index.ts", "package/spec/openapi.yaml", "package/LICENSE"]) {
      expect(files).toContain(file);
    }
    expect(files.filter((f) => /test|\.tgz$|node_modules/.test(f))).toEqual([]);
  });
});

describe("a consumer project", () => {
  test.each(["nodenext", "bundler"])("type-checks under moduleResolution %s, wrong calls included as errors", (resolution) => {
    const result = run(join(project, "node_modules/.bin/tsc"), ["-p", `tsconfig.${resolution}.json`]);
    expect(result.out).toBe("");
    expect(result.status).toBe(0);
  });

  const steps = ["tags.create", "tags.list", "tags.list(group)", "chats.updateTags", "tickets.updateTags", "tags.delete", "webhooks.create", "webhooks.list", "webhooks.delete", "raw.GET", "LiveChatApiError", "parseWebhook"];
  const expectAllSteps = (out: string) => {
    for (const step of steps) expect(out).toMatch(new RegExp(`^ok ${step.replace(/[().]/g, "\\$&")} `, "m"));
    expect(out).toContain('ok LiveChatApiError 404');
  };

  describe("runs every method", () => {
    let mock: MockProcess;
    beforeAll(async () => {
      run(join(project, "node_modules/.bin/tsc"), ["-p", "tsconfig.nodenext.json"]);
      mock = await spawnMock();
    }, 60_000);
    afterAll(() => mock?.stop());

    test.each(["basic", "bearer"])("against the msw mock with %s auth", (auth) => {
      const result = run("node", ["out/consumer.js"], { LIVECHAT_AUTH: auth });
      expectAllSteps(result.out);
      expect(result.status).toBe(0);
    });

    test.each(["basic", "bearer"])("against npm run mock with %s auth", (auth) => {
      const result = run("node", ["out/consumer.js"], { LIVECHAT_AUTH: auth, LIVECHAT_BASE_URL: mock.baseUrl });
      expectAllSteps(result.out);
      expect(result.status).toBe(0);
    });
  });

  test("require() from CommonJS works on Node 20.19+", () => {
    const result = run("node", ["require.cjs"]);
    expect(result.out.trim().split("\n").at(-1)).toBe("function function function");
    expect(result.status).toBe(0);
  });
});
