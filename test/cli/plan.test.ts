// The plan as a pure function: what the file wants × what the account has → actions.
import { describe, expect, test } from "vitest";
import { computePlan, counts, pruneSize, summaryLine, type Current, type Desired } from "../../src/cli/plan.js";

const tag = (name: string, group = 0) => ({ name, group });
const hook = (id: string, event_type: "chat_started" | "chat_ended" | "ticket_created", url: string, data_types: string[]) =>
  ({ id, event_type, url, data_types }) as Current["webhooks"][number];
const want = (event_type: "chat_started" | "chat_ended" | "ticket_created", url: string, data_types: string[]) =>
  ({ event_type, url, data_types }) as NonNullable<Desired["webhooks"]>[number];

const A = "https://a.example/hook";
const B = "https://b.example/hook";

/** The actions as short strings, in order: `+tag sales@0 by x`, `-webhook W1 (replaced)`. */
function short(desired: Desired, current: Current, prune = false): string[] {
  return computePlan(desired, current, { prune }).actions.map((a) => {
    if (a.action === "create" && a.kind === "tag") return `+tag ${a.name}@${a.group} by ${a.author ?? "-"}`;
    if (a.action === "create" && a.kind === "webhook") return `+webhook ${a.event_type} ${a.url} [${a.data_types}]${a.replaces ? ` replaces ${a.replaces}` : ""}`;
    if (a.kind === "tag") return `-tag ${a.name}@${a.group} (${a.reason})`;
    return `-webhook ${a.id} (${a.reason})`;
  });
}

describe("tags", () => {
  test.each<[string, Desired, Current, boolean, string[]]>([
    ["nothing wanted, nothing there", { tags: [], webhooks: [] }, { tags: [], webhooks: [] }, false, []],
    ["creates a missing tag with the file's default author", { author: "d@x", tags: [tag("sales")], webhooks: [] }, { tags: [], webhooks: [] }, false, ["+tag sales@0 by d@x"]],
    ["a tag's own author wins", { author: "d@x", tags: [{ ...tag("vip", 1), author: "own@x" }], webhooks: [] }, { tags: [], webhooks: [] }, false, ["+tag vip@1 by own@x"]],
    ["leaves the author out when there is none", { tags: [tag("vip")], webhooks: [] }, { tags: [], webhooks: [] }, false, ["+tag vip@0 by -"]],
    ["a tag is its name and group: the same name in another group is another tag", { tags: [tag("sales", 1)], webhooks: [] }, { tags: [tag("sales", 0)], webhooks: [] }, false, ["+tag sales@1 by -"]],
    ["names compare exactly (case and spaces)", { tags: [tag("Sales "), tag("sales")], webhooks: [] }, { tags: [tag("sales")], webhooks: [] }, false, ["+tag Sales @0 by -"]],
    ["an existing tag is unchanged", { tags: [tag("sales")], webhooks: [] }, { tags: [tag("sales")], webhooks: [] }, false, []],
    ["a tag not in the file is left alone", { tags: [], webhooks: [] }, { tags: [tag("old")], webhooks: [] }, false, []],
    ["...and deleted with prune", { tags: [], webhooks: [] }, { tags: [tag("old", 2)], webhooks: [] }, true, ["-tag old@2 (pruned)"]],
  ])("%s", (_, desired, current, prune, expected) => {
    expect(short(desired, current, prune)).toEqual(expected);
  });
});

