// The README's receiver example, served on loopback and fed a delivery by the mock.
import { afterAll, expect, test, vi } from "vitest";
import { server } from "../../examples/receive-webhooks.js";
import { createLiveChatMock } from "../../src/mock/index.js";

afterAll(() => new Promise((resolve) => server.close(resolve)));

test("the receiver example logs a delivered chat_ended event", async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const mock = createLiveChatMock({
    credentials: { accessToken: "t" },
    seed: { webhooks: [{ event_type: "chat_ended", data_types: ["chat"], url: `http://livechat:change-me@127.0.0.1:${port}/livechat-webhook` }] },
  });
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const [delivery] = await mock.deliver({ event_type: "chat_ended" });
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(delivery!.status).toBe(200);
  expect(log).toHaveBeenCalledWith("chat MH0NQTLD8B ended with 1 messages");
  log.mockRestore();
});
