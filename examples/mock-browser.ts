// The README's browser example, bundled with esbuild and run in Chromium by test/mock/browser.test.ts.
import { setupWorker } from "msw/browser";
import { createLiveChatMock } from "livechat-rest-v2/mock";
import { mswHandlers } from "livechat-rest-v2/mock/msw";

export const mock = createLiveChatMock({
  credentials: { login: "agent@example.com", apiKey: "test-key" },
  seed: { tags: [{ name: "sales", group: 0 }], chats: { MH0NQTLD8B: [] } },
});
// msw's worker script must be served from your site's root: `npx msw init public/` copies it there.
export const worker = setupWorker(...mswHandlers(mock));
await worker.start({ onUnhandledRequest: "error", quiet: true });