describe("webhooks", () => {
  test.each<[string, Desired["webhooks"], Current["webhooks"], boolean, string[]]>([
    ["creates a missing webhook", [want("chat_started", A, ["chat"])], [], false, [`+webhook chat_started ${A} [chat]`]],
    ["the same data types in another order are unchanged", [want("chat_started", A, ["visitor", "chat"])], [hook("W1", "chat_started", A, ["chat", "visitor"])], false, []],
    [
      "changed data types: the new one is created before the old one is deleted",
      [want("chat_started", A, ["chat", "visitor"])],
      [hook("W1", "chat_started", A, ["chat"])],
      false,
      [`+webhook chat_started ${A} [chat,visitor] replaces W1`, "-webhook W1 (replaced)"],
    ],
    ["[chat, visitor] is not [visitor, visitor]", [want("chat_started", A, ["chat", "visitor"])], [hook("W1", "chat_started", A, ["visitor", "visitor"])], false, [`+webhook chat_started ${A} [chat,visitor] replaces W1`, "-webhook W1 (replaced)"]],
    [
      "a changed URL is a new webhook; the old one is unmanaged",
      [want("chat_started", B, ["chat"])],
      [hook("W1", "chat_started", A, ["chat"])],
      false,
      [`+webhook chat_started ${B} [chat]`],
    ],
    [
      "...and deleted with prune",
      [want("chat_started", B, ["chat"])],
      [hook("W1", "chat_started", A, ["chat"])],
      true,
      [`+webhook chat_started ${B} [chat]`, "-webhook W1 (pruned)"],
    ],
    ["a changed event type is a new webhook", [want("chat_ended", A, ["chat"])], [hook("W1", "chat_started", A, ["chat"])], false, [`+webhook chat_ended ${A} [chat]`]],
    [
      "a second webhook with the identity of one kept is deleted (what a failed re-registration leaves)",
      [want("chat_started", A, ["chat", "visitor"])],
      [hook("OLD", "chat_started", A, ["chat"]), hook("NEW", "chat_started", A, ["chat", "visitor"])],
      false,
      ["-webhook OLD (duplicate)"],
    ],
    [
      "several with the identity and none matching: one is created and all are replaced",
      [want("chat_started", A, ["pre_chat_survey"])],
      [hook("W1", "chat_started", A, ["chat"]), hook("W2", "chat_started", A, ["visitor"])],
      false,
      [`+webhook chat_started ${A} [pre_chat_survey] replaces W1,W2`, "-webhook W1 (replaced)", "-webhook W2 (replaced)"],
    ],
    ["URLs compare exactly (a trailing slash is another URL)", [want("chat_started", `${A}/`, ["chat"])], [hook("W1", "chat_started", A, ["chat"])], false, [`+webhook chat_started ${A}/ [chat]`]],
  ])("%s", (_, webhooks, current, prune, expected) => {
    expect(short({ tags: [], webhooks }, { tags: [], webhooks: current }, prune)).toEqual(expected);
  });
});

test("every create comes before every delete, and pruned webhooks before pruned tags", () => {
  const desired: Desired = { tags: [tag("new")], webhooks: [want("chat_started", A, ["chat", "visitor"])] };
  const current: Current = { tags: [tag("old")], webhooks: [hook("W1", "chat_started", A, ["chat"]), hook("W2", "ticket_created", B, ["ticket"])] };
  expect(short(desired, current, true)).toEqual([
    "+tag new@0 by -",
    `+webhook chat_started ${A} [chat,visitor] replaces W1`,
    "-webhook W1 (replaced)",
    "-webhook W2 (pruned)",
    "-tag old@0 (pruned)",
  ]);
});

test.each<[string, boolean, { create: number; delete: number; unchanged: number; unmanaged: number }, string]>([
  ["without prune", false, { create: 2, delete: 1, unchanged: 2, unmanaged: 2 }, "2 to create, 1 to delete, 2 unchanged, 2 unmanaged"],
  ["with prune", true, { create: 2, delete: 3, unchanged: 2, unmanaged: 0 }, "2 to create, 3 to delete, 2 unchanged, 0 unmanaged"],
])("counts and the summary line %s", (_, prune, expected, line) => {
  const desired: Desired = { tags: [tag("sales"), tag("vip")], webhooks: [want("chat_started", A, ["chat", "visitor"]), want("ticket_created", B, ["ticket"])] };
  const current: Current = { tags: [tag("sales"), tag("old")], webhooks: [hook("W1", "chat_started", A, ["chat"]), hook("W2", "ticket_created", B, ["ticket"]), hook("W3", "chat_ended", A, ["chat"])] };
  const plan = computePlan(desired, current, { prune });
  expect(counts(plan)).toEqual(expected);
  expect(summaryLine(plan)).toBe(line);
});

