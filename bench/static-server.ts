// A loopback server that answers every request with the same small JSON at once, over HTTP and
// HTTPS, written straight to the socket (no HTTP framework): end-to-end figures where the server
// costs next to nothing, so the clients' own costs show.
import { readFileSync } from "node:fs";
import { createServer as createNet, type Socket } from "node:net";
import { createServer as createTls } from "node:tls";
import { onRequests } from "../test/helpers/raw-http.js";

const BODY = JSON.stringify([{ name: "sales", author: "demo@example.com", creation_date: 1402989014, count: { inChats: 0, inTickets: 0 }, group: 0 }]);
const ANSWER = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\nConnection: keep-alive\r\nKeep-Alive: timeout=60\r\n\r\n${BODY}`);

/** Answers each complete request on the connection with the canned answer. */
function serve(socket: Socket): void {
  socket.setNoDelay(true);
  socket.on("error", () => socket.destroy());
  onRequests(socket, () => socket.write(ANSWER));
}

const http = createNet(serve);
const https = createTls({ key: readFileSync(process.env.BENCH_KEY!), cert: readFileSync(process.env.BENCH_CERT!) }, serve);
await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
await new Promise<void>((resolve) => https.listen(0, "127.0.0.1", resolve));
const port = (s: typeof http) => (s.address() as { port: number }).port;
console.log(`listening on http://127.0.0.1:${port(http)} https://127.0.0.1:${port(https)}`);
