// Config as code: validate, plan, apply and export a YAML file of the account's tags and webhooks.
import { existsSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { appliedJson, applyActions, reportFailure } from "../apply.js";
import { JSON_OPTION, type Command, type Context, type OptionSpec } from "../args.js";
import type { Config } from "../config/load.js";
import { defaultAuthor } from "../credentials.js";
import { actionJson, describeAction, describeNotManaged, describeUnmanaged, unmanagedJson } from "../describe.js";
import { CliError, ConfigProblems } from "../failure.js";
import { userinfoProblem } from "../mask.js";
import { secretForms } from "../output.js";
import { computePlan, KINDS, counts, pruneSize, summaryLine, type Plan } from "../plan.js";

const FILE_OPTION: OptionSpec = { type: "string", short: "f", value: "FILE", example: "livechat.yaml", description: "the config file (default: livechat.yaml)" };
const PRUNE_OPTION: OptionSpec = { type: "boolean", description: "also delete the tags and webhooks the file does not list, of the kinds it has a key for (default: leave them, reported as unmanaged)" };
const FORCE_OPTION: OptionSpec = { type: "boolean", description: "let --prune delete more than half of what exists of the kinds the file manages (together)" };

const FILE_FORMAT = [
  "The file lists tags (name, group, optional author) and webhooks (event_type, data_types, url); a top-level author is the default author of created tags (else LIVECHAT_LOGIN). ${NAME} in a value is read from the environment: keep webhook URL passwords out of the file that way.",
  "A kind whose key the file leaves out is not managed by it: plan and apply leave every one of them alone, also with --prune. tags: [] or webhooks: [] manages that kind and wants none of it (--prune deletes what exists). A file with neither key is refused.",
];

/**
 * Reads and checks -f (default livechat.yaml). Every value read through `${NAME}` becomes a secret
 * of the output as it is read, before any problem can be printed; then every webhook URL's
 * password. The YAML parser is loaded here, not at start-up, so other commands start faster.
 */
async function configOf(context: Context): Promise<Config> {
  const file = (context.values.file as string | undefined) ?? "livechat.yaml";
  const { loadConfig } = await import("../config/load.js");
  const config = loadConfig(file, context.cwd, context.env, (value) => context.output.secret(...secretForms(value)));
  for (const w of config.webhooks ?? []) context.output.urlSecret(w.url);
  return config;
}

/** The plan for `config` against the account; CliError when a tag to create has no author. */
async function planFor(context: Context, config: Config): Promise<Plan> {
  const client = context.client();
  const [tags, { events: webhooks }] = await Promise.all([client.tags.list(), client.webhooks.list()]);
  for (const w of webhooks) context.output.urlSecret(w.url);
  const plan = computePlan({ ...config, author: config.author ?? defaultAuthor(context.auth()) }, { tags, webhooks }, { prune: context.values.prune === true });
  const authorless = plan.actions.flatMap((a) => (a.action === "create" && a.kind === "tag" && !a.author ? [a] : []));
  if (authorless.length > 0) {
    throw new ConfigProblems(
      config.file,
      authorless.map((a) => ({
        ...(a.at ?? { line: 1, column: 1 }),
        message: `tag ${JSON.stringify(a.name)} in group ${a.group} is to be created but has no author, and LIVECHAT_ACCESS_TOKEN gives no login to default to; add author: you@example.com to the tag, or at the top of the file`,
      })),
    );
  }
  return plan;
}

/** Writes `text` to `path` (given as `shown`); CliError when it cannot. */
function writeFile(path: string, shown: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === "ENOENT" ? "its folder does not exist" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new CliError(`cannot write ${shown}: ${why}; pass -o with a file in an existing folder, or leave -o out to print to stdout.`);
  }
}

/** Why apply refuses a plan: a prune of more than half of what exists (of the kinds managed), without --force. */
interface Refusal {
  reason: "prune_over_half";
  deletes: number;
  existing: number;
  /** What `existing` counts: "tags and webhooks", "tags" or "webhooks". */
  of: string;
}

/** Why apply refuses `plan`, or null when it would do it. */
function pruneRefusal(context: Context, plan: Plan): Refusal | null {
  const size = pruneSize(plan);
  if (context.values.prune !== true || !size.overHalf || context.values.force === true) return null;
  return { reason: "prune_over_half", deletes: size.deletes, existing: size.existing, of: managedKinds(plan) };
}

