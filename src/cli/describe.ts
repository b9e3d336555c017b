// How plan actions read, for people (one line each) and for machines (--json, without positions).
import { maskUrl } from "./mask.js";
import type { Action, Plan, Unmanaged } from "./plan.js";

const REASONS = { replaced: "replaced: its data types change", duplicate: "a duplicate of the one kept", pruned: "not in the file: --prune" } as const;

const tagText = (t: { name: string; group: number }) => `tag ${JSON.stringify(t.name)} in group ${t.group}`;
const hookText = (w: { event_type: string; url: string; data_types: readonly string[] }) => `${w.event_type} → ${maskUrl(w.url)} [${w.data_types.join(", ")}]`;

/** ` (a; b)` for the notes given, or nothing. */
const notes = (...list: (string | false | undefined)[]) => {
  const given = list.filter(Boolean);
  return given.length > 0 ? ` (${given.join("; ")})` : "";
};
/** Passwords are masked, so a changed one would read as the same URL: the create and the old webhook say which is which. */
const differs = (ids: readonly string[] | undefined) => ids && `password differs from the registered one${ids.length > 1 ? "s" : ""}`;
const OLD_PASSWORD = "old password";

/** `+ tag "vip" in group 1 (author …)`, `- webhook ID chat_started → URL [chat] (replaced: …)`. */
export function describeAction(a: Action): string {
  if (a.action === "create" && a.kind === "tag") return `+ ${tagText(a)}${notes(a.author && `author ${a.author}`)}`;
  if (a.action === "create" && a.kind === "webhook") return `+ webhook ${hookText(a)}${notes(a.replaces && `replaces ${a.replaces.join(", ")}`, differs(a.password_differs_from))}`;
  if (a.kind === "tag") return `- ${tagText(a)}${notes(REASONS[a.reason])}`;
  return `- webhook ${a.id} ${hookText(a)}${notes(a.old_password && OLD_PASSWORD, REASONS[a.reason])}`;
}

/** The line apply prints once `a` is done; `id` is the created webhook's. */
export function describeDone(a: Action, id?: string): string {
  if (a.action === "create" && a.kind === "tag") return `+ created ${tagText(a)}`;
  if (a.action === "create" && a.kind === "webhook") return `+ created webhook ${id ?? "(no ID returned)"} ${hookText(a)}${notes(differs(a.password_differs_from))}`;
  if (a.kind === "tag") return `- deleted ${tagText(a)}`;
  return `- deleted webhook ${a.id} ${hookText(a)}${notes(a.old_password && OLD_PASSWORD)}`;
}

/** `? tag "legacy" in group 2: unmanaged (--prune would delete it)`. */
export function describeUnmanaged(u: Unmanaged): string {
  const what = u.kind === "tag" ? tagText(u) : `webhook ${u.id} ${hookText(u)}${notes(u.old_password && OLD_PASSWORD)}`;
  return `? ${what}: unmanaged, not in the file (left alone; --prune deletes it)`;
}

/** `webhooks: not managed by this file (it has no webhooks key): the 2 that exist are left alone, …`. */
export function describeNotManaged(n: Plan["notManaged"][number]): string {
  const left = n.existing === 0 ? "none exist now" : n.existing === 1 ? "the 1 that exists is left alone" : `the ${n.existing} that exist are left alone`;
  return `${n.kind}: not managed by this file (it has no ${n.kind} key): ${left}, also by --prune; write ${n.kind}: [] to have none, or list the ones to keep`;
}

/** An action for --json: positions dropped, URLs masked. */
export function actionJson(a: Action): Record<string, unknown> {
  const { at: _at, ...rest } = a as Action & { at?: unknown };
  return "url" in rest ? { ...rest, url: maskUrl(rest.url) } : rest;
}

/** An unmanaged resource for --json, URL masked. */
export function unmanagedJson(u: Unmanaged): Record<string, unknown> {
  return u.kind === "webhook" ? { ...u, url: maskUrl(u.url) } : { ...u };
}
