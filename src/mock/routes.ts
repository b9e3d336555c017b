// The eight operations as the mock performs them. Each returns [status, JSON body].
// Where LiveChat's docs are silent, the choice is marked `guess:`.
import { DATA_TYPES_BY_EVENT, dataTypesFor } from "../wrappers/input.js";
import { hexId, tagViews, type MockState } from "./state.js";

export type Reply = [status: number, body: unknown];
export type Route = (ctx: { state: MockState; params: string[]; query: URLSearchParams; body: Record<string, unknown>; licence: number }) => Reply;

const fail = (status: number, error: string): Reply => [status, { error }];
const bad = (error: string) => fail(400, error);

function group(value: unknown): number | undefined {
  const text = typeof value === "number" ? String(value) : value;
  return typeof text === "string" && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function list(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string" && v.length > 0) ? (value as string[]) : undefined;
}

function replaceTags(lists: Record<string, string[]>, what: "chat" | "ticket", ctx: Parameters<Route>[0]): Reply {
  const id = ctx.params[0]!;
  if (!Object.hasOwn(lists, id)) return fail(404, `${what === "chat" ? "Chat" : "Ticket"} not found`);
  // A body without tags once cleared every tag of a chat; the mock refuses it. guess: 400.
  const tags = list(ctx.body.tag);
  if (!tags) return bad("tag[] is required: pass at least one tag");
  const unknown = tags.find((t) => !ctx.state.tags.some((tag) => tag.name === t));
  if (unknown !== undefined) return bad(`Tag does not exist: ${unknown}`); // guess: 400 for an unknown tag
  lists[id] = [...new Set(tags)];
  // guess: the docs paste a whole chat (ticket) list here; the mock answers the updated one alone.
  const key = what === "chat" ? "chats" : "tickets";
  return [200, { [key]: [{ id, tags: lists[id] }], total: 1, pages: 1 }];
}

/** One of the eight operations: its method, its path as the spec writes it, and what it does. */
export interface Operation {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** The spec's path template, `/tags/{tag}`. */
  template: string;
  /** The template as a RegExp capturing each parameter's (still encoded) segment. */
  pattern: RegExp;
  route: Route;
}

const operation = (method: Operation["method"], template: string, route: Route): Operation => ({
  method,
  template,
  pattern: new RegExp(`^${template.replace(/\{[^/}]+\}/g, "([^/]+)")}$`),
  route,
});

/** The eight operations, by the spec's method and path. */
export const ROUTES: Operation[] = [
  operation("GET", "/webhooks", ({ state }) => [200, { events: state.webhooks }]),
  operation("POST", "/webhooks", ({ state, body, licence }) => {
    const event_type = text(body.event_type);
    const allowed = dataTypesFor(event_type);
    if (!allowed) return bad(`event_type must be one of: ${Object.keys(DATA_TYPES_BY_EVENT).join(", ")}`);
    const data_types = list(body.data_types);
    if (!data_types) return bad("data_types[] is required");
    // guess: the API refuses a data type its docs do not list for the event.
    const wrong = data_types.find((t) => !allowed.includes(t));
    if (wrong !== undefined) return bad(`data_types: ${wrong} is not sent with ${event_type}`);
    const url = text(body.url);
    if (!url || !/^https?:\/\//i.test(url) || !URL.canParse(url)) return bad("url must be an http(s) URL");
    const webhook = { id: hexId(), licence, event_type: event_type as never, data_types: [...new Set(data_types)] as never[], url, verified: true, token: hexId() };
    state.webhooks.push(webhook);
    return [200, { events: [webhook] }]; // guess: only the new webhook, not the whole list
  }),
  operation("DELETE", "/webhooks/{webhook_id}", ({ state, params }) => {
    const at = state.webhooks.findIndex((w) => w.id === params[0]);
    if (at < 0) return fail(404, "Webhook not found");
    state.webhooks.splice(at, 1);
    return [200, { result: "Push notification removed successfully" }];
  }),
  operation("GET", "/tags", ({ state, query }) => {
    if (!query.has("group")) return [200, tagViews(state, state.tags)];
    const g = group(query.get("group"));
    if (g === undefined) return bad("group must be an integer");
    return [200, tagViews(state, state.tags.filter((t) => t.group === g))];
  }),
  operation("POST", "/tags", ({ state, body }) => {
    const name = text(body.tag);
    const g = group(body.group);
    const author = text(body.author);
    if (!name) return bad("tag is required");
    if (g === undefined) return bad("group must be an integer");
    if (!author) return bad("author is required");
    if (state.tags.some((t) => t.name === name && t.group === g)) return bad("Tag already exists"); // guess: 400
    const tag = { name, group: g, author, creation_date: Math.floor(Date.now() / 1000) };
    state.tags.push(tag);
    return [200, tagViews(state, [tag])[0]];
  }),
  operation("DELETE", "/tags/{tag}", ({ state, params, body }) => {
    const g = group(body.group);
    if (g === undefined) return bad("group is required and must be an integer");
    const at = state.tags.findIndex((t) => t.name === params[0] && t.group === g);
    if (at < 0) return fail(404, "Tag not found");
    state.tags.splice(at, 1);
    return [200, { ok: true }];
  }),
  operation("PUT", "/chats/{chat_id}/tags", (ctx) => replaceTags(ctx.state.chats, "chat", ctx)),
  operation("PUT", "/tickets/{ticket_id}/tags", (ctx) => replaceTags(ctx.state.tickets, "ticket", ctx)),
];
