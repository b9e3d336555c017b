// Stoplight Prism (the devDependency @stoplight/prism-cli, pinned) as a child process on a free
// loopback port: `prism mock` or `prism proxy` reading spec/openapi.yaml, the third-party check
// that the spec, the client and the mock agree. Prism takes seconds to start: one per test file.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { isLiveChatApiError } from "../../src/index.js";
import { ROOT } from "./run.js";

/** The spec every Prism run reads. */
export const SPEC = join(ROOT, "spec/openapi.yaml");
const PRISM = join(ROOT, "node_modules/.bin/prism");
/** Seconds on an idle machine; more while the rest of the suite shares the CPUs. */
const STARTUP_TIMEOUT_MS = 60_000;

export interface PrismProcess {
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** What Prism printed so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `prism <args> -h 127.0.0.1 -p 0` in its own process group and resolves once it prints
 * `Prism is listening on <url>`. Never `-d`: static examples keep the answers deterministic.
 */
export async function startPrism(args: string[]): Promise<PrismProcess> {
  // One process (no cluster worker, which NODE_ENV=production would fork), so the group is one pid.
  const child = spawn(PRISM, [...args, "--host", "127.0.0.1", "--port", "0", "--multiprocess=false"], {
    cwd: ROOT,
    // chalk would colour the listening line if the environment asked for colour.
    env: { ...process.env, FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.pid === undefined) return; // never started (spawn failed)
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, "SIGTERM");
    await exited;
  };
  const label = `prism ${args.join(" ")}`;
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${label} did not listen within ${STARTUP_TIMEOUT_MS} ms:\n${out}`)), STARTUP_TIMEOUT_MS);
      const read = (chunk: Buffer) => {
        out += chunk.toString();
        // The whole line, newline included, so a port split across chunks is not cut short.
        const url = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)\r?\n/.exec(out)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve(url);
        }
      };
      child.stdout!.on("data", read);
      child.stderr!.on("data", read);
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${label} exited (${code ?? signal}) before listening:\n${out}`));
      });
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    return { baseUrl, output: () => out, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One request and answer as a test saw it through Prism, with Prism's verdict on the pair. */
export interface Exchange {
  method: string;
  /** Path and query, as sent. */
  path: string;
  status: number;
  /** Prism's `sl-violations` response header (a JSON array), or null when it found none. */
  violations: string | null;
}

/**
 * A `fetch` for the client's `fetch` option that records every exchange into `log`, and
 * optionally edits the headers first (`edit`), to send a request the client never would.
 */
export function recordingFetch(log: Exchange[], edit?: (headers: Headers) => void) {
  return async (url: string, init: RequestInit): Promise<Response> => {
    const headers = new Headers(init.headers);
    edit?.(headers);
    const response = await fetch(url, { ...init, headers });
    const { pathname, search } = new URL(url);
    log.push({ method: init.method ?? "GET", path: pathname + search, status: response.status, violations: response.headers.get("sl-violations") });
    return response;
  };
}

/** What a call rejected with, as far as a test compares it: its status and body (anything but a LiveChatApiError is rethrown). */
export async function rejection(call: Promise<unknown>) {
  const error: unknown = await call.then(
    () => new Error("resolved"),
    (e: unknown) => e,
  );
  if (!isLiveChatApiError(error)) throw error;
  return { status: error.status, body: error.body };
}
