// Fault injection: what failNext and delayNext queue, and which request each one waits for.
import type { paths } from "../generated/schema.js";
import { LiveChatInputError } from "../wrappers/errors.js";
import { checkOptionsObject } from "../wrappers/option-checks.js";
import { NETWORK_ERROR, type MockAnswer } from "./answer.js";
import { ROUTES } from "./routes.js";

/** A failure the mock answers a request with, instead of performing it. */
export type MockFault =
  | { network: true }
  | { status: number; retryAfter?: number | string; body?: string; contentType?: string };

/**
 * Which request a fault or a delay is for; without one, the next request whatever it is.
 * `path` is relative to the mock's `baseUrl`: the spec's template (`/tags/{tag}`, any tag) or
 * one resource's path (`/tags/sales`, compared segment by segment after percent-decoding, so
 * `/tags/Tag Name` and `/tags/Tag%20Name` are the same).
 */
export interface MockTarget {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  path?: keyof paths | (string & {});
}

const METHODS = new Set(["GET", "POST", "PUT", "DELETE"]);
const OPERATIONS = ROUTES.map((r) => `${r.method} ${r.template}`).join(", ");

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const isParameter = (segment: string) => /^\{[^/{}]+\}$/.test(segment);

/** Does the request path `path` (still encoded) fall under `target`, a template or a concrete path? */
function pathMatches(target: string[], path: string): boolean {
  const segments = path.split("/");
  return segments.length === target.length && target.every((t, i) => isParameter(t) || t === decode(segments[i]!));
}

/** A request test for `target`; throws LiveChatInputError when it names no operation of the mock. */
export function targetMatcher(caller: string, target: MockTarget | undefined): (method: string, path: string | undefined) => boolean {
  if (target === undefined) return () => true;
  // An unknown key (a misspelt `pth`) would otherwise target every request.
  checkOptionsObject(target, caller, ["method", "path"], 'a target such as { method: "DELETE", path: "/webhooks/{webhook_id}" }');
  const method = target.method?.toUpperCase();
  if (method !== undefined && !METHODS.has(method)) {
    throw new LiveChatInputError(`${caller}: method must be GET, POST, PUT or DELETE; got ${JSON.stringify(target.method)}.`);
  }
  const { path } = target;
  if (path === undefined) return (m) => m === method || method === undefined;
  if (typeof path !== "string" || !path.startsWith("/")) {
    throw new LiveChatInputError(`${caller}: path must be an operation's path relative to the mock's baseUrl, such as "/tags/{tag}" or "/tags/sales"; got ${JSON.stringify(path)}.`);
  }
  if (/[?#]/.test(path)) {
    throw new LiveChatInputError(`${caller}: path must not have a query or fragment; percent-encode a ? or # that is part of a name (%3F, %23); got ${JSON.stringify(path)}.`);
  }
  const segments = path.split("/").map((s) => (isParameter(s) ? s : decode(s)));
  // The template names exactly an operation's; a concrete path must be one an operation answers.
  const encoded = segments.map((s) => (isParameter(s) ? s : encodeURIComponent(s))).join("/");
  const named = ROUTES.filter((r) => (method === undefined || r.method === method) && (r.template === path || r.pattern.test(encoded)));
  if (named.length === 0) {
    const what = method === undefined ? path : `${method} ${path}`;
    throw new LiveChatInputError(`${caller}: no operation of the mock is ${what}; pass one of ${OPERATIONS} (a template, or a path with its values filled in).`);
  }
  return (m, p) => (method === undefined || m === method) && p !== undefined && pathMatches(segments, p);
}

/** Pending injections, each taken by the first request it matches, in the order they were added. */
export class Injections<T> {
  readonly #pending: { value: T; matches: (method: string, path: string | undefined) => boolean }[] = [];

  add(value: T, matches: (method: string, path: string | undefined) => boolean): void {
    this.#pending.push({ value, matches });
  }

  /** The first pending injection for this request, removed; undefined when none matches. */
  take(method: string, path: string | undefined): T | undefined {
    if (this.#pending.length === 0) return undefined;
    const at = this.#pending.findIndex((p) => p.matches(method, path));
    return at < 0 ? undefined : this.#pending.splice(at, 1)[0]!.value;
  }

  clear(): void {
    this.#pending.length = 0;
  }
}

/** Refuses a fault the mock could not answer with. */
export function checkFault(fault: MockFault): void {
  if (fault && typeof fault === "object" && "network" in fault && fault.network === true) return;
  const status = (fault as { status?: unknown } | null)?.status;
  if (typeof status !== "number" || !Number.isInteger(status) || status < 200 || status > 599) {
    throw new LiveChatInputError(`failNext: pass { network: true } or { status } with an HTTP status from 200 to 599; got ${JSON.stringify(fault)}.`);
  }
}

/** Refuses a delay that is not a finite number of milliseconds. */
export function checkDelay(ms: number): void {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
    throw new LiveChatInputError(`delayNext: pass a number of milliseconds, 0 or more; got ${typeof ms === "number" ? String(ms) : `${typeof ms} ${JSON.stringify(ms)}`}.`);
  }
}

/** The answer a fault stands for. */
export function faultAnswer(fault: MockFault): MockAnswer {
  if ("network" in fault) return NETWORK_ERROR;
  const headers: Record<string, string> = { "Content-Type": fault.contentType ?? "application/json" };
  if (fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter);
  const body = fault.body ?? JSON.stringify({ error: `Injected fault: HTTP ${fault.status}` });
  return { status: fault.status, headers, body };
}
