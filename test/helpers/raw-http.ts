// A loopback HTTP/1.1 server on node:net that records each request's bytes exactly as they
// arrived, so tests can assert the real wire (headers Node's fetch adds included).
import { createServer, type Server, type Socket } from "node:net";

/** Calls `handle` with the bytes of each complete request (head plus Content-Length bytes of body) on `socket`. */
export function onRequests(socket: Socket, handle: (request: Buffer) => void): void {
  let pending: Buffer = Buffer.alloc(0);
  socket.on("data", (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      const end = pending.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(pending.subarray(0, end).toString("latin1"))?.[1] ?? 0);
      if (pending.length < end + 4 + length) return;
      handle(pending.subarray(0, end + 4 + length));
      pending = pending.subarray(end + 4 + length);
    }
  });
}

export interface RawServer {
  baseUrl: string;
  requests: string[];
  close(): Promise<void>;
}

/** Answers every request with `status` and the JSON `body`, then closes the connection. */
export async function rawHttpServer(status: number, body: unknown): Promise<RawServer> {
  const requests: string[] = [];
  const server: Server = createServer((socket) =>
    onRequests(socket, (request) => {
      requests.push(request.toString("utf8"));
      const payload = JSON.stringify(body);
      socket.end(
        `HTTP/1.1 ${status} OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
      );
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
