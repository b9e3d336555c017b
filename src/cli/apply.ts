// Carries out a plan, one call at a time in the plan's order (every create before any delete),
// printing each change as it is made. The first failure stops it: what was done and what was
// not are reported, and a rerun plans again from what exists then, so it finishes the rest.
import { isLiveChatApiError, type LiveChatClient } from "../index.js";
import { actionJson, describeAction, describeDone } from "./describe.js";
import { describeFailure } from "./failure.js";
import type { Output } from "./output.js";
import type { Action } from "./plan.js";

export interface Applied {
  /** `already_gone`: a delete LiveChat answered 404, so another hand had done it (counted as done). */
  done: (Action & { id?: string; already_gone?: true })[];
  failed?: { action: Action; error: string };
  notDone: Action[];
}

async function perform(client: LiveChatClient, a: Action): Promise<string | undefined> {
  if (a.action === "create" && a.kind === "tag") {
    await client.tags.create({ tag: a.name, group: a.group, author: a.author! });
    return undefined;
  }
  if (a.action === "create" && a.kind === "webhook") {
    const { events } = await client.webhooks.create({ event_type: a.event_type, data_types: a.data_types, url: a.url } as never);
    // LiveChat's docs do not say whether the answer lists the new webhook alone or all of them.
    return (events.find((w) => w.url === a.url && w.event_type === a.event_type && !a.replaces?.includes(w.id)) ?? events[0])?.id;
  }
  if (a.kind === "tag") await client.tags.delete(a.name, { group: a.group });
  else await client.webhooks.delete(a.id);
  return undefined;
}

/** Runs `actions` in order; stops at the first failure. */
export async function applyActions(client: LiveChatClient, actions: readonly Action[], output: Output): Promise<Applied> {
  const done: Applied["done"] = [];
  for (const [i, action] of actions.entries()) {
    try {
      const id = await perform(client, action);
      done.push(id === undefined ? action : { ...action, id });
      if (!output.json) output.out(describeDone(action, id));
    } catch (error) {
      // A delete of what is gone since the plan was made (by hand, or another apply): what the plan wanted holds.
      if (action.action === "delete" && isLiveChatApiError(error) && error.status === 404) {
        done.push({ ...action, already_gone: true });
        if (!output.json) output.out(`${describeDone(action)} (it was already gone)`);
        continue;
      }
      const line = describeFailure(error, describeAction(action).replace(/^[+-] /, action.action === "create" ? "create " : "delete "));
      return { done, failed: { action, error: line }, notDone: actions.slice(i) };
    }
  }
  return { done, notDone: [] };
}

/** The report of a part-way failure: the error, what was done, what was not, what to do. */
export function reportFailure(applied: Applied, output: Output): void {
  output.err(applied.failed!.error);
  if (output.json) return;
  output.out("");
  output.out(`Stopped. Done (${applied.done.length}):${applied.done.length === 0 ? " nothing" : ""}`);
  for (const a of applied.done) output.out(`  ${describeDone(a, a.id)}`);
  output.out(`Not done (${applied.notDone.length}):`);
  for (const a of applied.notDone) output.out(`  ${describeAction(a)}`);
  output.out("Fix the cause and run apply again: it plans from what exists now and does only what is left.");
}

/** apply's --json document. */
export function appliedJson(applied: Applied, summary: Record<string, number>) {
  return {
    done: applied.done.map(actionJson),
    failed: applied.failed ? { ...actionJson(applied.failed.action), error: applied.failed.error } : null,
    not_done: applied.notDone.map(actionJson),
    summary,
  };
}
