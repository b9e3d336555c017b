// Pipeline step (part of `npm run generate`): compiles the spec's inbound webhook payload schemas
// into a standalone validator, src/generated/webhook-validator.ts, so `parseWebhook` checks
// payloads against the spec itself at run time without shipping Ajv. `--check` fails when the
// committed file is stale.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { parse } from "yaml";
import { standaloneModule, writeOrCheck } from "./generated-file.js";

const SPEC = "spec/openapi.yaml";
const OUT = "src/generated/webhook-validator.ts";
const SPEC_ID = "livechat-spec";

type Doc = Record<string, any>;

/** The payload schemas of the spec's `webhooks` section, as one union told apart by event_type. */
export function webhookUnion(spec: Doc): Doc {
  const refs = Object.values<Doc>(spec.webhooks ?? {}).map((item) => {
    const ref = item.post?.requestBody?.content?.["application/json"]?.schema?.$ref;
    if (typeof ref !== "string") throw new Error("every webhook must POST an application/json body that $refs a component schema");
    return { $ref: `${SPEC_ID}${ref}` };
  });
  return { type: "object", required: ["event_type"], discriminator: { propertyName: "event_type" }, oneOf: refs };
}

/** A copy without the keywords that only document (they would be embedded in the output). */
function withoutProse(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutProse);
  if (!node || typeof node !== "object") return node;
  const out: Doc = {};
  for (const [key, value] of Object.entries(node)) {
    if (!["description", "summary", "example", "examples"].includes(key)) out[key] = withoutProse(value);
  }
  return out;
}

export function generate(specText: string): string {
  const spec = withoutProse(parse(specText)) as Doc;
  // unicode: false measures strings by .length (no runtime helper to import); inlineRefs:
  // false compiles each shared object (chat, visitor...) once instead of once per event.
  const ajv = new Ajv2020({
    strict: false,
    discriminator: true,
    unicode: false,
    inlineRefs: false,
    logger: false,
    code: { source: true, esm: true, lines: false },
  });
  ajv.addSchema(spec, SPEC_ID);
  ajv.addSchema(webhookUnion(spec), "webhook-event");
  const code = standaloneCode.default(ajv, { validateWebhookEvent: "webhook-event" });
  return standaloneModule(code, "scripts/generate-validators.ts");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeOrCheck(OUT, generate(readFileSync(SPEC, "utf8")), "webhook payload validator");
}
