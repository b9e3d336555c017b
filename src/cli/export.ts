// `export`: the account's tags and webhooks as a config file that plans to no change, with each
// webhook URL password replaced by a `${NAME}` reference (so the file can be committed) and a
// modeline that points editors at the schema shipped in the package.
import { existsSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Document, isScalar, isSeq, visit } from "yaml";
import { PACKAGE_VERSION, type components } from "../index.js";
import { escapeReferences } from "./config/substitute.js";
import { asParsed, splitPassword } from "./mask.js";

type Tag = components["schemas"]["Tag"];
type Webhook = components["schemas"]["Webhook"];

/** The schema this CLI ships: dist/cli/export.js → schema/livechat.schema.json in the package. */
export const SCHEMA_FILE = fileURLToPath(new URL("../../schema/livechat.schema.json", import.meta.url));
const SCHEMA_URL = `https://unpkg.com/livechat-rest-v2@${PACKAGE_VERSION}/schema/livechat.schema.json`;

/**
 * The `$schema` reference for a file written in `directory`: the path, relative to the file, of
 * the schema in this installed package when it sits in the project (`./node_modules/…`, what
 * an editor opening the file finds too); else the same file on unpkg at this version (run
 * from npx's cache, a global install or this repository).
 */
export function schemaReference(directory: string, schemaFile = SCHEMA_FILE): string {
  if (!existsSync(schemaFile)) return SCHEMA_URL;
  const path = relative(directory, schemaFile).split(sep).join("/");
  if (/^(\.\.\/)*node_modules\//.test(path)) return path.startsWith(".") ? path : `./${path}`;
  return SCHEMA_URL;
}

/** An environment variable name for the password of a webhook URL's host (and port): LIVECHAT_WEBHOOK_PASSWORD_HOOKS_EXAMPLE_COM. */
function variableBase(hostAndPort: string): string {
  const host = hostAndPort.replace(/:\d*$/, "");
  const slug = host.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return `LIVECHAT_WEBHOOK_PASSWORD${slug ? `_${slug}` : ""}`;
}

export interface Exported {
  text: string;
  /** Each `${NAME}` written, with a URL it stands in (masked by Output when printed). */
  variables: { name: string; url: string }[];
  /** Webhooks left out: another with the same event type and URL is in the file (a file lists each identity once). */
  skipped: Webhook[];
}

/**
 * The config file for `tags` and `webhooks`. A password becomes `${LIVECHAT_WEBHOOK_PASSWORD_<HOST>}`;
 * one variable per host and password (the same password on the same host shares it; another
 * password on that host gets `_2`, `_3`…).
 */
export function exportConfig(tags: readonly Tag[], webhooks: readonly Webhook[], schemaRef: string): Exported {
  const names = new Map<string, string>(); // host + password → variable
  const used = new Set<string>();
  const variables: Exported["variables"] = [];
  const url = (raw: string): string => {
    const parts = splitPassword(raw);
    // As URL parsers read it, without tabs and line breaks (what splitPassword's parts are of too).
    if (!parts || parts.password === "") return escapeReferences(asParsed(raw));
    const base = variableBase(parts.host);
    const key = `${base}\0${parts.password}`;
    let name = names.get(key);
    if (!name) {
      name = base;
      for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
      used.add(name);
      names.set(key, name);
      variables.push({ name, url: raw });
    }
    return `${escapeReferences(parts.before)}\${${name}}${escapeReferences(parts.after)}`;
  };
  const sortedTags = [...tags].sort((a, b) => a.group - b.group || a.name.localeCompare(b.name));
  const seen = new Set<string>();
  const skipped: Webhook[] = [];
  const kept = webhooks.filter((w) => {
    const key = `${w.event_type}\0${w.url}`;
    if (seen.has(key)) skipped.push(w);
    else seen.add(key);
    return !skipped.includes(w);
  });
  const sortedHooks = kept.sort((a, b) => a.event_type.localeCompare(b.event_type) || a.url.localeCompare(b.url));
  const doc = new Document({
    tags: sortedTags.map((t) => ({ name: escapeReferences(t.name), group: t.group, author: escapeReferences(t.author) })),
    webhooks: sortedHooks.map((w) => ({ event_type: w.event_type, data_types: [...w.data_types], url: url(w.url) })),
  });
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === "data_types" && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  doc.commentBefore = [
    ` yaml-language-server: $schema=${schemaRef}`,
    " The tags and webhooks of a LiveChat account, for `livechat-rest-v2 plan -f FILE` and `apply -f FILE`.",
    " A tag is its name and group; a webhook its event_type and url. ${NAME} is read from the environment.",
  ].join("\n");
  return { text: doc.toString({ lineWidth: 0, flowCollectionPadding: false }), variables, skipped };
}

/** The directory a file written to `output` (or stdout, with `cwd`) sits in. */
export function outputDirectory(output: string | undefined, cwd: string): string {
  return output === undefined ? cwd : dirname(resolve(cwd, output));
}
