// The mock's state: what a LiveChat account holds for the eight operations.
import type { components } from "../generated/schema.js";

type Schemas = components["schemas"];

/** A tag as the mock stores it; `count` is derived from the chats and tickets that carry it. */
export interface MockTag {
  name: string;
  group: number;
  author: string;
  creation_date: number;
}

/** Everything the mock holds. Tests may read it; change it only through requests or `reset()`. */
export interface MockState {
  webhooks: Schemas["Webhook"][];
  tags: MockTag[];
  /** Each known chat's tags, by chat ID. A chat not listed here answers 404. */
  chats: Record<string, string[]>;
  /** Each known ticket's tags, by ticket ID. */
  tickets: Record<string, string[]>;
}

/** What a mock starts with (and returns to on `reset()`). */
export interface MockSeed {
  webhooks?: (Pick<Schemas["Webhook"], "event_type" | "data_types" | "url"> & Partial<Schemas["Webhook"]>)[];
  tags?: (Pick<MockTag, "name" | "group"> & Partial<MockTag>)[];
  chats?: Record<string, string[]>;
  tickets?: Record<string, string[]>;
}

/** A 32-hex-digit ID, the shape of LiveChat's webhook IDs and tokens. */
export function hexId(): string {
  return crypto.randomUUID().replace(/-/g, "");
}

export function stateFrom(seed: MockSeed, licence: number): MockState {
  return {
    webhooks: (seed.webhooks ?? []).map((w) => ({ id: hexId(), licence, verified: true, token: hexId(), ...w, data_types: [...w.data_types] })),
    tags: (seed.tags ?? []).map((t) => ({ author: "owner@example.com", creation_date: 1402989014, ...t })),
    chats: Object.fromEntries(Object.entries(seed.chats ?? {}).map(([id, tags]) => [id, [...tags]])),
    tickets: Object.fromEntries(Object.entries(seed.tickets ?? {}).map(([id, tags]) => [id, [...tags]])),
  };
}

/** How many of `lists` carry each tag name. */
function uses(lists: Record<string, string[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const list of Object.values(lists)) for (const name of new Set(list)) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/**
 * Stored tags as the API answers them, with their usage counts: one pass over the chats and
 * tickets for the whole list, not one per tag.
 */
export function tagViews(state: MockState, tags: MockTag[]): Schemas["Tag"][] {
  const inChats = uses(state.chats);
  const inTickets = uses(state.tickets);
  return tags.map((tag) => ({
    name: tag.name,
    author: tag.author,
    creation_date: tag.creation_date,
    count: { inChats: inChats.get(tag.name) ?? 0, inTickets: inTickets.get(tag.name) ?? 0 },
    group: tag.group,
  }));
}
