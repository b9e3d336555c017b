// One command per API operation: tags list/create/delete, webhooks list/create/delete, chats and
// tickets set-tags. A table (or one line) by default, the API's objects with --json.
import { DATA_TYPES_BY_EVENT, type components, type EventType } from "../../index.js";
import { groupValue, JSON_OPTION, type Command, type Context } from "../args.js";
import { defaultAuthor } from "../credentials.js";
import { CliError } from "../failure.js";
import { maskRefusedUrl, maskUrl, passwordNumbers, userinfoProblem } from "../mask.js";

type Tag = components["schemas"]["Tag"];
type Webhook = components["schemas"]["Webhook"];

const EVENTS = Object.keys(DATA_TYPES_BY_EVENT) as EventType[];
const date = (seconds: number) => (Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString().slice(0, 10) : String(seconds));

/** A webhook as shown: its URL's password masked (Output masks every line again). */
export const shownWebhook = (w: Webhook): Webhook => ({ ...w, url: maskUrl(w.url) });

function printTags(context: Context, tags: Tag[]): void {
  if (context.output.json) return context.output.data(tags);
  const rows = tags.map((t) => [t.name, String(t.group), t.author, date(t.creation_date), String(t.count?.inChats ?? ""), String(t.count?.inTickets ?? "")]);
  context.output.table(["NAME", "GROUP", "AUTHOR", "CREATED", "CHATS", "TICKETS"], rows, "No tags.");
}

function printWebhooks(context: Context, webhooks: Webhook[]): void {
  for (const w of webhooks) context.output.urlSecret(w.url);
  if (context.output.json) return context.output.data(webhooks.map(shownWebhook));
  // URLs that differ only by their password (masked) are numbered: (password 1), (password 2).
  const numbers = passwordNumbers(webhooks.map((w) => w.url));
  const rows = webhooks.map((w) => [w.id, w.event_type, w.data_types.join(","), `${maskUrl(w.url)}${numbers.has(w.url) ? ` (password ${numbers.get(w.url)})` : ""}`]);
  context.output.table(["ID", "EVENT", "DATA TYPES", "URL"], rows, "No webhooks.");
}

/** Checks --event/--data-type/--url before anything is sent; the messages name the flags. */
export function webhookInput(event: unknown, dataTypes: string[], url: unknown) {
  if (typeof event !== "string" || !EVENTS.includes(event as EventType)) {
    throw new CliError(`--event ${JSON.stringify(typeof event === "string" ? maskRefusedUrl(event) : event)} is not an event type; pass one of ${EVENTS.join(", ")}.`);
  }
  const allowed: readonly string[] = DATA_TYPES_BY_EVENT[event as EventType];
  const types = dataTypes.flatMap((t) => t.split(",")).map((t) => t.trim()).filter(Boolean);
  if (types.length === 0) throw new CliError(`pass --data-type with some of ${allowed.join(", ")} (what LiveChat sends with ${event}).`);
  const wrong = types.find((t) => !allowed.includes(t));
  if (wrong !== undefined) throw new CliError(`LiveChat does not send data type ${JSON.stringify(maskRefusedUrl(wrong))} with ${event}; pass some of ${allowed.join(", ")}.`);
  const userinfo = typeof url === "string" && /^https?:\/\//i.test(url) ? userinfoProblem(url) : undefined;
  if (userinfo) throw new CliError(`--url ${userinfo}.`);
  if (typeof url !== "string" || !/^https?:\/\/\S+$/i.test(url) || !URL.canParse(url)) {
    throw new CliError("--url must be an http(s) URL such as https://user:${PASSWORD}@example.com/livechat (the password is how your receiver knows the POST is LiveChat's).");
  }
  return { event_type: event as EventType, data_types: [...new Set(types)], url } as never;
}

