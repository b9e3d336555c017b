// `npm run bench` (after `npm run build`): this client's cost against raw fetch, bare
// openapi-fetch, axios and the official livechatapi client, measured side by side in one run;
// and the webhook receiver with each inbox against the receiver without a store.
// Writes docs/benchmarks.md and docs/benchmarks.json.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { spawnListening, spawnMock } from "../test/helpers/spawn-mock.js";
import { timeRatio } from "./measure.js";
import { measureOverhead } from "./overhead.js";
import { measureWebhooks, RECEIVERS, webhookRatio } from "./webhooks.js";

const ROOT = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "livechat-bench-"));
const log = (text: string) => console.error(`· ${text}`);

// 1. Client overhead, in process.
log("client overhead (in-process transport)");
const overhead = await measureOverhead();

// 2. End to end on loopback, HTTP and HTTPS (a self-signed certificate trusted via NODE_EXTRA_CA_CERTS).
log("end to end against npm run mock (HTTP) and the same mock over HTTPS");
const key = join(work, "key.pem");
const cert = join(work, "cert.pem");
execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert], { stdio: "ignore" });
const http = await spawnMock();
const certEnv = { BENCH_KEY: key, BENCH_CERT: cert };
const httpsMock = await spawnListening("npx", ["tsx", "bench/https-mock.ts"], certEnv);
const staticServer = await spawnListening("npx", ["tsx", "bench/static-server.ts"], certEnv);
const [staticHttp, staticHttps] = staticServer.urls as [string, string];
let measuredEndToEnd: Record<string, Record<string, { callsPerSecond: number; rounds: number[] }>>;
try {
  const targets = { "mock http": http.baseUrl, "mock https": httpsMock.urls[0], "static http": staticHttp, "static https": staticHttps };
  const child = spawnSync("node", ["--import", "tsx", "bench/e2e.ts"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: cert, BENCH_TARGETS: JSON.stringify(targets) },
  });
  if (child.status !== 0) throw new Error(`bench/e2e.ts failed: ${child.stderr}`);
  measuredEndToEnd = JSON.parse(child.stdout.trim().split("\n").at(-1)!);
} finally {
  await Promise.all([http.stop(), httpsMock.stop(), staticServer.stop()]);
}

const endToEnd = Object.fromEntries(
  Object.entries(measuredEndToEnd).map(([name, row]) => [name, Object.fromEntries(Object.entries(row).map(([at, m]) => [at, m.callsPerSecond]))]),
);

