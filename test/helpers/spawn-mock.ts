// Starts a server in a child process (its own process group) and reads the URLs it prints on a
// line `listening on <url> [<url>...]`: `npm run mock` and the installed bin's `mock`, and the
// benchmarks' servers.
import { spawn, type ChildProcess } from "node:child_process";
import { ROOT } from "./run.js";

export interface ServerProcess {
  /** The URLs on the `listening on` line, in order. */
  urls: string[];
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface MockProcess extends ServerProcess {
  baseUrl: string;
}

export async function spawnListening(command: string, args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<ServerProcess> {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"], detached: true });
  const label = [command, ...args].join(" ");
  const urls = await new Promise<string[]>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${label} printed no URL in 30 s: ${out}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = /listening on ((?:https?:\/\/\S+ ?)+)/.exec(out)?.[1];
      if (line) {
        clearTimeout(timer);
        resolve(line.trim().split(" "));
      }
    });
    child.once("exit", (code) => reject(new Error(`${label} exited with ${code}: ${out}`)));
  });
  return {
    urls,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        process.kill(-child.pid!, "SIGTERM"); // the whole group: npm, tsx and node
      }),
  };
}

/** `npm run mock` (`livechat-rest-v2 mock` from the sources) on a free port. */
export async function spawnMock(env: Record<string, string> = {}): Promise<MockProcess> {
  const server = await spawnListening("npm", ["run", "--silent", "mock"], { PORT: "0", ...env });
  return { ...server, baseUrl: server.urls[0]! };
}