/** The kinds `plan`'s file manages, as words. */
const managedKinds = (plan: Plan) => KINDS.filter((kind) => plan.managed[kind]).join(" and ");

const overHalf = (r: Refusal) => `--prune would delete ${r.deletes} of the ${r.existing} ${r.of} that exist, more than half`;

/** CliError when apply must refuse `plan` (see pruneRefusal). */
function checkPruneSize(context: Context, plan: Plan): void {
  const refusal = pruneRefusal(context, plan);
  if (refusal) throw new CliError(`${overHalf(refusal)}; check the file is the right one, then add --force to do it.`);
}

/** The plan for --json; `refused` is null when apply would do it. */
function planJson(config: Config, plan: Plan, refused: (Omit<Refusal, "of"> & { message: string }) | null) {
  const c = counts(plan);
  return { file: config.file, managed: plan.managed, changes: c.create + c.delete > 0, actions: plan.actions.map(actionJson), unmanaged: plan.unmanaged.map(unmanagedJson), summary: c, refused };
}

/** The unmanaged resources, a blank line, and a note per kind the file does not manage: what precedes plan's and apply's last line. */
function printLeftAlone(context: Context, plan: Plan, shownAbove: number): void {
  for (const u of plan.unmanaged) context.output.out(describeUnmanaged(u));
  if (shownAbove + plan.unmanaged.length > 0) context.output.out("");
  for (const n of plan.notManaged) context.output.out(describeNotManaged(n));
}

function printPlan(context: Context, plan: Plan): void {
  for (const a of plan.actions) context.output.out(describeAction(a));
  printLeftAlone(context, plan, plan.actions.length);
  context.output.out(summaryLine(plan));
}

