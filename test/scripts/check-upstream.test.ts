import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mapPath } from "../../scripts/check-upstream.js";
import { ROOT, runTool } from "../helpers/run.js";

function upstreamCopy(edit: (webhooks: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "livechat-upstream-"));
  cpSync(join(ROOT, "spec/upstream"), dir, { recursive: true });
  const file = join(dir, "webhooks.swagger.yaml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return dir;
}

const check = (upstream?: string) =>
  runTool("tsx", ["scripts/check-upstream.ts", ...(upstream ? ["--upstream", upstream] : [])]);

describe("check-upstream", () => {
  test.each([
    ["/webhooks/12345", "/webhooks/{webhook_id}"],
    ["/chats/ABC123/tags", "/chats/{chat_id}/tags"],
    ["/tickets/5FUED/tags", "/tickets/{ticket_id}/tags"],
    ["/tags/support", "/tags/{tag}"],
    ["/tags", "/tags"],
    ["/webhooks", "/webhooks"],
  ])("maps upstream path %s to %s", (upstream, cleaned) => {
    const cleanedPaths = ["/webhooks", "/webhooks/{webhook_id}", "/tags", "/tags/{tag}", "/chats/{chat_id}/tags", "/tickets/{ticket_id}/tags"];
    expect(mapPath(upstream, cleanedPaths)).toBe(cleaned);
  });

  test("passes on spec/upstream and prints every operation it matched", () => {
    const run = check();
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    for (const id of ["listWebhooks", "createWebhook", "deleteWebhook", "listTags", "createTag", "deleteTag", "updateChatTags", "updateTicketTags"]) {
      expect(run.stdout).toContain(`(${id})`);
    }
    expect(run.stdout).toContain("formData parameter tag[0] of PUT /chats/ABC123/tags → form field tag[]");
    expect(run.stdout).toContain("All 27 upstream operations and parameters are covered.");
  });

  test("fails naming an upstream operation the spec lacks", () => {
    const dir = upstreamCopy((text) =>
      text.replace("  /webhooks/12345:\n", "  /webhooks/12345/test:\n    post:\n      operationId: WebhooksTestPost\n      responses:\n        200:\n          description: OK\n  /webhooks/12345:\n"),
    );
    const run = check(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("✘ operation POST /webhooks/12345/test (WebhooksTestPost) has no cleaned operation");
    expect(run.stderr).toContain("1 upstream item(s) not covered by spec/openapi.yaml.");
  });

  test("fails naming an upstream parameter the spec lacks", () => {
    const dir = upstreamCopy((text) =>
      text.replace("      - in: formData\n        name: url\n", "      - in: formData\n        name: url\n      - in: formData\n        name: secret_key\n"),
    );
    const run = check(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("✘ formData parameter secret_key of POST /webhooks is missing from POST /webhooks");
  });

  test("fails when an upstream array field is not an array in the spec", () => {
    const dir = upstreamCopy((text) => text.replace("name: event_type", "name: event_type[]"));
    const run = check(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("✘ formData parameter event_type[] of POST /webhooks is missing from POST /webhooks");
  });

  test("maps upstream tag[0], tag[1] and tag[] to the spec's wire name tag[], and data_types[] likewise", () => {
    const run = check();
    expect(run.stdout).toContain("formData parameter tag[1] of PUT /chats/ABC123/tags → form field tag[]");
    expect(run.stdout).toContain("formData parameter tag[] of PUT /tickets/5FUED/tags → form field tag[]");
    expect(run.stdout).toMatch(/formData parameter data_types\[\w*\] of POST \/webhooks → form field data_types\[\]/);
  });

  test("fails when the spec's array field is not sent as repeated keys (no encoding style form, explode true)", () => {
    const dir = mkdtempSync(join(tmpdir(), "livechat-spec-"));
    const spec = readFileSync(join(ROOT, "spec/openapi.yaml"), "utf8");
    const edited = spec.replace('          encoding:\n            "tag[]":\n              style: form\n              explode: true\n', "");
    expect(edited).not.toBe(spec);
    writeFileSync(join(dir, "openapi.yaml"), edited);
    const run = runTool("tsx", ["scripts/check-upstream.ts", "--spec", join(dir, "openapi.yaml")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("✘ formData parameter tag[0] of PUT /chats/ABC123/tags is missing from PUT /chats/{chat_id}/tags");
    expect(run.stderr).toContain("✘ formData parameter tag[] of PUT /tickets/5FUED/tags is missing from PUT /tickets/{ticket_id}/tags");
  });

  test("fails naming a missing query parameter", () => {
    const dir = mkdtempSync(join(tmpdir(), "livechat-upstream-"));
    cpSync(join(ROOT, "spec/upstream"), dir, { recursive: true });
    const file = join(dir, "tags.swagger.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("        name: group\n", "        name: group\n      - in: query\n        name: callback\n"));
    const run = check(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("✘ query parameter callback of GET /tags is missing from GET /tags");
  });
});
