// The page of test/mock/browser.test.ts: the README's browser example, and the client from src,
// handed to the test on `window`.
import * as livechat from "livechat-rest-v2";
import { mock } from "../../../examples/mock-browser.js";

Object.assign(window, { livechat, mock, ready: true });
