// livechat-rest-v2/mock/node: the mock served over Node's HTTP server (`npm run mock`, end-to-end
// tests of programs that take a base URL). Node only, so a browser bundle of the mock never
// reaches node:http.
export { serveLiveChatMock, type ServedMock } from "./serve.js";
