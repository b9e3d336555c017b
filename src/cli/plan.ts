// The plan: what the file wants × what the account has → the creates and deletes that make them
// equal. A pure function, so it is tested with tables (test/cli/plan.test.ts).
//
// Identity: a tag is its name and group; a webhook is its event type and URL. v2 cannot update a
// webhook, so one whose data types differ is registered anew and the old one deleted, the new
// one first (creates run before deletes) so no event goes undelivered. Extra webhooks with the
// identity of one in the file (a duplicate, or what a failed re-registration left) are deleted,
// so a rerun after a part-way failure converges. What the file does not name is unmanaged: left
// alone, unless `prune`.
//
// A kind (tags, webhooks) whose key the file leaves out is not managed by it: no creates, no
// deletes, its resources neither unmanaged nor counted by the prune threshold. Only a key written,
// `webhooks: []` included, hands that kind to the file: a file written for tags must not delete
// every webhook under --prune.
//
// Every output masks a URL's password, so a webhook whose password changed in the file reads like
// the registered one: the create and the old one's line (unmanaged, or pruned) are marked as a
// pair (`password_differs_from`, `old_password`), without showing either password.
import type { components, DataType, EventType } from "../index.js";
import type { DesiredTag, DesiredWebhook, Position } from "./config/load.js";
import { isDotSegment } from "../wrappers/path.js";
import { maskUrl } from "./mask.js";

type Tag = components["schemas"]["Tag"];
type Webhook = components["schemas"]["Webhook"];

/** What the account has (its tags of every group, its webhooks). */
export interface Current {
  tags: readonly Pick<Tag, "name" | "group">[];
  webhooks: readonly Pick<Webhook, "id" | "event_type" | "data_types" | "url">[];
}

/** What the file wants (positions kept for messages); a kind left out (undefined) is not managed. */
export interface Desired {
  /** The default author of created tags: the file's, else Basic auth's login. */
  author?: string | undefined;
  tags?: readonly (Omit<DesiredTag, "at"> & { at?: Position })[] | undefined;
  webhooks?: readonly (Omit<DesiredWebhook, "at"> & { at?: Position })[] | undefined;
}

/** The kinds of resource a file may manage, as its keys name them. */
export type Kind = "tags" | "webhooks";
export const KINDS: readonly Kind[] = ["tags", "webhooks"];

/** Marks a registered webhook that reads like one the file creates: the same event type and URL but the password. */
interface OldPassword {
  old_password?: true;
}

export type Action =
  | { action: "create"; kind: "tag"; name: string; group: number; author: string | undefined; at?: Position | undefined }
  | {
      action: "create"; kind: "webhook"; event_type: EventType; data_types: DataType[]; url: string; replaces?: string[];
      /** The registered webhooks (unmanaged or pruned) it reads like: the same event type and URL but the password. */
      password_differs_from?: string[];
      at?: Position | undefined;
    }
  | { action: "delete"; kind: "tag"; name: string; group: number; reason: "pruned" }
  | ({ action: "delete"; kind: "webhook"; id: string; event_type: EventType; data_types: DataType[]; url: string; reason: "replaced" | "duplicate" | "pruned" } & OldPassword);

export type Unmanaged = { kind: "tag"; name: string; group: number } | ({ kind: "webhook"; id: string; event_type: EventType; data_types: DataType[]; url: string } & OldPassword);

export interface Plan {
  actions: Action[];
  unchanged: number;
  unmanaged: Unmanaged[];
  /** Which kinds the file manages (has a key for). */
  managed: Record<Kind, boolean>;
  /** The kinds it does not manage, and how many of each exist (left alone whatever the options). */
  notManaged: { kind: Kind; existing: number }[];
  /** What exists now of the kinds the file manages, together: what the prune threshold is measured against. */
  existing: number;
}

const tagKey = (t: { name: string; group: number }) => `${t.group}\0${t.name}`;
const webhookKey = (w: { event_type: string; url: string }) => `${w.event_type}\0${w.url}`;
/** The same data types, in any order. */
function sameTypes(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((t) => right.has(t));
}

