// The spec pipeline's guards: the lint rules this spec must keep, the drift check on
// src/generated/, and the offline docs. Each breaks a scratch copy, never the repo.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildDocs, ROOT, runTool, scratchPipeline } from "../helpers/run.js";

const OPERATIONS = ["listWebhooks", "createWebhook", "deleteWebhook", "listTags", "createTag", "deleteTag", "updateChatTags", "updateTicketTags"];

function editSpec(dir: string, edit: (spec: string) => string): void {
  const file = join(dir, "spec/openapi.yaml");
  const before = readFileSync(file, "utf8");
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
}

describe("spec lint", () => {
  test("the spec lints with no errors and no warnings", () => {
    const run = runTool("redocly", ["lint", "--format=stylish"]);
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toContain("Your API description is valid");
    expect(run.stdout + run.stderr).not.toMatch(/\b(error|warning)\s{2,}/);
  });

  test("the spec's own rules reject a spec that breaks them", () => {
    const dir = scratchPipeline();
    editSpec(dir, (spec) => {
      const noVersionOnListWebhooks = spec.replace(
        '      parameters:\n        - $ref: "#/components/parameters/ApiVersion"\n      responses:\n        "200":\n          description: The registered webhooks.',
        '      responses:\n        "200":\n          description: The registered webhooks.',
      );
      const deleteWebhookAt = noVersionOnListWebhooks.indexOf("operationId: deleteWebhook");
      const notFoundAt = noVersionOnListWebhooks.indexOf('"404":', deleteWebhookAt);
      return (noVersionOnListWebhooks.slice(0, notFoundAt) + '"409":' + noVersionOnListWebhooks.slice(notFoundAt + 6))
        .replace("operationId: listTags", "operationId: TagsGet")
        .replace("url: https://api.livechatinc.com", "url: http://api.livechatinc.com")
        .replace("        - oauthBearer: [tags_write]\n", "");
    });
    const run = runTool("redocly", ["lint", "--format=stylish"], dir);
    const out = run.stdout + run.stderr;
    expect(run.status).toBe(1);
    expect(out).toMatch(/error +livechat\/version-header +Operation must document the X-API-Version header\./);
    expect(out).toMatch(/error +livechat\/documented-statuses +Operation delete must document a 404 response\./);
    expect(out).toMatch(/error +rule\/operationId-camel-case +operationIds are camelCase/);
    expect(out).toMatch(/error +rule\/https-servers-only +LiveChat's API is HTTPS only/);
    expect(out).toMatch(/error +livechat\/security-both-schemes +Operation must accept the oauthBearer security scheme\./);
    expect(out).toContain("Validation failed with 5 errors.");
  });

  test("the event → data types pairing is stated once, whole, and agrees with each payload", () => {
    const dir = scratchPipeline();
    editSpec(dir, (spec) =>
      spec
        .replace("        chat_changed: [chat, visitor]\n", "        chat_changed: [chat, ticket]\n")
        .replace("        canned_response_changed: [canned_response]\n", "")
        .replace("data type chosen at registration (`visitor`)", "data type chosen at registration (`chat`)"),
    );
    const run = runTool("redocly", ["lint", "--format=stylish"], dir);
    const out = run.stdout + run.stderr;
    expect(run.status).toBe(1);
    expect(out).toContain("x-data-types-by-event must have one entry per EventType value (chat_started, chat_ended, chat_changed, visitor_queued, ticket_created, canned_response_changed).");
    expect(out).toContain("DataType canned_response is sent with no event in x-data-types-by-event.");
    expect(out).toContain("The chat_changed payload must carry exactly the data types x-data-types-by-event lists for it (chat, ticket); it has chat, visitor.");
    expect(out).toContain("The visitor_queued webhook's description lists chat; x-data-types-by-event says visitor.");
    expect(out).toContain("Validation failed with 5 errors.");
  });

  test("the version header must stay optional for callers of the generated types", () => {
    const dir = scratchPipeline();
    editSpec(dir, (spec) => spec.replace("      name: X-API-Version\n      in: header\n      required: false", "      name: X-API-Version\n      in: header\n      required: true"));
    const run = runTool("redocly", ["lint", "--format=stylish"], dir);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain("X-API-Version must be `required: false` (the client sets it) with schema const 2.");
  });
});

describe("generate:check", () => {
  test("passes on the committed src/generated/", () => {
    expect(runTool("openapi-typescript", ["--check"]).status).toBe(0);
  });

  test("fails after a hand edit to a generated file", () => {
    const dir = scratchPipeline();
    const file = join(dir, "src/generated/schema.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace("tag: string;", "tag: number;"));
    const run = runTool("openapi-typescript", ["--check"], dir);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain("Generated types are not up-to-date!");
  });

  test("fails after an edit to the spec that was not regenerated", () => {
    const dir = scratchPipeline();
    editSpec(dir, (spec) => spec.replace("      summary: List tags\n", "      summary: List all the tags\n"));
    const run = runTool("openapi-typescript", ["--check"], dir);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain("Generated types are not up-to-date!");
  });
});

describe("generate:check of the tables generated by scripts", () => {
  const checkTable = (dir: string) => runTool("tsx", [join(ROOT, "scripts/generate-data-types.ts"), "--check"], dir);

  test("passes on the committed src/generated/data-types.ts", () => {
    expect(checkTable(ROOT).status).toBe(0);
  });

  test("fails after a spec edit to the pairing that was not regenerated", () => {
    const dir = scratchPipeline();
    editSpec(dir, (spec) => spec.replace("        visitor_queued: [visitor]\n", "        visitor_queued: [visitor, chat]\n"));
    const run = checkTable(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("✘ src/generated/data-types.ts is not up-to-date with spec/openapi.yaml: run npm run generate.");
  });
});

describe("docs", () => {
  const dir = scratchPipeline();
  const out = join(dir, "api.html");
  const run = buildDocs(dir, out);

  test("renders one HTML file that embeds the whole spec with every operation", () => {
    expect(run.status).toBe(0);
    const html = readFileSync(out, "utf8");
    const embedded = /const __redoc_definition = (\{.*\});\n/.exec(html)?.[1];
    expect(embedded, "the docs embed the spec").toBeDefined();
    const spec = JSON.parse(embedded!) as { paths: Record<string, Record<string, { operationId: string }>> };
    const ids = Object.values(spec.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(ids.sort()).toEqual([...OPERATIONS].sort());
    expect(html.includes("What this spec guessed"), "the description is prerendered").toBe(true);
  });

  test("loads no script or stylesheet from the network", () => {
    const html = readFileSync(out, "utf8");
    expect(/<script[^>]+src=/i.test(html), "no <script src>").toBe(false);
    expect(/<link[^>]+href=["']?https?:/i.test(html), "no remote <link>").toBe(false);
    expect(html.includes("cdn.redoc.ly"), "no CDN logo").toBe(false);
  });
});
