// The package as users get it: `npm pack`, installed into fresh projects with their own
// TypeScript (the project's 5.9, and 7.x, which `npm i typescript` installs today), type-checked
// under nodenext and bundler resolution, and run against both mocks; and into a project with
// neither @types/node nor msw, where the client, the mock and the webhook receiver must
// type-check and run.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ROOT, runTool } from "../helpers/run.js";
import { spawnMock, type MockProcess } from "../helpers/spawn-mock.js";

/**
 * The TypeScript 7 the consumer checks run under: `latest` on npm when this was written. Raise
 * it when a new 7.x comes out (`npm view typescript dist-tags`).
 */
const TYPESCRIPT_7 = "7.0.2";

const work = mkdtempSync(join(tmpdir(), "livechat-consumer-"));
const project = join(work, "project");
const bare = join(work, "bare");
const ts7 = join(work, "ts7");
const TSC = { "5.9": join(project, "node_modules/.bin/tsc"), "7": join(ts7, "node_modules/.bin/tsc") } as const;
let tarball = "";

function run(command: string, args: string[], env: Record<string, string> = {}, cwd = project) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  return { status: result.status, out: result.stdout + result.stderr };
}

const npmInstall = (cwd: string, specs: string[]) =>
  promisify(execFile)("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...specs], { cwd });

beforeAll(async () => {
  execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: ROOT, stdio: "pipe" });
  tarball = join(work, readdirSync(work).find((f) => f.endsWith(".tgz"))!);
  cpSync(join(ROOT, "test/package/consumer"), project, { recursive: true });
  cpSync(join(ROOT, "test/package/bare"), bare, { recursive: true });
  mkdirSync(ts7);
  const devDependencies = JSON.parse(execFileSync("npm", ["pkg", "get", "devDependencies"], { cwd: ROOT, encoding: "utf8" }));
  const pinned = (...names: string[]) => names.map((name) => `${name}@${devDependencies[name]}`);
  await Promise.all([
    npmInstall(project, [tarball, ...pinned("typescript", "msw", "@types/node")]),
    npmInstall(bare, [tarball, ...pinned("typescript")]),
    npmInstall(ts7, [`typescript@${TYPESCRIPT_7}`]),
  ]);
}, 300_000);

/** Every file `npm pack` puts in the tarball, as paths inside it. */
function packedFiles(): string[] {
  const [report] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" })) as { files: { path: string }[] }[];
  return report!.files.map((f) => f.path);
}

/**
 * The paths a Markdown file in the package points at: its relative links, and, in a folder's
 * README, the file paths in its code spans (`upstream/`). The package README and the benchmark
 * report it links to also describe the repository (the pipeline, the examples, the scripts that
 * rerun the benchmarks in a clone) and name its files in code spans; their links, which a
 * reader follows, must resolve.
 */
function references(file: string, text: string): string[] {
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^([a-z]+:|#|\/)/i.test(t)).map((t) => t.split("#")[0]!);
  const folderReadme = /(^|\/)README\.md$/i.test(file) && file !== "README.md";
  const spans = !folderReadme ? [] : [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!).filter((t) => /^[\w.-]+\/|^[\w-]+\.(ts|js|json|ya?ml|md)$/.test(t) && !t.startsWith("livechat-rest-v2/"));
  return [...links, ...spans];
}

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

  test("ships no Markdown file that points at a path the tarball lacks", () => {
    const files = packedFiles();
    const exists = (path: string) => files.some((f) => f === path || f.startsWith(path.endsWith("/") ? path : `${path}/`));
    const missing = files
      .filter((f) => f.endsWith(".md"))
      .flatMap((file) =>
        references(file, readFileSync(join(ROOT, file), "utf8"))
          // Relative to the file, or (as the folder READMEs write paths) to the package root.
          .filter((ref) => !exists(posix.normalize(posix.join(dirname(file), ref))) && !exists(posix.normalize(ref)))
          .map((ref) => `${file} → ${ref}`),
      );
    expect(missing).toEqual([]);
    expect(files.filter((f) => f.endsWith(".md"))).toEqual(expect.arrayContaining(["README.md"]));
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
  test.each([
    ["5.9", "nodenext"],
    ["5.9", "bundler"],
    ["7", "nodenext"],
    ["7", "bundler"],
  ] as const)("type-checks under TypeScript %s, moduleResolution %s, wrong calls included as errors", (version, resolution) => {
    const result = run(TSC[version], ["-p", `tsconfig.${resolution}.json`]);
    expect(result.out).toBe("");
    expect(result.status).toBe(0);
  });

  test.each(["5.9", "7"] as const)("type-checks every Node entry point under TypeScript %s with Node's types and no DOM lib", (version) => {
    const result = run(TSC[version], ["-p", "tsconfig.node-only.json"]);
    expect(result.out).toBe("");
    expect(result.status).toBe(0);
  });

  test("TypeScript 7 is the version asked for", () => {
    expect(run(TSC["7"], ["--version"]).out.trim()).toBe(`Version ${TYPESCRIPT_7}`);
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

describe("a project with neither @types/node nor msw", () => {
  test("has neither installed", () => {
    expect(existsSync(join(bare, "node_modules/livechat-rest-v2/package.json"))).toBe(true);
    expect(existsSync(join(bare, "node_modules/@types/node"))).toBe(false);
    expect(existsSync(join(bare, "node_modules/msw"))).toBe(false);
  });

  test.each(["5.9", "7"] as const)("type-checks a file importing the client and the mock under TypeScript %s", (version) => {
    const result = run(TSC[version], ["-p", "tsconfig.json", "--noEmit"], {}, bare);
    expect(result.out).toBe("");
    expect(result.status).toBe(0);
  });

  test.each(["5.9", "7"] as const)("type-checks a file importing livechat-rest-v2/webhooks, toNodeListener included, under TypeScript %s", (version) => {
    const result = run(TSC[version], ["-p", "tsconfig.webhooks.json", "--noEmit"], {}, bare);
    expect(result.out).toBe("");
    expect(result.status).toBe(0);
  });

  test("runs the webhook receiver on a Request", () => {
    expect(run(TSC["5.9"], ["-p", "tsconfig.webhooks.json"], {}, bare).status).toBe(0);
    const result = run("node", ["out/webhooks.js"], {}, bare);
    expect(result.out).toBe("ok webhook visitor_queued 200 e1\n");
    expect(result.status).toBe(0);
  });

  test("runs the mock as the client's fetch without msw", () => {
    expect(run(TSC["5.9"], ["-p", "tsconfig.json"], {}, bare).status).toBe(0);
    const result = run("node", ["out/bare.js"], {}, bare);
    expect(result.out).toBe('ok tags.list ["sales"]\nok dropped true\n');
    expect(result.status).toBe(0);
  });
});