export const RESOURCE_COMMANDS: Command[] = [
  {
    path: ["tags", "list"],
    summary: "Lists the account's tags, of every group or of one.",
    options: { group: { type: "string", value: "N", example: "0", description: "only this group's tags (0 is the default group)" }, json: JSON_OPTION },
    api: true,
    examples: ["livechat-rest-v2 tags list", "livechat-rest-v2 tags list --group 0 --json"],
    async run(context) {
      const group = groupValue(context.values.group);
      printTags(context, await context.client().tags.list(group === undefined ? {} : { group }));
      return 0;
    },
  },
  {
    path: ["tags", "create"],
    summary: "Creates a tag in a group (owners and admins only).",
    positionals: [{ name: "NAME", description: "the tag's name (spaces allowed: quote it)" }],
    options: {
      group: { type: "string", value: "N", example: "0", required: true, description: "the group's ID (0 is the default group)" },
      author: { type: "string", value: "EMAIL", example: "john@example.com", description: "the agent the tag is credited to (default: LIVECHAT_LOGIN; required with LIVECHAT_ACCESS_TOKEN)" },
      json: JSON_OPTION,
    },
    api: true,
    examples: ['livechat-rest-v2 tags create "VIP customer" --group 0 --author john@example.com'],
    async run(context) {
      const [name] = context.positionals as [string];
      const group = groupValue(context.values.group)!;
      const author = (context.values.author as string | undefined) ?? defaultAuthor(context.auth());
      if (!author) throw new CliError("tags create needs --author EMAIL (the agent the tag is credited to): with LIVECHAT_ACCESS_TOKEN there is no login to default to.");
      const tag = await context.client().tags.create({ tag: name, group, author });
      if (context.output.json) context.output.data(tag);
      else context.output.out(`Created tag ${JSON.stringify(name)} in group ${group}.`);
      return 0;
    },
  },
  {
    path: ["tags", "delete"],
    summary: "Deletes a tag from a group (chats and tickets already tagged keep it).",
    positionals: [{ name: "NAME", description: "the tag's name" }],
    options: { group: { type: "string", value: "N", example: "0", required: true, description: "the group's ID (0 is the default group)" }, json: JSON_OPTION },
    api: true,
    examples: ["livechat-rest-v2 tags delete sales --group 0"],
    async run(context) {
      const [name] = context.positionals as [string];
      const group = groupValue(context.values.group)!;
      await context.client().tags.delete(name, { group });
      if (context.output.json) context.output.data({ deleted: { name, group } });
      else context.output.out(`Deleted tag ${JSON.stringify(name)} from group ${group}.`);
      return 0;
    },
  },
  {
    path: ["webhooks", "list"],
    summary: "Lists the registered webhooks (URL passwords masked).",
    options: { json: JSON_OPTION },
    api: true,
    async run(context) {
      printWebhooks(context, (await context.client().webhooks.list()).events);
      return 0;
    },
  },
  {
    path: ["webhooks", "create"],
    summary: "Registers a webhook: LiveChat POSTs the chosen data types to the URL on each event.",
    description: [
      `Events and the data types each sends: ${EVENTS.map((e) => `${e} (${DATA_TYPES_BY_EVENT[e].join(", ")})`).join("; ")}.`,
      "v2 signs nothing: put HTTP Basic credentials in the URL (https://user:${PASSWORD}@host/path, the password from the environment rather than typed) and check them in your receiver. Lists and messages show the password as ***.",
    ],
    options: {
      event: { type: "string", value: "E", example: "chat_started", required: true, description: "the event type" },
      "data-type": { type: "string", value: "T", example: "chat", multiple: true, variadic: true, required: true, description: "what the payload includes: one or more, space- or comma-separated" },
      url: { type: "string", value: "U", example: '"https://hooks:${HOOK_PASSWORD}@example.com/livechat"', required: true, description: "where LiveChat will POST" },
      json: JSON_OPTION,
    },
    api: true,
    examples: ['livechat-rest-v2 webhooks create --event chat_started --data-type chat visitor --url "https://hooks:${HOOK_PASSWORD}@example.com/livechat"'],
    async run(context) {
      const { event, "data-type": dataTypes, url } = context.values;
      if (typeof url === "string") context.output.urlSecret(url);
      const input = webhookInput(event, dataTypes as string[], url);
      const { events } = await context.client().webhooks.create(input);
      // The docs do not say whether the answer lists the new webhook alone or all: take the last match.
      const created = events.filter((w) => w.url === url && w.event_type === event).at(-1) ?? events.at(-1);
      if (context.output.json) context.output.data(created ? shownWebhook(created) : null);
      else context.output.out(`Created webhook ${created?.id ?? "(LiveChat returned no ID)"}: ${String(event)} → ${maskUrl(String(url))}.`);
      return 0;
    },
  },
  {
    path: ["webhooks", "delete"],
    summary: "Deletes a webhook by its ID (see `webhooks list`).",
    positionals: [{ name: "ID", description: "the webhook's ID (see `webhooks list`)" }],
    options: { json: JSON_OPTION },
    api: true,
    examples: ["livechat-rest-v2 webhooks delete 8a1f0e5d2b7c4c1e9f3a6b0d4e2c7a91"],
    async run(context) {
      const [id] = context.positionals as [string];
      await context.client().webhooks.delete(id);
      if (context.output.json) context.output.data({ deleted: { id } });
      else context.output.out(`Deleted webhook ${id}.`);
      return 0;
    },
  },
  ...(["chat", "ticket"] as const).map(
    (what): Command => ({
      path: [`${what}s`, "set-tags"],
      summary: `Replaces a ${what}'s tags with the given ones (each must exist; see \`tags list\`).`,
      description: [`The list replaces the ${what}'s whole list; at least one tag is required, since an empty list would clear every tag.`],
      positionals: [
        { name: "ID", description: `the ${what}'s ID` },
        { name: "TAG", description: "a tag name (one or more)", variadic: true },
      ],
      options: { json: JSON_OPTION },
      api: true,
      examples: [what === "chat" ? "livechat-rest-v2 chats set-tags MH0NQTLD8B sales support" : "livechat-rest-v2 tickets set-tags 5FUED sales"],
      async run(context) {
        const [id, ...tags] = context.positionals as [string, ...string[]];
        const client = context.client();
        await (what === "chat" ? client.chats.updateTags(id, tags) : client.tickets.updateTags(id, tags));
        if (context.output.json) context.output.data({ [`${what}_id`]: id, tags });
        else context.output.out(`Set the tags of ${what} ${id}: ${tags.join(", ")}.`);
        return 0;
      },
    }),
  ),
];
