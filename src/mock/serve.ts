// Serves a mock over Node's HTTP server on loopback: `npm run mock`, benchmarks, end-to-end tests.
import { createServer } from "node:http";
import { toNodeListener } from "../adapters/node.js";
import type { LiveChatMock } from "./index.js";

export interface ServedMock {
  /** `http://127.0.0.1:<port>`: pass it as the client's `baseUrl`. */
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

/** Serves `mock.handle` on `host:port` (default 127.0.0.1, a free port). */
export async function serveLiveChatMock(mock: Pick<LiveChatMock, "handle">, options: { port?: number; host?: string } = {}): Promise<ServedMock> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer(toNodeListener((request) => mock.handle(request)));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
