// A real redis-server (Debian's package; .ci/run installs it) for the Redis inbox's tests: on a
// free loopback port, in a temporary directory, with the settings the inbox's guarantee depends
// on (appendonly yes, appendfsync always, maxmemory-policy noeviction). Stop it, start it again
// on the same port and directory: what it acknowledged is still there.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RedisServer {
  port: number;
  url: string;
  dir: string;
  /** Stops it at once (SIGKILL, no final save): only what it fsynced survives. */
  kill(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open, nothing answers. */
  pause(): void;
  /** Thaws it (SIGCONT). */
  resume(): void;
  /** Starts it again on the same port and directory. */
  start(): Promise<void>;
  /** Stops it and deletes its directory. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (free when asked; the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function launch(port: number, dir: string, extra: readonly string[]): Promise<ChildProcess> {
  const args = [
    "--port", String(port), "--bind", "127.0.0.1", "--dir", dir,
    "--appendonly", "yes", "--appendfsync", "always", "--maxmemory-policy", "noeviction",
    "--save", "", "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "notice",
    ...extra,
  ];
  const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`redis-server did not start in 15 s: ${out}`)), 15_000);
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    }
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      if (/Ready to accept connections/.test(out)) {
        clearTimeout(timer);
        child.stdout!.off("data", read);
        resolve(child);
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("error", (error) => fail(new Error(`redis-server could not be run (apt-get install redis-server): ${error.message}`)));
    child.once("exit", (code) => fail(new Error(`redis-server exited with ${code}: ${out}`)));
  });
}

/** Starts a redis-server for one test file; `stop()` it in afterAll. `args` go to redis-server too, such as `["--requirepass", "..."]`. */
export async function startRedis({ args = [] }: { args?: readonly string[] } = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), "livechat-redis-"));
  let port = 0;
  let child: ChildProcess | undefined;
  for (let tries = 0; !child; tries++) {
    port = await freePort();
    child = await launch(port, dir, args).catch((error: Error) => {
      if (tries >= 3) throw error; // another process took the port in between: try another
      return undefined;
    });
  }
  const exited = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once("exit", () => resolve())));
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    async kill() {
      if (!child) return;
      const c = child;
      child = undefined;
      c.removeAllListeners("exit");
      c.kill("SIGKILL");
      await exited(c);
    },
    pause() {
      child?.kill("SIGSTOP");
    },
    resume() {
      child?.kill("SIGCONT");
    },
    async start() {
      if (!child) child = await launch(port, dir, args);
    },
    async stop() {
      await server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