describe("the prune threshold: more than half of what exists of the kinds the file manages, tags and webhooks together", () => {
  const current = (tags: number, webhooks: number): Current => ({
    tags: Array.from({ length: tags }, (_, i) => tag(`t${i}`)),
    webhooks: Array.from({ length: webhooks }, (_, i) => hook(`W${i}`, "chat_started", `${A}/${i}`, ["chat"])),
  });
  test.each<[string, Desired, Current, { deletes: number; existing: number; overHalf: boolean }]>([
    ["nothing exists", { tags: [], webhooks: [] }, current(0, 0), { deletes: 0, existing: 0, overHalf: false }],
    ["2 of 4 is half, not more", { tags: [tag("t0"), tag("t1")], webhooks: [] }, current(4, 0), { deletes: 2, existing: 4, overHalf: false }],
    ["3 of 4 is more than half", { tags: [tag("t0")], webhooks: [] }, current(4, 0), { deletes: 3, existing: 4, overHalf: true }],
    ["tags and webhooks count together: 2 of 4", { tags: [tag("t0")], webhooks: [want("chat_started", `${A}/0`, ["chat"])] }, current(2, 2), { deletes: 2, existing: 4, overHalf: false }],
    ["tags and webhooks count together: 3 of 5", { tags: [tag("t0")], webhooks: [want("chat_started", `${A}/0`, ["chat"])] }, current(2, 3), { deletes: 3, existing: 5, overHalf: true }],
    [
      "a replaced webhook is not a prune",
      { tags: [tag("t0")], webhooks: [want("chat_started", `${A}/0`, ["visitor"])] },
      current(1, 1),
      { deletes: 0, existing: 2, overHalf: false },
    ],
  ])("%s", (_, desired, now, expected) => {
    expect(pruneSize(computePlan(desired, now, { prune: true }))).toEqual(expected);
  });
});

describe("webhooks that differ only by their URL's password, which every output masks", () => {
  const OLD = "https://livechat:old-pass@hooks.example.com/livechat";
  const NEW = "https://livechat:new-pass@hooks.example.com/livechat";
  /** The marks, as short strings: `+chat_ended differs from W1`, `?W1 old password`, `-W1 old password`. */
  function marks(webhooks: Desired["webhooks"], current: Current["webhooks"], prune: boolean): string[] {
    const plan = computePlan({ tags: [], webhooks }, { tags: [], webhooks: current }, { prune });
    return [
      ...plan.actions.map((a) =>
        a.kind !== "webhook" ? "" : a.action === "create" ? `+${a.event_type}${a.password_differs_from ? ` differs from ${a.password_differs_from}` : ""}` : `-${a.id}${a.old_password ? " old password" : ""}`,
      ),
      ...plan.unmanaged.map((u) => (u.kind === "webhook" ? `?${u.id}${u.old_password ? " old password" : ""}` : "")),
    ];
  }
  test.each<[string, Desired["webhooks"], Current["webhooks"], boolean, string[]]>([
    ["a new password: the create and the unmanaged old one are marked", [want("chat_ended", NEW, ["chat"])], [hook("W1", "chat_ended", OLD, ["chat"])], false, ["+chat_ended differs from W1", "?W1 old password"]],
    ["...and the delete with prune", [want("chat_ended", NEW, ["chat"])], [hook("W1", "chat_ended", OLD, ["chat"])], true, ["+chat_ended differs from W1", "-W1 old password"]],
    ["other data types too", [want("chat_ended", NEW, ["chat", "visitor"])], [hook("W1", "chat_ended", OLD, ["chat"])], false, ["+chat_ended differs from W1", "?W1 old password"]],
    [
      "two old passwords",
      [want("chat_ended", NEW, ["chat"])],
      [hook("W1", "chat_ended", OLD, ["chat"]), hook("W2", "chat_ended", OLD.replace("old", "older"), ["chat"])],
      false,
      ["+chat_ended differs from W1,W2", "?W1 old password", "?W2 old password"],
    ],
    ["another event's webhook reads differently: not marked", [want("chat_ended", NEW, ["chat"])], [hook("W1", "chat_started", OLD, ["chat"])], false, ["+chat_ended", "?W1"]],
    ["another user name shows: not marked", [want("chat_ended", NEW, ["chat"])], [hook("W1", "chat_ended", OLD.replace("livechat:", "hooks:"), ["chat"])], false, ["+chat_ended", "?W1"]],
    ["another path shows: not marked", [want("chat_ended", NEW, ["chat"])], [hook("W1", "chat_ended", `${OLD}/2`, ["chat"])], false, ["+chat_ended", "?W1"]],
    ["the same password is the same webhook: unchanged", [want("chat_ended", OLD, ["chat"])], [hook("W1", "chat_ended", OLD, ["chat"])], false, []],
    [
      "once the new one is registered, the old one is still marked",
      [want("chat_ended", NEW, ["chat"])],
      [hook("W1", "chat_ended", OLD, ["chat"]), hook("W2", "chat_ended", NEW, ["chat"])],
      true,
      ["-W1 old password"],
    ],
    [
      "both passwords in the file: nothing is unmanaged, nothing marked",
      [want("chat_ended", OLD, ["chat"]), want("chat_ended", NEW, ["chat"])],
      [hook("W1", "chat_ended", OLD, ["chat"])],
      false,
      ["+chat_ended"],
    ],
  ])("%s", (_, webhooks, current, prune, expected) => {
    expect(marks(webhooks, current, prune)).toEqual(expected);
  });
});

