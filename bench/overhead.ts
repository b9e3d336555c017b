// Part 1: client overhead per tags.list()-equivalent call, with an in-process transport that
// answers at once (a fetch that returns a ready Response; axios through an adapter; the official
// client with `request` stubbed — its network cost shows in the end-to-end part).
import { axiosClient, bareOpenapiFetch, official, ours, rawFetch } from "./clients.js";
import { interleaved, type Measured } from "./measure.js";

const BASE = "https://api.livechatinc.com";
const BODY = JSON.stringify([{ name: "sales", author: "a@b.c", creation_date: 1, count: { inChats: 0, inTickets: 0 }, group: 0 }]);
const answer = () => new Response(BODY, { status: 200, headers: { "Content-Type": "application/json", "Content-Length": String(BODY.length) } });
const inProcess = async (_input: unknown, _init?: unknown) => answer();

export async function measureOverhead(): Promise<Record<string, Measured>> {
  const client = ours(BASE, inProcess);
  return interleaved({
    "raw fetch (floor)": rawFetch(BASE, inProcess as typeof fetch),
    "bare openapi-fetch": bareOpenapiFetch(BASE, inProcess),
    "livechat-rest-v2 tags.list()": client.resource,
    "livechat-rest-v2 raw.GET": client.raw,
    "axios": axiosClient(BASE, async (config: object) => ({ data: BODY, status: 200, statusText: "OK", headers: { "content-type": "application/json" }, config, request: {} })),
    "livechatapi@0.6.0 (official)": official(BASE, (_options, callback) => queueMicrotask(() => callback(null, { statusCode: 200 }, BODY))),
  });
}
