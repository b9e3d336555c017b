// Pipeline step: check that the cleaned spec still covers every operation and parameter of the
// upstream fragments in spec/upstream/ (the record of what was received).
//
// An upstream path maps to a cleaned path segment by segment: a literal segment matches itself
// or, failing that, a `{parameter}` segment (`/webhooks/12345` → `/webhooks/{webhook_id}`).
// An upstream formData field maps to a property of the form body, named as it goes on the wire
// (`tag[0]`, `tag[1]` and `tag[]` → the array property `tag[]`, which must be an array sent as
// repeated keys: `encoding` style form, explode true); query and header parameters map by name.
//
// Usage: tsx scripts/check-upstream.ts [--upstream <dir>] [--spec <file>]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

type Doc = Record<string, any>;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const FORM = "application/x-www-form-urlencoded";

export interface CheckResult {
  matched: string[];
  missing: string[];
}

/** Resolves a local `$ref` (`#/components/...`) against the document, once or repeatedly. */
export function deref(doc: Doc, node: any): any {
  while (node && typeof node === "object" && typeof node.$ref === "string") {
    const pointer: string = node.$ref;
    if (!pointer.startsWith("#/")) throw new Error(`Only local $refs are supported, got ${pointer}`);
    node = pointer
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((at: any, key) => at?.[key], doc);
  }
  return node;
}

function segments(path: string): string[] {
  return path.split("/").filter(Boolean);
}

/** The cleaned path an upstream path maps to, preferring literal segments over parameters. */
export function mapPath(upstreamPath: string, cleanedPaths: string[]): string | undefined {
  const up = segments(upstreamPath);
  const score = (candidate: string): number => {
    const seg = segments(candidate);
    if (seg.length !== up.length) return -1;
    let literal = 0;
    for (const [i, s] of seg.entries()) {
      if (s === up[i]) literal++;
      else if (!/^\{[^}]+\}$/.test(s)) return -1;
    }
    return literal;
  };
  const ranked = cleanedPaths.map((p) => [p, score(p)] as const).filter(([, s]) => s >= 0);
  ranked.sort((a, b) => b[1] - a[1]);
  return ranked[0]?.[0];
}

/** `tag[0]`, `tag[1]` and `tag[]` name the array field `tag[]`; other names are themselves. */
function formFieldName(name: string): { field: string; isArray: boolean } {
  const m = /^(.*)\[\d*\]$/.exec(name);
  return m ? { field: `${m[1]!}[]`, isArray: true } : { field: name, isArray: false };
}

/** The form body's properties, and the names it sends as repeated keys (`encoding` form + explode). */
function formBody(doc: Doc, operation: Doc): { properties: Record<string, any>; repeated: Set<string> } {
  const media = deref(doc, operation.requestBody)?.content?.[FORM];
  const repeated = Object.entries<Doc>(media?.encoding ?? {}).filter(([, e]) => e.style === "form" && e.explode === true).map(([name]) => name);
  return { properties: deref(doc, media?.schema)?.properties ?? {}, repeated: new Set(repeated) };
}

function hasParameter(doc: Doc, operation: Doc, pathItem: Doc, where: string, name: string): boolean {
  const params = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(doc, p));
  const same = (a: string) => (where === "header" ? a.toLowerCase() === name.toLowerCase() : a === name);
  return params.some((p) => p?.in === where && same(String(p.name)));
}

/** Compares the upstream Swagger 2.0 fragments with the cleaned OpenAPI 3.1 spec. */
export function checkUpstream(upstream: Doc[], cleaned: Doc): CheckResult {
  const result: CheckResult = { matched: [], missing: [] };
  const cleanedPaths = Object.keys(cleaned.paths ?? {});
  for (const fragment of upstream) {
    for (const [upPath, upItem] of Object.entries<Doc>(fragment.paths ?? {})) {
      for (const method of METHODS) {
        const upOp = upItem[method];
        if (!upOp) continue;
        const label = `${method.toUpperCase()} ${upPath}`;
        const path = mapPath(upPath, cleanedPaths);
        const pathItem = path ? cleaned.paths[path] : undefined;
        const op = pathItem?.[method];
        if (!path || !op) {
          result.missing.push(`operation ${label} (${upOp.operationId ?? "no operationId"}) has no cleaned operation`);
          continue;
        }
        result.matched.push(`operation ${label} → ${method.toUpperCase()} ${path} (${op.operationId})`);
        for (const param of [...(upItem.parameters ?? []), ...(upOp.parameters ?? [])]) {
          const where = `${param.in} parameter ${param.name} of ${label}`;
          let found: string | undefined;
          if (param.in === "formData") {
            const { field, isArray } = formFieldName(String(param.name));
            const { properties, repeated } = formBody(cleaned, op);
            const prop = deref(cleaned, properties[field]);
            if (prop && (!isArray || (prop.type === "array" && repeated.has(field)))) found = `form field ${field}`;
          } else if (["query", "header", "path"].includes(param.in)) {
            if (hasParameter(cleaned, op, pathItem, param.in, String(param.name))) found = `${param.in} ${param.name}`;
          }
          if (found) result.matched.push(`  ${where} → ${found}`);
          else result.missing.push(`${where} is missing from ${method.toUpperCase()} ${path}`);
        }
      }
    }
  }
  return result;
}

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function main(): void {
  const upstreamDir = argument("--upstream", "spec/upstream");
  const specFile = argument("--spec", "spec/openapi.yaml");
  const files = readdirSync(upstreamDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  if (files.length === 0) throw new Error(`No upstream fragments (*.yaml) in ${upstreamDir}`);
  const upstream = files.map((f) => parse(readFileSync(join(upstreamDir, f), "utf8")) as Doc);
  const { matched, missing } = checkUpstream(upstream, parse(readFileSync(specFile, "utf8")) as Doc);
  console.log(`Upstream fragments: ${files.join(", ")}; cleaned spec: ${specFile}`);
  for (const line of matched) console.log(`✔ ${line}`);
  if (missing.length > 0) {
    for (const line of missing) console.error(`✘ ${line}`);
    console.error(`${missing.length} upstream item(s) not covered by ${specFile}.`);
    process.exit(1);
  }
  console.log(`All ${matched.length} upstream operations and parameters are covered.`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
