// The same mock as `npm run mock`, served over HTTPS with the benchmark's self-signed certificate.
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import { createLiveChatMock } from "../src/mock/index.js";
import { mockListener } from "../src/mock/serve.js";
import { DEMO_CREDENTIALS, DEMO_SEED } from "../src/mock/demo.js";

const mock = createLiveChatMock({ credentials: DEMO_CREDENTIALS, seed: DEMO_SEED });
const server = createServer({ key: readFileSync(process.env.BENCH_KEY!), cert: readFileSync(process.env.BENCH_CERT!) }, mockListener(mock));
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(`listening on https://127.0.0.1:${(server.address() as { port: number }).port}`));