/** The actions that make the account match `desired`: every create first, then every delete. */
export function computePlan(desired: Desired, current: Current, options: { prune: boolean }): Plan {
  const creates: Action[] = [];
  const deletes: Action[] = [];
  const pruned: Action[] = [];
  const unmanaged: Unmanaged[] = [];
  let unchanged = 0;
  const managed = { tags: desired.tags !== undefined, webhooks: desired.webhooks !== undefined };
  const wanted = { tags: desired.tags ?? [], webhooks: desired.webhooks ?? [] };
  // A kind not managed is planned against nothing: nothing of it is created, kept or deleted.
  const now = { tags: managed.tags ? current.tags : [], webhooks: managed.webhooks ? current.webhooks : [] };

  const existingTags = new Set(now.tags.map(tagKey));
  for (const tag of wanted.tags) {
    if (existingTags.has(tagKey(tag))) unchanged++;
    else creates.push({ action: "create", kind: "tag", name: tag.name, group: tag.group, author: tag.author ?? desired.author, at: tag.at });
  }
  const wantedTags = new Set(wanted.tags.map(tagKey));
  for (const tag of now.tags) {
    if (wantedTags.has(tagKey(tag))) continue;
    // A tag named `.` or `..` (made in LiveChat's app) cannot be deleted through the API: its path
    // would be a dot segment. Pruning it would fail every run; it stays unmanaged.
    if (options.prune && !isDotSegment(tag.name)) pruned.push({ action: "delete", kind: "tag", name: tag.name, group: tag.group, reason: "pruned" });
    else unmanaged.push({ kind: "tag", name: tag.name, group: tag.group });
  }

  const byIdentity = new Map<string, Current["webhooks"][number][]>();
  for (const w of now.webhooks) byIdentity.set(webhookKey(w), [...(byIdentity.get(webhookKey(w)) ?? []), w]);
  const webhookDelete = (w: Current["webhooks"][number], reason: "replaced" | "duplicate" | "pruned"): Action => ({
    action: "delete", kind: "webhook", id: w.id, event_type: w.event_type, data_types: [...w.data_types], url: w.url, reason,
  });
  for (const want of wanted.webhooks) {
    const found = byIdentity.get(webhookKey(want)) ?? [];
    const keep = found.find((w) => sameTypes(w.data_types, want.data_types));
    if (keep) {
      unchanged++;
      for (const w of found) if (w !== keep) deletes.push(webhookDelete(w, "duplicate"));
      continue;
    }
    creates.push({
      action: "create", kind: "webhook", event_type: want.event_type, data_types: [...want.data_types], url: want.url,
      ...(found.length > 0 ? { replaces: found.map((w) => w.id) } : {}), at: want.at,
    });
    for (const w of found) deletes.push(webhookDelete(w, "replaced"));
  }
  const wantedWebhooks = new Set(wanted.webhooks.map(webhookKey));
  for (const w of now.webhooks) {
    if (wantedWebhooks.has(webhookKey(w))) continue;
    if (options.prune) pruned.push(webhookDelete(w, "pruned"));
    else unmanaged.push({ kind: "webhook", id: w.id, event_type: w.event_type, data_types: [...w.data_types], url: w.url });
  }
  // Pruned webhooks before pruned tags: a reader sees the webhooks go first, as they were listed.
  pruned.sort((a, b) => Number(a.kind === "tag") - Number(b.kind === "tag"));
  markPasswordChanges(wanted.webhooks, creates, [...pruned, ...unmanaged]);
  const notManaged = KINDS.filter((kind) => !managed[kind]).map((kind) => ({ kind, existing: current[kind].length }));
  return { actions: [...creates, ...deletes, ...pruned], unchanged, unmanaged, managed, notManaged, existing: now.tags.length + now.webhooks.length };
}

/**
 * Marks the webhooks not in the file (unmanaged or pruned) that read like one the file lists once
 * passwords are masked (the same event type, the URL but its password), and the creates they
 * read like: after a password change, the create and the old one; after it was applied, the old one.
 */
function markPasswordChanges(wanted: NonNullable<Desired["webhooks"]>, creates: Action[], old: (Action | Unmanaged)[]): void {
  type OldHook = Extract<Action | Unmanaged, { kind: "webhook"; id: string }>;
  // Each URL masked once: the comparisons run for every pair of old and wanted (or created) webhooks.
  const masked = new Map<string, string>();
  const shown = (url: string) => masked.get(url) ?? masked.set(url, maskUrl(url)).get(url)!;
  const alike = (a: { event_type: string; url: string }, b: { event_type: string; url: string }) => a.event_type === b.event_type && a.url !== b.url && shown(a.url) === shown(b.url);
  const olds = old.filter((o): o is OldHook => o.kind === "webhook");
  for (const o of olds) if (wanted.some((w) => alike(w, o))) o.old_password = true;
  for (const create of creates) {
    if (create.action !== "create" || create.kind !== "webhook") continue;
    const ids = olds.filter((o) => alike(o, create)).map((o) => o.id);
    if (ids.length > 0) create.password_differs_from = ids;
  }
}

/** The plan's counts, for the summary line. */
export function counts(plan: Plan) {
  return {
    create: plan.actions.filter((a) => a.action === "create").length,
    delete: plan.actions.filter((a) => a.action === "delete").length,
    unchanged: plan.unchanged,
    unmanaged: plan.unmanaged.length,
  };
}

/** `2 to create, 1 to delete, 5 unchanged, 3 unmanaged`. */
export function summaryLine(plan: Plan): string {
  const c = counts(plan);
  return `${c.create} to create, ${c.delete} to delete, ${c.unchanged} unchanged, ${c.unmanaged} unmanaged`;
}

/** How many existing resources a prune would delete, and whether that is more than half of them. */
export function pruneSize(plan: Plan): { deletes: number; existing: number; overHalf: boolean } {
  const deletes = plan.actions.filter((a) => a.action === "delete" && a.reason === "pruned").length;
  return { deletes, existing: plan.existing, overHalf: deletes * 2 > plan.existing };
}
