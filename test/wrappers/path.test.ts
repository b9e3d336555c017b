import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createLiveChatClient, LiveChatInputError } from "../../src/index.js";
import { KNOWN_OPERATIONS, serializePath } from "../../src/raw/operations.js";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { ROOT } from "../helpers/run.js";
import { answer, BASE, HttpResponse, sent, useWire } from "../helpers/wire.js";

useWire();

describe("serializePath", () => {
  test.each([
    ["sales", "/tags/sales"],
    ["Tag Name", "/tags/Tag%20Name"],
    ["a/b", "/tags/a%2Fb"],
    ["?x#y", "/tags/%3Fx%23y"],
    ["%2e%2e", "/tags/%252e%252e"],
    ["...", "/tags/..."],
    [".hidden", "/tags/.hidden"],
    ["a\\b", "/tags/a%5Cb"],
    ["żółw", "/tags/%C5%BC%C3%B3%C5%82w"],
    [7, "/tags/7"],
  ])("encodes %j as one segment: %s", (tag, path) => {
    expect(serializePath(`${BASE}/tags/{tag}`, { tag })).toBe(`${BASE}${path}`);
  });

  test.each([
    ["", "Path parameter tag must not be empty."],
    [".", 'Path parameter tag cannot be ".": a URL parser would read it as a dot segment and call another endpoint.'],
    ["..", 'Path parameter tag cannot be "..": a URL parser would read it as a dot segment and call another endpoint.'],
    ["\uD83D", "Path parameter tag contains a lone UTF-16 surrogate; pass well-formed Unicode text."],
    [null, "Path parameter tag must be a string; got null."],
    [{}, "Path parameter tag must be a string; got object."],
    [-1, "Path parameter tag must be a string; got number."],
    [1.5, "Path parameter tag must be a string; got number."],
  ])("refuses %j", (tag, message) => {
    expect(() => serializePath(`${BASE}/tags/{tag}`, { tag })).toThrow(new LiveChatInputError(message));
  });

  test("KNOWN_OPERATIONS are exactly the spec's operations", () => {
    const spec = parse(readFileSync(`${ROOT}/spec/openapi.yaml`, "utf8")) as { paths: Record<string, Record<string, unknown>> };
    const fromSpec = Object.entries(spec.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect([...KNOWN_OPERATIONS].sort()).toEqual(fromSpec.sort());
  });
});

describe("for any string, the request names exactly that resource or nothing is sent", () => {
  const client = createLiveChatClient({ auth: { accessToken: "token" }, maxRetries: 0 });
  const cases = [
    { prefix: "/tags/", call: (v: string) => client.tags.delete(v, { group: 1 }), reply: { ok: true } },
    { prefix: "/webhooks/", call: (v: string) => client.webhooks.delete(v), reply: { result: "Push notification removed successfully" } },
    { prefix: "/chats/", suffix: "/tags", call: (v: string) => client.chats.updateTags(v, ["t"]), reply: { chats: [] } },
    { prefix: "/tickets/", suffix: "/tags", call: (v: string) => client.tickets.updateTags(v, ["t"]), reply: { tickets: [] } },
  ];

  test.each(cases)("under $prefix", async ({ prefix, suffix = "", call, reply }) => {
    answer(() => HttpResponse.json(reply));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom(".", "..", "", "%2e", ".%2E", "%2e%2e", "/", "a/../b", "\\..")), async (value) => {
        sent.length = 0;
        try {
          await call(value);
        } catch (error) {
          expect(error).toBeInstanceOf(LiveChatInputError);
          expect(sent).toHaveLength(0);
          return;
        }
        expect(sent).toHaveLength(1);
        const path = new URL(sent[0]!.url).pathname;
        expect(path.startsWith(prefix) && path.endsWith(suffix)).toBe(true);
        const segment = path.slice(prefix.length, path.length - suffix.length);
        expect(segment).not.toContain("/");
        expect(decodeURIComponent(segment)).toBe(value);
      }),
      { numRuns: 300 },
    );
  });
});
