// Part 2, run in a child process (so NODE_EXTRA_CA_CERTS, read at start-up, trusts the
// benchmark's self-signed certificate): calls per second against each server in BENCH_TARGETS
// ({ "<name> http": url, "<name> https": url, ... }), at concurrency 1 and 64. Prints JSON on
// its last line: { client: { "<target> c=<n>": { callsPerSecond, rounds } } }, where rounds are
// the per-round median µs of one iteration (`concurrency` calls), for ratios paired by round.
import { axiosClient, bareOpenapiFetch, official, ours, oursOnUndici, rawFetch, rawFetchWithTimeout, type Call } from "./clients.js";
import { interleaved } from "./measure.js";

const CONCURRENCY = [1, 64];
const results: Record<string, Record<string, { callsPerSecond: number; rounds: number[] }>> = {};

const targets = JSON.parse(process.env.BENCH_TARGETS!) as Record<string, string>;
for (const [target, baseUrl] of Object.entries(targets)) {
  const undici = oursOnUndici(baseUrl);
  const client = ours(baseUrl);
  const clients: Record<string, Call> = {
    "raw fetch": rawFetch(baseUrl),
    "raw fetch + timeout signal": rawFetchWithTimeout(baseUrl),
    "bare openapi-fetch": bareOpenapiFetch(baseUrl),
    "livechat-rest-v2": client.resource,
    "livechat-rest-v2 raw.GET": client.raw,
    "livechat-rest-v2 on undici": undici.call,
    axios: axiosClient(baseUrl),
    "livechatapi@0.6.0 (official)": official(baseUrl),
  };
  for (const concurrency of CONCURRENCY) {
    // One iteration = `concurrency` calls in flight at once; calls/s = concurrency / latency.
    const tasks = Object.fromEntries(
      Object.entries(clients).map(([name, call]) => [name, () => Promise.all(Array.from({ length: concurrency }, call))]),
    );
    const measured = await interleaved(tasks, { rounds: 7, timeMs: 300, warmupMs: 150 });
    for (const [name, { us, rounds }] of Object.entries(measured)) {
      (results[name] ??= {})[`${target} c=${concurrency}`] = { callsPerSecond: Math.round((concurrency * 1e6) / us), rounds };
    }
  }
  await undici.close();
}
console.log(JSON.stringify(results));
process.exit(0); // the official client's keep-alive sockets would hold the process open