export const CONFIG_COMMANDS: Command[] = [
  {
    path: ["validate"],
    summary: "Checks a config file without calling the API: syntax, keys, event and data types, URLs, duplicates, ${NAME} references.",
    description: FILE_FORMAT,
    options: { file: FILE_OPTION },
    api: false,
    examples: ["livechat-rest-v2 validate -f livechat.yaml"],
    async run(context) {
      const config = await configOf(context);
      const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
      const listed = [config.tags && count(config.tags.length, "tag"), config.webhooks && count(config.webhooks.length, "webhook")].filter(Boolean).join(" and ");
      const left = KINDS.find((kind) => config[kind] === undefined);
      context.output.out(`${config.file}: ${listed}, no problems${left ? `; ${left} are not managed by it (no ${left} key): plan and apply leave them alone` : ""}.`);
      return 0;
    },
  },
  {
    path: ["plan"],
    summary: "Shows the creates and deletes that would make the account match the file, and changes nothing.",
    description: [
      ...FILE_FORMAT,
      "Exit code: 0 when nothing would change, 2 when something would, 1 on an error (the file's problems are listed as FILE:LINE:COLUMN: …). A --prune that would delete more than half of what exists of the kinds the file manages (together), without --force, is a plan apply would refuse: plan prints it, then a line on stderr saying so, and exits 1; with --json, the plan's \"refused\" says why (null when apply would do it), and \"managed\" which kinds the file manages.",
    ],
    options: { file: FILE_OPTION, prune: PRUNE_OPTION, force: FORCE_OPTION, json: JSON_OPTION },
    api: true,
    examples: ["livechat-rest-v2 plan -f livechat.yaml", "livechat-rest-v2 plan -f livechat.yaml --prune --json"],
    async run(context) {
      const config = await configOf(context);
      const plan = await planFor(context, config);
      // A plan apply would refuse is still shown (what the prune would delete is what to check), but fails the run.
      const refusal = pruneRefusal(context, plan);
      const refused = refusal && {
        reason: refusal.reason,
        deletes: refusal.deletes,
        existing: refusal.existing,
        message: `apply would refuse this plan: ${overHalf(refusal)}; check the file is the right one, then add --force to plan and apply it.`,
      };
      if (context.output.json) context.output.data(planJson(config, plan, refused));
      else printPlan(context, plan);
      if (refused) {
        context.output.err(`error: ${refused.message}`);
        return 1;
      }
      return plan.actions.length > 0 ? 2 : 0;
    },
  },
  {
    path: ["apply"],
    summary: "Makes the account match the file: creates what is missing, re-registers webhooks whose data types changed (the new one first), deletes a second copy of a webhook the file lists, and deletes what the file does not list only with --prune.",
    description: [
      ...FILE_FORMAT,
      "Each change is printed as it is made. A failure stops it, reports what was done and what was not, and exits 1; running apply again finishes the rest. A second apply changes nothing.",
    ],
    options: { file: FILE_OPTION, prune: PRUNE_OPTION, force: FORCE_OPTION, json: JSON_OPTION },
    api: true,
    examples: ["livechat-rest-v2 apply -f livechat.yaml", "livechat-rest-v2 apply -f livechat.yaml --prune"],
    async run(context) {
      const config = await configOf(context);
      const plan = await planFor(context, config);
      checkPruneSize(context, plan);
      const c = counts(plan);
      const applied = await applyActions(context.client(), plan.actions, context.output);
      const summary = { created: applied.done.filter((a) => a.action === "create").length, deleted: applied.done.filter((a) => a.action === "delete").length, unchanged: c.unchanged, unmanaged: c.unmanaged };
      if (context.output.json) context.output.data({ managed: plan.managed, ...appliedJson(applied, summary) });
      if (applied.failed) {
        reportFailure(applied, context.output);
        return 1;
      }
      if (!context.output.json) {
        printLeftAlone(context, plan, plan.actions.length);
        context.output.out(plan.actions.length === 0 ? `No changes: ${c.unchanged} unchanged, ${c.unmanaged} unmanaged` : `Applied: ${summary.created} created, ${summary.deleted} deleted, ${summary.unchanged} unchanged, ${summary.unmanaged} unmanaged`);
      }
      return 0;
    },
  },
  {
    path: ["export"],
    summary: "Writes the account's tags and webhooks as a config file (to stdout, or -o FILE), which then plans to no change (but for a second webhook with the event type and URL of another: the file lists one, plan deletes the other, and export says so).",
    description: [
      "Webhook URL passwords are written as ${LIVECHAT_WEBHOOK_PASSWORD_<HOST>} references (one variable per host and password; another password on the same host gets _2, _3…): set each before plan or apply. The first line points editors at the JSON Schema in the package (./node_modules/livechat-rest-v2/schema/livechat.schema.json, relative to the file).",
    ],
    options: { output: { type: "string", short: "o", value: "FILE", example: "livechat.yaml", description: "write here instead of stdout (replaces the file)" } },
    api: true,
    examples: ["livechat-rest-v2 export -o livechat.yaml"],
    async run(context) {
      const output = context.values.output as string | undefined;
      if (output !== undefined && !existsSync(dirname(resolve(context.cwd, output)))) {
        throw new CliError(`cannot write ${output}: its folder does not exist; pass -o with a file in an existing folder, or leave -o out to print to stdout.`);
      }
      const client = context.client();
      const [tags, { events: webhooks }] = await Promise.all([client.tags.list(), client.webhooks.list()]);
      for (const w of webhooks) context.output.urlSecret(w.url);
      const { exportConfig, outputDirectory, schemaReference } = await import("../export.js");
      const exported = exportConfig(tags, webhooks, schemaReference(outputDirectory(output, context.cwd)));
      if (output === undefined) context.output.out(exported.text.trimEnd());
      else writeFile(resolve(context.cwd, output), output, exported.text);
      for (const w of exported.skipped) {
        context.output.err(`note: webhook ${w.id} has the event type and URL of another, so the file lists one; plan will delete the other.`);
      }
      if (exported.variables.length > 0) {
        context.output.err(`note: webhook URL passwords are written as \${NAME}; set ${exported.variables.length === 1 ? "this variable" : "these variables"} before plan or apply:`);
        for (const v of exported.variables) context.output.err(`  ${v.name}  (the password of ${v.url}, as written in the URL)`);
      }
      for (const w of webhooks) {
        const problem = userinfoProblem(w.url);
        if (problem) context.output.err(`note: the URL of webhook ${w.id} ${problem}, or plan and apply refuse the file; plan then registers the new URL, and reports the old one as unmanaged (--prune deletes it).`);
      }
      if (output !== undefined) context.output.err(`Wrote ${tags.length} tags and ${webhooks.length - exported.skipped.length} webhooks to ${output}.`);
      return 0;
    },
  },
];
