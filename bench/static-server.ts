// A loopback server that answers every request with the same small JSON at once, over HTTP and
// HTTPS: end-to-end figures where the server costs next to nothing, so client costs show.
import { readFileSync } from "node:fs";
import { createServer as createHttp, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttps } from "node:https";

const BODY = JSON.stringify([{ name: "sales", author: "demo@example.com", creation_date: 1402989014, count: { inChats: 0, inTickets: 0 }, group: 0 }]);
const answer = (req: IncomingMessage, res: ServerResponse) => {
  req.resume();
  req.on("end", () => res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(BODY) }).end(BODY));
};
const http = createHttp(answer);
const https = createHttps({ key: readFileSync(process.env.BENCH_KEY!), cert: readFileSync(process.env.BENCH_CERT!) }, answer);
for (const server of [http, https]) server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
await new Promise<void>((resolve) => https.listen(0, "127.0.0.1", resolve));
const port = (s: typeof http) => (s.address() as { port: number }).port;
console.log(`listening on http://127.0.0.1:${port(http)} https://127.0.0.1:${port(https)}`);