describe("a kind the file has no key for is not managed: no creates, no prunes, not unmanaged, not in the threshold", () => {
  const current: Current = { tags: [tag("sales"), tag("old")], webhooks: [hook("W1", "chat_started", A, ["chat"]), hook("W2", "ticket_created", B, ["ticket"])] };
  type Expected = { actions: string[]; unmanaged: string[]; managed: { tags: boolean; webhooks: boolean }; notManaged: { kind: string; existing: number }[]; prune: ReturnType<typeof pruneSize> };
  test.each<[string, Desired, boolean, Expected]>([
    [
      "tags only, with prune: every webhook is left alone, and the threshold counts the tags",
      { tags: [tag("sales"), tag("new")] },
      true,
      { actions: ["+tag new@0 by -", "-tag old@0 (pruned)"], unmanaged: [], managed: { tags: true, webhooks: false }, notManaged: [{ kind: "webhooks", existing: 2 }], prune: { deletes: 1, existing: 2, overHalf: false } },
    ],
    [
      "tags only, without prune: the webhooks are not unmanaged either",
      { tags: [tag("sales")] },
      false,
      { actions: [], unmanaged: ["tag old"], managed: { tags: true, webhooks: false }, notManaged: [{ kind: "webhooks", existing: 2 }], prune: { deletes: 0, existing: 2, overHalf: false } },
    ],
    [
      "webhooks only, with prune: every tag is left alone",
      { webhooks: [want("chat_started", A, ["chat"])] },
      true,
      { actions: ["-webhook W2 (pruned)"], unmanaged: [], managed: { tags: false, webhooks: true }, notManaged: [{ kind: "tags", existing: 2 }], prune: { deletes: 1, existing: 2, overHalf: false } },
    ],
    [
      "an explicit empty list manages that kind: with prune, all of it goes, which is over the threshold",
      { tags: [tag("sales"), tag("old")], webhooks: [] },
      true,
      { actions: ["-webhook W1 (pruned)", "-webhook W2 (pruned)"], unmanaged: [], managed: { tags: true, webhooks: true }, notManaged: [], prune: { deletes: 2, existing: 4, overHalf: false } },
    ],
    [
      "only the managed kind is measured: 2 of 2 webhooks is more than half, however many tags exist",
      { webhooks: [] },
      true,
      { actions: ["-webhook W1 (pruned)", "-webhook W2 (pruned)"], unmanaged: [], managed: { tags: false, webhooks: true }, notManaged: [{ kind: "tags", existing: 2 }], prune: { deletes: 2, existing: 2, overHalf: true } },
    ],
    [
      "neither key: nothing at all",
      {},
      true,
      { actions: [], unmanaged: [], managed: { tags: false, webhooks: false }, notManaged: [{ kind: "tags", existing: 2 }, { kind: "webhooks", existing: 2 }], prune: { deletes: 0, existing: 0, overHalf: false } },
    ],
  ])("%s", (_, desired, prune, expected) => {
    const plan = computePlan(desired, current, { prune });
    expect({
      actions: short(desired, current, prune),
      unmanaged: plan.unmanaged.map((u) => (u.kind === "tag" ? `tag ${u.name}` : `webhook ${u.id}`)),
      managed: plan.managed,
      notManaged: plan.notManaged,
      prune: pruneSize(plan),
    }).toEqual(expected);
  });
});

test("a tag named . or .. (made in LiveChat's app) is never pruned: the API cannot delete it, so it stays unmanaged", () => {
  const plan = computePlan({ tags: [] }, { tags: [{ name: "..", group: 0 }, { name: ".", group: 1 }, { name: "old", group: 0 }], webhooks: [] }, { prune: true });
  expect(plan.actions).toEqual([{ action: "delete", kind: "tag", name: "old", group: 0, reason: "pruned" }]);
  expect(plan.unmanaged).toEqual([{ kind: "tag", name: "..", group: 0 }, { kind: "tag", name: ".", group: 1 }]);
});
