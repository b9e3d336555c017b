// The config file's JSON Schema, as shipped in schema/: generated from the spec, and read by a
// fresh Ajv the way an editor's language server reads it, it must accept exactly what the CLI's
// compiled validator accepts, and pair event and data types exactly as the spec does.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { configSchema } from "../../scripts/generate-config-schema.js";
import { validate as compiled } from "../../src/generated/config-validator.js";
import { DATA_TYPES_BY_EVENT } from "../../src/index.js";
import { ROOT } from "../helpers/run.js";

const shipped = JSON.parse(readFileSync(join(ROOT, "schema/livechat.schema.json"), "utf8"));
const spec = parse(readFileSync(join(ROOT, "spec/openapi.yaml"), "utf8"));
const editor = new Ajv({ strict: false, allErrors: true }).compile(shipped);
const runtime = compiled as (data: unknown) => boolean;

test("is what scripts/generate-config-schema.ts makes of the spec now", () => {
  expect(shipped).toEqual(configSchema(spec));
});

test("takes its enums from the spec", () => {
  const { webhook } = shipped.definitions;
  expect(webhook.properties.event_type.enum).toEqual(spec.components.schemas.EventType.enum);
  expect(webhook.properties.data_types.items.enum).toEqual(spec.components.schemas.DataType.enum);
});

const events = Object.keys(DATA_TYPES_BY_EVENT) as (keyof typeof DATA_TYPES_BY_EVENT)[];
const dataTypes: string[] = spec.components.schemas.DataType.enum;
const pairs = events.flatMap((event) => dataTypes.map((type) => [event, type, (DATA_TYPES_BY_EVENT[event] as readonly string[]).includes(type)] as const));

test.each(pairs)("a %s webhook with data type %s: accepted is %s, by the editor's reading and the CLI's", (event, type, allowed) => {
  const file = { webhooks: [{ event_type: event, data_types: [type], url: "https://example.com/hook" }] };
  expect(editor(file)).toBe(allowed);
  expect(runtime(file)).toBe(allowed);
});

describe("accepts and refuses the same files as the CLI's compiled validator", () => {
  const hook = { event_type: "chat_started", data_types: ["chat"], url: "https://example.com/x" };
  test.each<[string, unknown, boolean]>([
    ["an empty map: manages nothing", {}, false],
    ["an author alone: manages nothing", { author: "a@b.c" }, false],
    ["tags alone", { tags: [] }, true],
    ["webhooks alone", { webhooks: [] }, true],
    ["every key", { author: "a@b.c", tags: [{ name: "sales", group: 0, author: "x@y.z" }], webhooks: [hook] }, true],
    ["a password reference in a URL", { webhooks: [{ ...hook, url: "https://u:${HOOK_PASSWORD}@example.com/x" }] }, true],
    ["an unknown top-level key", { tag: [] }, false],
    ["an unknown tag key", { tags: [{ name: "a", group: 0, colour: "red" }] }, false],
    ["a tag without group", { tags: [{ name: "a" }] }, false],
    ["a negative group", { tags: [{ name: "a", group: -1 }] }, false],
    ["a fractional group", { tags: [{ name: "a", group: 1.5 }] }, false],
    ["an empty name", { tags: [{ name: "", group: 0 }] }, false],
    ["an unknown event type", { webhooks: [{ ...hook, event_type: "chat_start" }] }, false],
    ["no data types", { webhooks: [{ ...hook, data_types: [] }] }, false],
    ["a repeated data type", { webhooks: [{ ...hook, data_types: ["chat", "chat"] }] }, false],
    ["an ftp URL", { webhooks: [{ ...hook, url: "ftp://example.com" }] }, false],
    ["a URL with a space", { webhooks: [{ ...hook, url: "https://exa mple.com" }] }, false],
    ["a list at the top", [], false],
  ])("%s: %s", (_, file, valid) => {
    expect(editor(file)).toBe(valid);
    expect(runtime(file)).toBe(valid);
  });
});
