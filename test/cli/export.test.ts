// export's file: password variables, what a file cannot hold twice, and the schema reference.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseConfig } from "../../src/cli/config/load.js";
import { exportConfig, schemaReference } from "../../src/cli/export.js";
import { PACKAGE_VERSION, type components } from "../../src/index.js";

type Webhook = components["schemas"]["Webhook"];
const hook = (id: string, url: string, event_type: Webhook["event_type"] = "chat_started"): Webhook => ({ id, licence: 1, event_type, data_types: ["chat"], url, verified: true, token: "t" });

describe("password variables", () => {
  test("one per host and password: shared when both match, _2 for another password on the host", () => {
    const { text, variables } = exportConfig(
      [],
      [
        hook("1", "https://u:one@hooks.example.com/a"),
        hook("2", "https://u:one@hooks.example.com/b", "chat_ended"),
        hook("3", "https://v:two@hooks.example.com:8443/c"),
        hook("4", "https://u:one@other.example/d"),
        hook("5", "https://nopassword@other.example/e"),
      ],
      "schema.json",
    );
    // In the file's order: by event type, then URL as written.
    expect(variables.map((v) => v.name)).toEqual(["LIVECHAT_WEBHOOK_PASSWORD_HOOKS_EXAMPLE_COM", "LIVECHAT_WEBHOOK_PASSWORD_OTHER_EXAMPLE", "LIVECHAT_WEBHOOK_PASSWORD_HOOKS_EXAMPLE_COM_2"]);
    const env = { LIVECHAT_WEBHOOK_PASSWORD_HOOKS_EXAMPLE_COM: "one", LIVECHAT_WEBHOOK_PASSWORD_HOOKS_EXAMPLE_COM_2: "two", LIVECHAT_WEBHOOK_PASSWORD_OTHER_EXAMPLE: "one" };
    const urls = parseConfig("x.yaml", text, env).webhooks!.map((w) => w.url);
    expect(urls.sort()).toEqual(["https://u:one@hooks.example.com/a", "https://u:one@hooks.example.com/b", "https://v:two@hooks.example.com:8443/c", "https://u:one@other.example/d", "https://nopassword@other.example/e"].sort());
    expect(text).not.toMatch(/:(one|two)@/);
  });

  test("a password with a raw @ is replaced whole, and the variable is named after the host the URL parser finds", () => {
    const { text, variables } = exportConfig([], [hook("1", "https://hooks:p@ssw0rd-very-secret@example.com/x")], "schema.json");
    expect(variables.map((v) => v.name)).toEqual(["LIVECHAT_WEBHOOK_PASSWORD_EXAMPLE_COM"]);
    expect(text).toContain("url: https://hooks:${LIVECHAT_WEBHOOK_PASSWORD_EXAMPLE_COM}@example.com/x\n");
    expect(text).not.toContain("ssw0rd");
  });

  test("an @ after the host while a : is before it (a password may have ended early): everything to the last @ is the reference", () => {
    // WHATWG reads host ss and host hooks.example.com; the password may be p@ss/w0rd and pw@hooks.example.com\ (the CLI refuses both as input).
    const { text, variables } = exportConfig([], [hook("1", "https://livechat:p@ss/w0rd-6h2v@hooks2.example.com/lc"), hook("2", "https://u:pw@hooks.example.com\\@evil.example/y")], "schema.json");
    expect(variables.map((v) => v.name)).toEqual(["LIVECHAT_WEBHOOK_PASSWORD_HOOKS2_EXAMPLE_COM", "LIVECHAT_WEBHOOK_PASSWORD_EVIL_EXAMPLE"]);
    expect(text).toContain("url: https://livechat:${LIVECHAT_WEBHOOK_PASSWORD_HOOKS2_EXAMPLE_COM}@hooks2.example.com/lc\n");
    expect(text).toContain("url: https://u:${LIVECHAT_WEBHOOK_PASSWORD_EVIL_EXAMPLE}@evil.example/y\n");
    expect(text).not.toMatch(/w0rd|ss\/|pw@/);
  });

  test("a URL with a tab or line break is written as URL parsers read it, without them, so the file it writes is accepted", () => {
    const { text } = exportConfig([], [hook("1", "https://hooks.example.com/\tx"), hook("2", "https://u:pw-77\t@hooks.example.com/y")], "schema.json");
    expect(text).toContain("url: https://hooks.example.com/x\n");
    expect(text).toContain("url: https://u:${LIVECHAT_WEBHOOK_PASSWORD_HOOKS_EXAMPLE_COM}@hooks.example.com/y\n");
    expect(parseConfig("x.yaml", text, { LIVECHAT_WEBHOOK_PASSWORD_HOOKS_EXAMPLE_COM: "pw-77" }).webhooks).toHaveLength(2);
  });

  test("names and URLs with a literal ${ are escaped, and read back as written", () => {
    const tag = { name: "cost ${X}", group: 0, author: "a@b.c", creation_date: 0, count: { inChats: 0, inTickets: 0 } };
    const { text } = exportConfig([tag], [hook("1", "https://example.com/${path}")], "schema.json");
    const config = parseConfig("x.yaml", text, {});
    expect(config.tags![0]!.name).toBe("cost ${X}");
    expect(config.webhooks![0]!.url).toBe("https://example.com/${path}");
  });

  test("a second webhook with the same event type and URL is left out and reported, so the file stays valid", () => {
    const { text, skipped } = exportConfig([], [hook("1", "https://example.com/a"), hook("2", "https://example.com/a")], "schema.json");
    expect(skipped.map((w) => w.id)).toEqual(["2"]);
    expect(parseConfig("x.yaml", text, {}).webhooks).toHaveLength(1);
  });
});

describe("the schema reference", () => {
  const project = mkdtempSync(join(tmpdir(), "livechat-ref-"));
  const schema = join(project, "node_modules/livechat-rest-v2/schema/livechat.schema.json");
  mkdirSync(join(project, "node_modules/livechat-rest-v2/schema"), { recursive: true });
  mkdirSync(join(project, "config/prod"), { recursive: true });
  writeFileSync(schema, "{}");

  test.each([
    ["a file at the project's root", project, "./node_modules/livechat-rest-v2/schema/livechat.schema.json"],
    ["a file in a subfolder", join(project, "config/prod"), "../../node_modules/livechat-rest-v2/schema/livechat.schema.json"],
    ["a file outside the project (npx's cache, a global install)", tmpdir(), `https://unpkg.com/livechat-rest-v2@${PACKAGE_VERSION}/schema/livechat.schema.json`],
  ])("%s: %s", (_, directory, expected) => {
    expect(schemaReference(directory, schema)).toBe(expected);
  });

  test("the unpkg URL when the schema file is missing", () => {
    expect(schemaReference(project, join(project, "missing.json"))).toBe(`https://unpkg.com/livechat-rest-v2@${PACKAGE_VERSION}/schema/livechat.schema.json`);
  });
});
