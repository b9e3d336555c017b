// The demo account `livechat-rest-v2 mock` and `npm run mock` serve (also the benchmarks' HTTPS
// mock): well-known credentials and a little data to try commands on. Not exported by any entry
// point; the bin imports it only when `mock` runs, so no client bundle holds it.
import { createLiveChatMock, type LiveChatMock, type MockSeed } from "./index.js";

export const DEMO_CREDENTIALS = { login: "demo@example.com", apiKey: "demo-api-key" } as const;
export const DEMO_ACCESS_TOKEN = "demo-access-token";
export const DEMO_SEED = {
  tags: [
    { name: "sales", group: 0, author: DEMO_CREDENTIALS.login },
    { name: "support", group: 0, author: DEMO_CREDENTIALS.login },
  ],
  chats: { MH0NQTLD8B: ["support"] },
  tickets: { "5FUED": [] },
} satisfies MockSeed;

/** A mock of the demo account, taking its Basic credentials and its token; `chats` adds chats C0… and tickets T0… (load tests). */
export function createDemoMock(options: { chats?: number } = {}): LiveChatMock {
  const ids = (prefix: string) => Object.fromEntries(Array.from({ length: options.chats ?? 0 }, (_, i) => [`${prefix}${i}`, [] as string[]]));
  const seed: MockSeed = { ...DEMO_SEED, chats: { ...DEMO_SEED.chats, ...ids("C") }, tickets: { ...DEMO_SEED.tickets, ...ids("T") } };
  return createLiveChatMock({ credentials: [DEMO_CREDENTIALS, { accessToken: DEMO_ACCESS_TOKEN }], seed });
}
