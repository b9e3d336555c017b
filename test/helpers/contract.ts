// Contract checks: every request and response of a test exchange, validated against the spec's
// own schemas by Ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses). This file only maps the parts
// of an HTTP exchange to the schemas the spec gives them; Ajv does the validating.
import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { deref as derefIn } from "../../scripts/check-upstream.js";
import { ROOT } from "./run.js";

type Doc = Record<string, any>;
const SPEC_ID = "https://livechat-rest-v2/openapi.json";
const spec: Doc = parse(readFileSync(`${ROOT}/spec/openapi.yaml`, "utf8"));

// Parameters and form fields travel as text; `coercing` reads "1" as the integer 1 (never a
// scalar as an array: `data_types=chat` without brackets must fail).
function makeAjv(coerceTypes: boolean) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes });
  addFormats.default(ajv);
  ajv.addSchema(spec, SPEC_ID);
  return ajv;
}
const exact = makeAjv(false);
const coercing = makeAjv(true);

const pointer = (...parts: string[]) => `${SPEC_ID}#/${parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
const compiled = new Map<string, ValidateFunction>();
function validator(ajv: ReturnType<typeof makeAjv>, ref: string): ValidateFunction {
  const key = `${ajv === exact}:${ref}`;
  const known = compiled.get(key);
  if (known) return known;
  const fn = ajv.compile({ $ref: ref });
  compiled.set(key, fn);
  return fn;
}

const deref = (node: any): any => derefIn(spec, node);

function problems(fn: ValidateFunction, value: unknown, where: string): string[] {
  return fn(value) ? [] : (fn.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message}`);
}

/** The spec operation a request addresses: path template, method, and its path parameters. */
export function findOperation(request: Request, baseUrl: string) {
  const url = new URL(request.url);
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  if (!url.pathname.startsWith(basePath)) return undefined;
  const path = url.pathname.slice(basePath.length);
  for (const template of Object.keys(spec.paths)) {
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/\{([^}]+)\}/g, (_, n: string) => (names.push(n), "([^/]+)"))}$`);
    const m = pattern.exec(path);
    const op = spec.paths[template][request.method.toLowerCase()];
    if (m && op) return { template, method: request.method.toLowerCase(), op, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])), url };
  }
  return undefined;
}

/**
 * A form body's fields under the names they were sent with, as the spec's media type reads
 * them: a key whose encoding is `style: form, explode: true` (an array field, such as `tag[]`)
 * collects every value in order; any other key is one text value. Nothing is renamed, so a
 * body that names a field differently from the spec fails it.
 */
function formFields(text: string, media: Doc): { fields: Record<string, string | string[]>; repeated: string[] } {
  const fields: Record<string, string | string[]> = {};
  const repeated = new Set<string>();
  for (const [key, value] of new URLSearchParams(text)) {
    const encoding = media.encoding?.[key];
    if (encoding?.style === "form" && encoding.explode === true) {
      const list = fields[key];
      fields[key] = Array.isArray(list) ? [...list, value] : [value];
    } else if (Object.hasOwn(fields, key)) {
      repeated.add(key);
    } else {
      fields[key] = value;
    }
  }
  return { fields, repeated: [...repeated] };
}

/** Everything in `request` the spec forbids, as readable lines (empty: it conforms). */
export async function checkRequest(request: Request, baseUrl: string): Promise<string[]> {
  const found = findOperation(request, baseUrl);
  if (!found) return [`${request.method} ${request.url}: no such operation in the spec`];
  const { template, method, op, params, url } = found;
  const label = `${method.toUpperCase()} ${template}`;
  const out: string[] = [];
  const declared = (op.parameters ?? []).map(deref);
  for (const [i, p] of (op.parameters ?? []).entries()) {
    const param = deref(p);
    const schemaRef = p.$ref ? `${SPEC_ID}${p.$ref}/schema` : pointer("paths", template, method, "parameters", String(i), "schema");
    let value: unknown;
    if (param.in === "path") value = params[param.name];
    if (param.in === "query") value = url.searchParams.get(param.name) ?? undefined;
    if (param.in === "header") value = request.headers.get(param.name) ?? undefined;
    if (value === undefined) {
      if (param.required) out.push(`${label}: ${param.in} parameter ${param.name} is required`);
      continue;
    }
    out.push(...problems(validator(coercing, schemaRef), value, `${label} ${param.in} ${param.name}`));
  }
  for (const name of url.searchParams.keys()) {
    if (!declared.some((p: any) => p.in === "query" && p.name === name)) out.push(`${label}: query parameter ${name} is not in the spec`);
  }
  const auth = request.headers.get("Authorization") ?? "";
  if (!/^(Basic [A-Za-z0-9+/]+=*|Bearer \S+)$/.test(auth)) out.push(`${label}: no Basic or Bearer Authorization header`);
  if (request.headers.get("X-API-Version") === null) out.push(`${label}: X-API-Version header missing (LiveChat requires it)`);

  const text = await request.clone().text();
  const body = deref(op.requestBody);
  if (!body) {
    if (text !== "") out.push(`${label}: has a body but the operation takes none`);
    return out;
  }
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim();
  if (!body.content?.[type]) return [...out, `${label}: Content-Type ${type || "(none)"} is not one the spec allows`];
  if (text === "" && body.required) return [...out, `${label}: the body is required`];
  const bodyRef = op.requestBody.$ref
    ? `${SPEC_ID}${op.requestBody.$ref}/content/${type.replace(/\//g, "~1")}/schema`
    : pointer("paths", template, method, "requestBody", "content", type, "schema");
  const { fields, repeated } = formFields(text, deref(body.content[type]));
  for (const key of repeated) out.push(`${label} body: ${key} is repeated but is not an array field`);
  out.push(...problems(validator(coercing, bodyRef), fields, `${label} body`));
  return out;
}

/** Everything in `response` (to `request`) the spec forbids. Undocumented statuses are reported only when `strict`. */
export async function checkResponse(request: Request, response: Response, baseUrl: string, strict: boolean): Promise<string[]> {
  const found = findOperation(request, baseUrl);
  if (!found) return [];
  const { template, method, op } = found;
  const label = `${method.toUpperCase()} ${template} → ${response.status}`;
  const documented = op.responses[String(response.status)];
  if (!documented) return strict ? [`${label}: status not documented`] : [];
  const type = (response.headers.get("Content-Type") ?? "").split(";")[0]!.trim();
  const content = deref(documented).content;
  if (!content?.[type]) return [`${label}: Content-Type ${type || "(none)"} is not documented`];
  let body: unknown;
  try {
    body = JSON.parse(await response.clone().text());
  } catch {
    return [`${label}: body is not JSON`];
  }
  const ref = documented.$ref
    ? `${SPEC_ID}${documented.$ref}/content/${type.replace(/\//g, "~1")}/schema`
    : pointer("paths", template, method, "responses", String(response.status), "content", type, "schema");
  return problems(validator(exact, ref), body, `${label} body`);
}
