// Calls that must not compile for a user of the package, and beside them one that must.
import { createServer } from "node:http";
import { createLiveChatClient } from "livechat-rest-v2";
import { createLiveChatRawClient } from "livechat-rest-v2/raw";
import { createWebhookHandler, toNodeListener } from "livechat-rest-v2/webhooks";

const livechat = createLiveChatClient({ auth: { accessToken: "t" } });
// @ts-expect-error: not an event type
void livechat.webhooks.create({ event_type: "chat_closed", data_types: ["chat"], url: "https://x.y" });
// @ts-expect-error: ticket is not sent with chat_started
void livechat.webhooks.create({ event_type: "chat_started", data_types: ["ticket"], url: "https://x.y" });
// @ts-expect-error: group is required
void livechat.tags.delete("sales", {});
// @ts-expect-error: not a path of the API
void createLiveChatRawClient({ auth: { accessToken: "t" } }).GET("/agents");
const listener = toNodeListener(createWebhookHandler({ onEvent: () => undefined }));
// @ts-expect-error: not a request and a response of node:http
void listener({ url: "/" }, {});
// @ts-expect-error: the handler answers with a Response
toNodeListener(() => "ok");
createServer(listener); // what does compile, with the DOM lib and Node's types both
// @ts-expect-error: GET /tags has no query parameter foo (refused at run time too)
void createLiveChatRawClient({ auth: { accessToken: "t" } }).GET("/tags", { params: { query: { group: 1, foo: 2 } } });
// @ts-expect-error: tags.list takes only group (refused at run time too)
void livechat.tags.list({ group: 1, foo: 2 });
