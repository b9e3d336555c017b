import { expect, test } from "vitest";
import { BufferedResponse } from "../../src/wrappers/buffered-response.js";

const init = { status: 201, statusText: "Created", headers: { "Content-Type": "application/json" } };

test("answers text, json, arrayBuffer, blob and body from the buffered text, as often as asked", async () => {
  const response = new BufferedResponse('{"a":1}', init);
  expect([response.status, response.statusText, response.ok, response.headers.get("content-type")]).toEqual([201, "Created", true, "application/json"]);
  expect(await response.text()).toBe('{"a":1}');
  expect(await response.json()).toEqual({ a: 1 });
  expect(await response.json()).toEqual({ a: 1 });
  expect(new TextDecoder().decode(await response.arrayBuffer())).toBe('{"a":1}');
  expect([(await response.blob()).type, await (await response.blob()).text()]).toEqual(["application/json", '{"a":1}']);
  expect(response.bodyUsed).toBe(false);
  expect(response.body).toBe(response.body); // one stream, as a Response has: a reader that reads it twice does not hang
  expect(await new Response(response.body).text()).toBe('{"a":1}');
  expect(response.bodyUsed).toBe(true);
  expect(await response.text()).toBe('{"a":1}');
});

test("returns a parse done earlier once, then parses afresh", async () => {
  const parsed = { value: { from: "transport" } };
  const response = new BufferedResponse('{"from":"text"}', init, parsed);
  expect(await response.json()).toBe(parsed.value);
  expect(await response.json()).toEqual({ from: "text" });
});

test("rejects json() of text that is not JSON, has no body when empty, and clones", async () => {
  await expect(new BufferedResponse("<html>", init).json()).rejects.toThrow(SyntaxError);
  const empty = new BufferedResponse("", { status: 204 });
  expect([empty.body, await empty.text()]).toEqual([null, ""]);
  const clone = new BufferedResponse("x", init).clone();
  expect([clone.status, clone.statusText, await clone.text(), clone.headers.get("content-type")]).toEqual([201, "Created", "x", "application/json"]);
});
