// The README's raw-client middleware example (test/readme.test.ts keeps the two equal; test/wrappers/request.test.ts runs it).
import { createLiveChatRawClient, PlainRequest, type LiveChatMiddleware } from "livechat-rest-v2/raw";

// `request` is a PlainRequest: url, method, headers (a Headers), body (the encoded form) and signal.
export const requestIds: LiveChatMiddleware = {
  onRequest({ request }) {
    const headers = new Headers(request.headers);
    headers.set("X-Request-Id", crypto.randomUUID());
    return new PlainRequest(request, { headers }); // a copy of request with other headers
  },
  onResponse({ request, response }) {
    if (!response.ok) console.warn(`${request.method} ${request.url} answered ${response.status}`);
  },
};

export const raw = createLiveChatRawClient({ auth: { accessToken: process.env.LIVECHAT_ACCESS_TOKEN ?? "token" } });
raw.use(requestIds);
