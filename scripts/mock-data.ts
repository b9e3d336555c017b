// The demo account `npm run mock` serves (also used by the benchmarks' HTTPS mock).
export const DEMO_CREDENTIALS = { login: "demo@example.com", apiKey: "demo-api-key" } as const;
export const DEMO_ACCESS_TOKEN = "demo-access-token";
export const DEMO_SEED = {
  tags: [
    { name: "sales", group: 0, author: DEMO_CREDENTIALS.login },
    { name: "support", group: 0, author: DEMO_CREDENTIALS.login },
  ],
  chats: { MH0NQTLD8B: ["support"] },
  tickets: { "5FUED": [] },
};
