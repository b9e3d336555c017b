// toNodeListener's types (src/adapters/node.ts) name nothing of node:http, so that the webhooks
// subpath's .d.ts needs no @types/node; node:http's objects must still fit them.
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import { expectTypeOf, test } from "vitest";
import { toNodeListener, type NodeRequestLike, type NodeResponseLike } from "../../src/webhooks/index.js";

test("node:http's request and response are what toNodeListener's listener takes", () => {
  expectTypeOf<IncomingMessage>().toMatchTypeOf<NodeRequestLike>();
  expectTypeOf<ServerResponse>().toMatchTypeOf<NodeResponseLike>();
  const listener = toNodeListener(() => new Response("ok"));
  expectTypeOf(listener).toMatchTypeOf<RequestListener>();
  createServer(listener);
  // @ts-expect-error: a plain object is not a request
  void listener({ url: "/" }, {} as ServerResponse);
  // @ts-expect-error: the handler answers with a Response
  toNodeListener(() => "ok");
});
