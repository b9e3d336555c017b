// `npm run mock`: the mock LiveChat API on 127.0.0.1 (port from PORT, default 8787), seeded with
// a little demo data, so a person can try the client with curl or the demo.
import { createLiveChatMock } from "../src/mock/index.js";
import { serveLiveChatMock } from "../src/mock/node.js";
import { DEMO_ACCESS_TOKEN, DEMO_CREDENTIALS, DEMO_SEED } from "./mock-data.js";

// LIVECHAT_MOCK_CHATS=N adds chats C0..C(N-1) and tickets T0..T(N-1), for load tests.
const extra = Number(process.env.LIVECHAT_MOCK_CHATS ?? 0);
const ids = (prefix: string) => Object.fromEntries(Array.from({ length: extra }, (_, i) => [`${prefix}${i}`, [] as string[]]));
const seed = { ...DEMO_SEED, chats: { ...DEMO_SEED.chats, ...ids("C") }, tickets: { ...DEMO_SEED.tickets, ...ids("T") } };
const mock = createLiveChatMock({ credentials: [DEMO_CREDENTIALS, { accessToken: DEMO_ACCESS_TOKEN }], seed });
const served = await serveLiveChatMock(mock, { port: Number(process.env.PORT ?? 8787) });
// Tests and benchmarks that spawn `npm run mock` read this first line.
const basic = Buffer.from(`${DEMO_CREDENTIALS.login}:${DEMO_CREDENTIALS.apiKey}`).toString("base64");
console.log(`LiveChat mock listening on ${served.baseUrl}
  login:   ${DEMO_CREDENTIALS.login}
  api key: ${DEMO_CREDENTIALS.apiKey}    (or the OAuth token ${DEMO_ACCESS_TOKEN})
  chats:   MH0NQTLD8B    tickets: 5FUED    tags: sales, support (group 0)

  curl -H "X-API-Version: 2" -H "Authorization: Basic ${basic}" ${served.baseUrl}/tags
  createLiveChatClient({ baseUrl: "${served.baseUrl}", auth: { login: "${DEMO_CREDENTIALS.login}", apiKey: "${DEMO_CREDENTIALS.apiKey}" } })
Ctrl-C stops it.`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void served.close().then(() => process.exit(0)));
