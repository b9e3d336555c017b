// livechat-rest-v2/mock/msw: the mock as msw request handlers, for setupServer (Node) and
// setupWorker (browsers). The one part of the mock that needs msw, so it has a subpath of its own.
import { http, type RequestHandler } from "msw";
import { responseOrNetworkError } from "./answer.js";
import type { LiveChatMock } from "./index.js";

/**
 * msw handlers answering every request below `mock.baseUrl` with `mock.handle`; a dropped
 * connection becomes msw's network error (`Response.error()`), so the fetch under test rejects.
 * @example setupServer(...mswHandlers(mock))
 */
export function mswHandlers(mock: Pick<LiveChatMock, "baseUrl" | "handle">): RequestHandler[] {
  return [http.all(`${mock.baseUrl}/*`, ({ request }) => responseOrNetworkError(mock.handle(request)))];
}