// 3. Bytes: a consumer bundle (esbuild, minified, gzip), and what `npm install` brings.
log("bundle sizes and install footprints");
async function bundle(code: string, platform: "neutral" | "node"): Promise<number> {
  const entry = join(ROOT, `.bench-entry-${process.pid}.mjs`);
  writeFileSync(entry, code);
  try {
    const out = await build({ entryPoints: [entry], bundle: true, minify: true, format: "esm", platform, write: false, logLevel: "silent", external: ["node:*"] });
    return gzipSync(out.outputFiles[0]!.contents, { level: 9 }).length;
  } finally {
    execFileSync("rm", ["-f", entry]);
  }
}
const bundles = {
  "livechat-rest-v2 (createLiveChatClient)": await bundle("import { createLiveChatClient } from './dist/index.js'; console.log(createLiveChatClient);", "neutral"),
  "livechat-rest-v2/webhooks (parseWebhook)": await bundle("import { parseWebhook } from './dist/webhooks/index.js'; console.log(parseWebhook);", "neutral"),
  "livechat-rest-v2/raw (createLiveChatRawClient)": await bundle("import { createLiveChatRawClient } from './dist/raw/index.js'; console.log(createLiveChatRawClient);", "neutral"),
  "openapi-fetch alone": await bundle("import createClient from 'openapi-fetch'; console.log(createClient);", "neutral"),
  "axios": await bundle("import axios from 'axios'; console.log(axios);", "node"),
  "livechatapi@0.6.0 (official, with request)": await bundle("import { LiveChatApi } from 'livechatapi'; console.log(LiveChatApi);", "node"),
};
execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: ROOT, stdio: "ignore" });
const tarball = join(work, readdirSync(work).find((f) => f.endsWith(".tgz"))!);
function footprint(spec: string): { packages: number; bytes: number } {
  const dir = join(work, `install-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), '{"name":"bench-install","private":true}');
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", spec], { cwd: dir, stdio: "ignore" });
  const list = execFileSync("npm", ["ls", "--all", "--parseable"], { cwd: dir, encoding: "utf8" }).trim().split("\n").slice(1);
  const bytes = Number(execFileSync("du", ["-sb", join(dir, "node_modules")], { encoding: "utf8" }).split("\t")[0]);
  return { packages: new Set(list).size, bytes };
}
const installs = {
  "livechat-rest-v2": footprint(tarball),
  "openapi-fetch": footprint("openapi-fetch@0.17.0"),
  "axios": footprint("axios@1.21.1"),
  "livechatapi@0.6.0 (official)": footprint("livechatapi@0.6.0"),
};

// 4. Type-check cost of a consumer file calling all eight methods, against an empty file.
log("type-check cost");
const project = join(work, "typecheck");
mkdirSync(project);
writeFileSync(join(project, "package.json"), '{"name":"bench-typecheck","private":true,"type":"module"}');
execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball, "typescript@5.9.3"], { cwd: project, stdio: "ignore" });
writeFileSync(join(project, "empty.ts"), "export {};\n");
writeFileSync(join(project, "calls.ts"), `import { createLiveChatClient } from "livechat-rest-v2";
const c = createLiveChatClient({ auth: { login: "a@b.c", apiKey: "k" } });
export const all = [
  c.webhooks.list(), c.webhooks.create({ event_type: "chat_started", data_types: ["chat"], url: "https://x.y" }), c.webhooks.delete("id"),
  c.tags.list({ group: 1 }), c.tags.create({ tag: "t", group: 1, author: "a" }), c.tags.delete("t", { group: 1 }),
  c.chats.updateTags("c", ["t"]), c.tickets.updateTags("t", ["t"]),
];
`);
function typecheck(file: string): { ms: number; memoryKb: number } {
  const runs = [0, 1, 2].map(() => {
    const out = execFileSync(join(project, "node_modules/.bin/tsc"), ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--lib", "es2022,dom", "--extendedDiagnostics", file], { cwd: project, encoding: "utf8" });
    return { ms: Number(/Total time:\s+([\d.]+)s/.exec(out)![1]) * 1000, memoryKb: Number(/Memory used:\s+(\d+)K/.exec(out)![1]) };
  });
  runs.sort((a, b) => a.ms - b.ms);
  return runs[1]!;
}
const typeCheck = { "empty file": typecheck("empty.ts"), "all eight methods": typecheck("calls.ts") };

// 5. The pipeline: npm run build's steps.
log("npm run build");
const built = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
const pipeline = Object.fromEntries([...(/Build done: (.*)\./.exec(built.stdout)?.[1] ?? "").matchAll(/([\w:]+) (\d+) ms/g)].map((m) => [m[1]!, Number(m[2])]));

// 6. Receiving webhooks: acknowledgements per second and latency, with and without a store.
log("receiving webhooks: no store, the SQLite inbox, the Redis inbox (a redis-server of its own)");
const webhooks = await measureWebhooks();

// Ratios and targets.
// Each ratio is paired by round (bench/measure.ts timeRatio): the median of the per-round ratios.
const overheadRatio = (name: string) => timeRatio(overhead[name]!.rounds, overhead["bare openapi-fetch"]!.rounds);
// Calls per second of a over b: b's time over a's.
const e = (a: string, b: string, at: string) => timeRatio(measuredEndToEnd[b]![at]!.rounds, measuredEndToEnd[a]![at]!.rounds);
const ratios: Record<string, number> = { "tags.list() overhead / bare openapi-fetch (target ≤ 1.25)": overheadRatio("livechat-rest-v2 tags.list()") };
for (const server of ["mock", "static"]) {
  for (const at of ["http c=1", "http c=64", "https c=1", "https c=64"]) {
    ratios[`${server} ${at}: default transport / raw fetch (target ≥ 0.95)`] = e("livechat-rest-v2", "raw fetch", `${server} ${at}`);
    ratios[`${server} ${at}: default transport / raw fetch + timeout signal`] = e("livechat-rest-v2", "raw fetch + timeout signal", `${server} ${at}`);
  }
  for (const at of ["https c=1", "https c=64"]) {
    ratios[`${server} ${at}: undici transport / official (target ≥ 1.5)`] = e("livechat-rest-v2 on undici", "livechatapi@0.6.0 (official)", `${server} ${at}`);
  }
}
for (const store of RECEIVERS.slice(1)) {
  ratios[`webhooks c=64: ${store} / in-memory handler, events acknowledged per second`] = webhookRatio(webhooks, store);
}
const runtimeDependencies = Object.keys(JSON.parse(execFileSync("npm", ["pkg", "get", "dependencies"], { cwd: ROOT, encoding: "utf8" })));

const machine = { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version, date: new Date().toISOString().slice(0, 10) };
const results = { machine, overheadUs: overhead, endToEndCallsPerSecond: endToEnd, bundleBytesMinGzip: bundles, install: installs, typeCheck, pipelineMs: pipeline, webhooks, ratios, runtimeDependencies };
mkdirSync(join(ROOT, "docs"), { recursive: true });
writeFileSync(join(ROOT, "docs/benchmarks.json"), `${JSON.stringify(results, null, 2)}\n`);

const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
const at = ["mock http c=1", "mock http c=64", "mock https c=1", "mock https c=64", "static http c=1", "static http c=64", "static https c=1", "static https c=64"];
const markdown = `# Benchmarks

One run of \`npm run bench\` (after \`npm ci && npm run build\`), ${machine.date}, on ${machine.cores} × ${machine.cpu}, Node.js ${machine.node}.
Rerun it to get your own figures; compare ratios, not absolute numbers (these machines are noisy).

**Method.** Timings come from tinybench in interleaved rounds (5 for the overhead, 7 end to end),
each running every contender briefly after a warm-up, in a rotated order, so drift in the
machine's speed hits all alike; each figure is the median of the per-round medians, and each
ratio the median of the ratios within a round (both contenders measured moments apart). The contenders make the same call: GET /tags with
Basic auth and \`X-API-Version: 2\`, parsing the JSON answer. The official client is
\`livechatapi@0.6.0\` (callback API over the \`request\` package, its generic \`get("tags")\`); axios is
what LiveChat's newer JS SDK uses. Sizes are esbuild bundles (minified, gzip -9); installs are
\`npm install\` of each package alone into an empty project.

## 1. Client overhead per call (in-process transport that answers at once)

${table(["client", "µs per call", "× bare openapi-fetch"], Object.entries(overhead).map(([name, m]) => [name, m.us.toFixed(1), overheadRatio(name).toFixed(2)]))}

The official client's figure is with \`request\` stubbed out (it cannot take an in-process
transport); its real cost shows end to end below.

## 2. End to end on loopback (calls per second)

Against \`npm run mock\`'s server (the mock's own work per request included), and against a
static server that answers the same small JSON at once (\`bench/static-server.ts\`), where client
costs show. Each over plain HTTP and HTTPS (a self-signed certificate made by the script,
trusted through \`NODE_EXTRA_CA_CERTS\`), at concurrency 1 and 64.

${table(["client", ...at.slice(0, 4)], Object.entries(endToEnd).map(([name, row]) => [name, ...at.slice(0, 4).map((k) => row[k]!)]))}

${table(["client", ...at.slice(4)], Object.entries(endToEnd).map(([name, row]) => [name, ...at.slice(4).map((k) => row[k]!)]))}

## 3. Bytes

${table(["consumer bundle", "min+gzip bytes"], Object.entries(bundles).map(([k, v]) => [k, v]))}

${table(["npm install of", "packages", "bytes on disk"], Object.entries(installs).map(([k, v]) => [k, v.packages, v.bytes]))}

Runtime dependencies of livechat-rest-v2: ${runtimeDependencies.join(", ")} (${runtimeDependencies.length}).

## 4. Type-check cost (\`tsc --noEmit\`, median of 3)

${table(["file", "ms", "memory KB"], Object.entries(typeCheck).map(([k, v]) => [k, Math.round(v.ms), v.memoryKb]))}

## 5. The pipeline (\`npm run build\`)

${table(["step", "ms"], Object.entries(pipeline).map(([k, v]) => [k, v]))}

## 6. Receiving webhooks (events acknowledged per second at concurrency 64)

The receiver (\`createWebhookHandler\` behind \`toNodeListener\`) in a process of its own
(\`bench/webhook-receiver.ts\`), loaded from the benchmark's process over 64 undici keep-alive
connections with LiveChat-shaped \`chat_ended\` events, each with a new \`event_unique_id\`; 7
interleaved rounds of 1.5 s. The baseline answers once \`onEvent\` (which does nothing) resolved,
with the in-memory dedupe; the inboxes answer once the event is durably stored (SQLite: a committed
WAL transaction with \`synchronous=FULL\`, the puts of one event-loop turn committed together;
Redis: a local \`redis-server\` with \`appendonly yes\`, \`appendfsync always\`), while their
worker runs a handler that does nothing in the same process. Latency is from sending the POST to
reading the answer, over every event of every round.

${table(["receiver", "events/s", "p50 ms", "p99 ms", "× in-memory"], Object.entries(webhooks).map(([name, m], i) => [name, m.eventsPerSecond, m.p50Ms, m.p99Ms, i === 0 ? "1.00" : webhookRatio(webhooks, name as (typeof RECEIVERS)[number]).toFixed(2)]))}

## Ratios against the targets

${table(["ratio", "value"], Object.entries(ratios).map(([k, v]) => [k, v.toFixed(2)]))}
`;
writeFileSync(join(ROOT, "docs/benchmarks.md"), markdown);
console.log(markdown);
