// Starts `npm run mock` in a child process and reads its base URL from the first line it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { ROOT } from "./run.js";

export interface MockProcess {
  baseUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function spawnMock(env: Record<string, string> = {}): Promise<MockProcess> {
  const child = spawn("npm", ["run", "--silent", "mock"], { cwd: ROOT, env: { ...process.env, PORT: "0", ...env }, stdio: ["ignore", "pipe", "inherit"], detached: true });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`npm run mock printed no URL in 30 s: ${out}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.once("exit", (code) => reject(new Error(`npm run mock exited with ${code}: ${out}`)));
  });
  return {
    baseUrl,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        process.kill(-child.pid!, "SIGTERM"); // the whole group: npm, tsx and node
      }),
  };
}
