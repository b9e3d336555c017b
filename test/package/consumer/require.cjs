// CommonJS: require() of this ESM-only package, which Node 20.19+ allows for ESM without top-level await.
const { createLiveChatClient } = require("livechat-rest-v2");
const { createLiveChatMock } = require("livechat-rest-v2/mock");
const { parseWebhook } = require("livechat-rest-v2/webhooks");
console.log(typeof createLiveChatClient, typeof createLiveChatMock, typeof parseWebhook);
