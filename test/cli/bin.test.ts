// The built bin end to end, as an installed package runs it (`node dist/cli/index.js …`, a
// process per command), against the mock served over HTTP on 127.0.0.1: every command in both
// output modes, the exit codes, plan/apply/export, bad files, and no credential in any output.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { optionsOf } from "../../src/cli/args.js";
import { COMMANDS } from "../../src/cli/main.js";
import { createLiveChatMock, type MockSeed } from "../../src/mock/index.js";
import { serveLiveChatMock, type ServedMock } from "../../src/mock/node.js";
import { PACKAGE_VERSION } from "../../src/index.js";
import { buildCli, type BuiltCli } from "../helpers/built-cli.js";
import { ROOT } from "../helpers/run.js";

const LOGIN = "ops@example.com";
const API_KEY = "cli-e2e-api-key-7f3a";
const TOKEN = "cli-e2e-token-9c1d";
const HOOK_PASSWORD = "hook-pass-4e2b";
const ENCODED_PASSWORD = "p%40ss-6d1f"; // as written in the URL; "p@ss-6d1f" decoded
const BASIC = Buffer.from(`${LOGIN}:${API_KEY}`).toString("base64");
/** Passwords a parser could split on: a raw `@`, a `'`, a `"`, a space, a second `:`; a `/`, `?` or `#`, which end a URL's authority before the `@` (the URL then does not parse). */
const ODD_PASSWORDS = ["p@ssw0rd-very-secret", "it's-hidden-7a1", 'top"q9-hidden', "plover wren-42 kite", "colon:inside-pw8", "slash/pw-3k9q", "query?pw-7m2x", "hash#pw-5t8z", "p@ss/w0rd-6h2v", "2024/pw-8r4n"];
/** WHATWG's serialization of a password (what `new URL(…).href` prints). */
const whatwgEncoded = (password: string) => Object.assign(new URL("https://example.com/"), { password }).password;
/** Values of variables a file reads with ${NAME}: a quote, spaces. */
const ENV_PASSWORDS = ['top"secret', "another secret pw"];
const SECRETS = [
  ...ENV_PASSWORDS.flatMap((p) => [p, encodeURIComponent(p), whatwgEncoded(p), JSON.stringify(p).slice(1, -1)]),
  ...[API_KEY, TOKEN, BASIC, HOOK_PASSWORD, ENCODED_PASSWORD, decodeURIComponent(ENCODED_PASSWORD)],
  ...ODD_PASSWORDS.flatMap((p) => [p, encodeURIComponent(p), whatwgEncoded(p), JSON.stringify(p).slice(1, -1)]),
  // What a cut at the first `@`, quote, space, `:`, `/`, `?` or `#` would leave unmasked.
  ...ODD_PASSWORDS.flatMap((p) => p.split(/[@'" :/?#]/).filter((part) => part.length >= 6)),
];

const CHAT_HOOK = { id: "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", event_type: "chat_started" as const, data_types: ["chat" as const], url: `https://hooks:${HOOK_PASSWORD}@example.com/livechat` };
const TICKET_HOOK = { id: "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2", event_type: "ticket_created" as const, data_types: ["ticket" as const], url: `https://hooks:${ENCODED_PASSWORD}@tickets.example.com/in` };
const SEED: MockSeed = {
  tags: [
    { name: "sales", group: 0, author: LOGIN, creation_date: 1700000000 },
    { name: "support", group: 0, author: LOGIN, creation_date: 1700000000 },
    { name: "vip", group: 1, author: "lead@example.com", creation_date: 1700086400 },
  ],
  webhooks: [CHAT_HOOK, TICKET_HOOK],
  chats: { MH0NQTLD8B: ["support"] },
  tickets: { "5FUED": [] },
};

const mock = createLiveChatMock({ credentials: [{ login: LOGIN, apiKey: API_KEY }, { accessToken: TOKEN }], seed: SEED });
/** Each request the mock saw: `METHOD /path` and the Authorization scheme. */
const requests: { line: string; scheme: string }[] = [];
/** Every stdout and stderr of every run in this file, for the credential check at the end. */
const outputs: string[] = [];
let served: ServedMock;
let cli: BuiltCli;
let base = "";
const work = mkdtempSync(join(tmpdir(), "livechat-cli-"));

beforeAll(async () => {
  cli = await buildCli();
  served = await serveLiveChatMock({
    handle: (request: Request) => {
      requests.push({ line: `${request.method} ${new URL(request.url).pathname}`, scheme: (request.headers.get("Authorization") ?? "").split(" ")[0]! });
      return mock.handle(request);
    },
  });
  base = served.baseUrl;
}, 120_000);
afterAll(async () => {
  await served?.close();
  cli?.remove();
});
beforeEach(() => {
  mock.reset();
  requests.length = 0;
});

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bin with `args`; Basic credentials and the mock's URL in the environment unless `env` says otherwise (undefined removes). */
function run(args: string[], env: Record<string, string | undefined> = {}): Promise<Result> {
  const full: Record<string, string | undefined> = { PATH: process.env.PATH, LIVECHAT_LOGIN: LOGIN, LIVECHAT_API_KEY: API_KEY, LIVECHAT_BASE_URL: base, ...env };
  const clean = Object.fromEntries(Object.entries(full).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return new Promise((resolve) => {
    execFile(process.execPath, [cli.bin, ...args], { cwd: work, env: clean }, (error, stdout, stderr) => {
      outputs.push(stdout, stderr);
      resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr });
    });
  });
}

/** Writes `lines` to a file in the working directory; returns its name. */
function file(name: string, lines: string[]): string {
  writeFileSync(join(work, name), `${lines.join("\n")}\n`);
  return name;
}

const writes = () => requests.map((r) => r.line).filter((l) => !l.startsWith("GET "));

describe("help", () => {
  test.each(COMMANDS.map((c) => [c.path.join(" "), c] as const))("%s --help prints its usage and every option", async (path, command) => {
    const result = await run([...command.path, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout.startsWith(`Usage: livechat-rest-v2 ${path}`)).toBe(true);
    for (const name of Object.keys(optionsOf(command))) expect(result.stdout).toContain(`--${name}`);
    // What a user of the installed package can run: no `npm run` script of this repository.
    expect(result.stdout).not.toContain("npm run");
    if (command.api) expect(result.stdout).toContain("plain http:// only for 127.0.0.1/localhost, such as `livechat-rest-v2 mock`");
    expect(requests).toEqual([]);
  });

  test("plan --help says what each exit code means, and what a prune over the threshold does", async () => {
    const help = await run(["plan", "--help"]);
    expect(help.stdout).toContain(
      [
        "Exit code: 0 when nothing would change, 2 when something would, 1 on an error (the file's problems are listed as FILE:LINE:COLUMN: …).",
        "A --prune that would delete more than half of what exists of the kinds the file manages (together), without --force, is a plan apply would refuse: plan prints it, then a line on stderr saying so, and exits 1; with --json, the plan's \"refused\" says why (null when apply would do it), and \"managed\" which kinds the file manages.",
      ].join(" "),
    );
  });

  test("--help lists every command; no command prints it on stderr and exits 1; --version", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toMatch(new RegExp(`^  ${c.path.join(" ")} `, "m"));
    const none = await run([]);
    expect(none).toEqual({ code: 1, stdout: "", stderr: `${help.stdout}` });
    expect(await run(["--version"])).toEqual({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: "" });
  });

  test("a group prints its commands; an unknown command or option is an error with exit 1", async () => {
    const group = await run(["webhooks", "--help"]);
    expect(group.code).toBe(0);
    expect(group.stdout).toMatch(/^Usage: livechat-rest-v2 webhooks <list\|create\|delete>/);
    expect(await run(["tags", "rename"])).toEqual({ code: 1, stdout: "", stderr: 'error: tags has no command "rename"; write one of tags list, tags create, tags delete instead\n' });
    expect(await run(["tag", "list"])).toEqual({ code: 1, stdout: "", stderr: 'error: unknown command "tag"; write tags instead (`livechat-rest-v2 --help` lists the commands)\n' });
    expect(await run(["tags", "list", "--grup", "1"])).toEqual({ code: 1, stdout: "", stderr: "error: tags list has no option --grup; write --group instead\n" });
    expect(requests).toEqual([]);
  });
});

describe("tags", () => {
  test("tags list prints every group's tags as a table", async () => {
    expect(await run(["tags", "list"])).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "NAME     GROUP  AUTHOR            CREATED     CHATS  TICKETS",
        "sales    0      ops@example.com   2023-11-14  0      0",
        "support  0      ops@example.com   2023-11-14  1      0",
        "vip      1      lead@example.com  2023-11-15  0      0",
        "",
      ].join("\n"),
    });
    expect(requests).toEqual([{ line: "GET /tags", scheme: "Basic" }]);
  });

  test("tags list --group N --json prints the API's tags of that group", async () => {
    const result = await run(["tags", "list", "--group", "1", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([{ name: "vip", author: "lead@example.com", creation_date: 1700086400, count: { inChats: 0, inTickets: 0 }, group: 1 }]);
    expect(await run(["tags", "list", "--group", "7"])).toEqual({ code: 0, stdout: "No tags.\n", stderr: "" });
  });

  test("tags create credits LIVECHAT_LOGIN by default; --author and --json", async () => {
    expect(await run(["tags", "create", "VIP customer", "--group", "2"])).toEqual({ code: 0, stdout: 'Created tag "VIP customer" in group 2.\n', stderr: "" });
    const json = await run(["tags", "create", "new", "--group", "0", "--author", "lead@example.com", "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ name: "new", group: 0, author: "lead@example.com", count: { inChats: 0, inTickets: 0 } });
    expect(mock.state.tags.slice(3).map((t) => [t.name, t.group, t.author])).toEqual([["VIP customer", 2, LOGIN], ["new", 0, "lead@example.com"]]);
  });

  test("tags create with a token and no --author says to add one, and sends nothing", async () => {
    const result = await run(["tags", "create", "x", "--group", "0"], { LIVECHAT_LOGIN: undefined, LIVECHAT_API_KEY: undefined, LIVECHAT_ACCESS_TOKEN: TOKEN });
    expect(result).toEqual({ code: 1, stdout: "", stderr: "error: tags create needs --author EMAIL (the agent the tag is credited to): with LIVECHAT_ACCESS_TOKEN there is no login to default to.\n" });
    expect(requests).toEqual([]);
  });

  test("tags delete, and a 404 as one line that says what to do", async () => {
    expect(await run(["tags", "delete", "sales", "--group", "0"])).toEqual({ code: 0, stdout: 'Deleted tag "sales" from group 0.\n', stderr: "" });
    expect(JSON.parse((await run(["tags", "delete", "vip", "--group", "1", "--json"])).stdout)).toEqual({ deleted: { name: "vip", group: 1 } });
    expect(mock.state.tags.map((t) => t.name)).toEqual(["support"]);
    expect(await run(["tags", "delete", "sales", "--group", "0"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: tags delete failed: 404 Not Found: DELETE ${base}/tags/sales — Tag not found; no such tag in that group: see \`livechat-rest-v2 tags list\`.\n`,
    });
  });

  test("a 404 to a list, a create or a plan says the base URL is wrong, not that a tag is missing", async () => {
    const wrongBase = ["--base-url", `${base}/v2/`];
    const hint = "the base URL has no such endpoint: check --base-url (or LIVECHAT_BASE_URL), which must be the API's origin, such as https://api.livechatinc.com.";
    const list = await run(["tags", "list", ...wrongBase]);
    expect(list).toEqual({ code: 1, stdout: "", stderr: `error: tags list failed: 404 Not Found: GET ${base}/v2/tags — Not found; ${hint}\n` });
    file("tags-only.yaml", ["tags:", "  - { name: sales, group: 0 }"]);
    for (const args of [["webhooks", "create", "--event", "chat_ended", "--data-type", "chat", "--url", "https://example.com/h"], ["plan", "-f", "tags-only.yaml"], ["export"]]) {
      const result = await run([...args, ...wrongBase]);
      expect(result.code).toBe(1);
      expect(result.stderr.endsWith(`; ${hint}\n`)).toBe(true);
      expect(result.stderr).not.toContain("no such tag");
    }
  });

  test("a bad --group or a missing NAME is refused before sending", async () => {
    expect(await run(["tags", "delete", "sales", "--group", "one"])).toEqual({ code: 1, stdout: "", stderr: 'error: --group must be a group ID, a whole number, not "one": --group 0 (the default group)\n' });
    expect(await run(["tags", "create", "--group", "0"])).toEqual({ code: 1, stdout: "", stderr: `error: tags create needs NAME, the tag's name (spaces allowed: quote it): livechat-rest-v2 tags create "VIP customer" --group 0 --author john@example.com\n` });
    expect(await run(["tags", "delete", "sales"])).toEqual({ code: 1, stdout: "", stderr: "error: tags delete needs --group N: add --group 0\n" });
    expect(requests).toEqual([]);
  });
});

describe("webhooks", () => {
  test("webhooks list prints a table with URL passwords masked", async () => {
    expect(await run(["webhooks", "list"])).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "ID                                EVENT           DATA TYPES  URL",
        `${CHAT_HOOK.id}  chat_started    chat        https://hooks:***@example.com/livechat`,
        `${TICKET_HOOK.id}  ticket_created  ticket      https://hooks:***@tickets.example.com/in`,
        "",
      ].join("\n"),
    });
  });

  test("webhooks list --json prints the API's webhooks, URL passwords masked", async () => {
    const result = await run(["webhooks", "list", "--json"]);
    expect(JSON.parse(result.stdout)).toEqual(mock.state.webhooks.map((w) => ({ ...w, url: w.url.replace(/:[^:@/]+@/, ":***@") })));
  });

  test("webhooks create takes several data types after one --data-type, or comma-separated", async () => {
    const result = await run(["webhooks", "create", "--event", "chat_ended", "--data-type", "chat", "visitor", "--url", `https://u:${HOOK_PASSWORD}@example.com/ended`]);
    expect(result.code).toBe(0);
    const created = mock.state.webhooks[2]!;
    expect(result).toEqual({ code: 0, stdout: `Created webhook ${created.id}: chat_ended → https://u:***@example.com/ended.\n`, stderr: "" });
    expect(created).toMatchObject({ event_type: "chat_ended", data_types: ["chat", "visitor"], url: `https://u:${HOOK_PASSWORD}@example.com/ended` });
    const json = await run(["webhooks", "create", "--event", "chat_changed", "--data-type", "chat,visitor", "--url", "https://example.com/changed", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual(mock.state.webhooks[3]);
    expect(mock.state.webhooks[3]).toMatchObject({ event_type: "chat_changed", data_types: ["chat", "visitor"] });
  });

  test.each([
    [["--event", "chat_start", "--data-type", "chat", "--url", "https://e.com"], 'error: --event "chat_start" is not an event type; pass one of chat_started, chat_ended, chat_changed, visitor_queued, ticket_created, canned_response_changed.'],
    [["--event", "ticket_created", "--data-type", "chat", "--url", "https://e.com"], 'error: LiveChat does not send data type "chat" with ticket_created; pass some of ticket.'],
    [["--event", "ticket_created", "--data-type", "ticket", "--url", `ftp://u:${HOOK_PASSWORD}@e.com`], "error: --url must be an http(s) URL such as https://user:${PASSWORD}@example.com/livechat (the password is how your receiver knows the POST is LiveChat's)."],
    [["--event", "ticket_created", "--url", "https://e.com"], "error: webhooks create needs --data-type T…: add --data-type chat"],
    // URL.canParse takes it (WHATWG reads the password up to the last `@`); other parsers end it at the first.
    [["--event", "chat_started", "--data-type", "chat", "--url", "https://hooks:p@ssw0rd-very-secret@example.com/x"], 'error: --url has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them).'],
    [["--event", "chat_started", "--data-type", "chat", "--url", 'https://hooks:top"secret@example.com/x'], "error: --url has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them)."],
    [["--event", "chat_started", "--data-type", "chat", "--url", "https://hooks:two words@example.com/x"], "error: --url has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them)."],
    // A `/`, `?` or `#` ends the authority before the `@`: the URL does not parse, and the password is read up to the last `@`.
    [["--event", "chat_started", "--data-type", "chat", "--url", "https://user:slash/pw-3k9q@example.com/hook"], 'error: --url has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them).'],
    [["--event", "chat_started", "--data-type", "chat", "--url", "https://user:query?pw-7m2x@example.com/hook"], 'error: --url has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them).'],
    [["--event", "chat_started", "--data-type", "chat", "--url", "https://user:hash#pw-5t8z@example.com/hook"], 'error: --url has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them).'],
    [["--event", "https://user:slash/pw-3k9q@example.com/hook", "--data-type", "chat", "--url", "https://e.com"], 'error: --event "https://***@example.com/hook" is not an event type; pass one of chat_started, chat_ended, chat_changed, visitor_queued, ticket_created, canned_response_changed.'],
    [["--event", "chat_started", "--data-type", "https://user:hash#pw-5t8z@example.com/hook", "--url", "https://e.com"], 'error: LiveChat does not send data type "https://***@example.com/hook" with chat_started; pass some of chat, visitor, pre_chat_survey.'],
  ])("webhooks create %j is refused before sending", async (args, line) => {
    expect(await run(["webhooks", "create", ...args])).toEqual({ code: 1, stdout: "", stderr: `${line}\n` });
    expect(requests).toEqual([]);
  });

  test("a URL registered elsewhere with a raw @ in its password: the whole password is masked in list, plan and export", async () => {
    const odd = { id: "c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3", licence: 1, verified: true, token: "t", event_type: "chat_ended" as const, data_types: ["chat" as const], url: "https://hooks:p@ssw0rd-very-secret@example.com/x" };
    mock.state.webhooks.push(odd);
    const list = await run(["webhooks", "list"]);
    expect(list.stdout.split("\n")[3]).toBe(`${odd.id}  chat_ended      chat        https://hooks:***@example.com/x`);
    expect(JSON.parse((await run(["webhooks", "list", "--json"])).stdout)[2]).toEqual({ ...odd, url: "https://hooks:***@example.com/x" });
    file("empty.yaml", ["tags: []", "webhooks: []"]);
    const plan = await run(["plan", "-f", "empty.yaml", "--prune", "--force"]);
    expect(plan.stdout).toContain(`- webhook ${odd.id} chat_ended → https://hooks:***@example.com/x [chat] (not in the file: --prune)\n`);
    const json = JSON.parse((await run(["plan", "-f", "empty.yaml", "--json"])).stdout);
    expect(json.unmanaged.find((u: { id?: string }) => u.id === odd.id)).toEqual({ kind: "webhook", id: odd.id, event_type: "chat_ended", data_types: ["chat"], url: "https://hooks:***@example.com/x" });
    const exported = await run(["export"]);
    expect(exported.stdout).toContain("  - event_type: chat_ended\n    data_types: [chat]\n    url: https://hooks:${LIVECHAT_WEBHOOK_PASSWORD_EXAMPLE_COM}@example.com/x\n");
    expect(exported.stderr).toBe(
      [
        "note: webhook URL passwords are written as ${NAME}; set these variables before plan or apply:",
        "  LIVECHAT_WEBHOOK_PASSWORD_EXAMPLE_COM  (the password of https://hooks:***@example.com/x, as written in the URL)",
        "  LIVECHAT_WEBHOOK_PASSWORD_EXAMPLE_COM_2  (the password of https://hooks:***@example.com/livechat, as written in the URL)",
        "  LIVECHAT_WEBHOOK_PASSWORD_TICKETS_EXAMPLE_COM  (the password of https://hooks:***@tickets.example.com/in, as written in the URL)",
        `note: the URL of webhook ${odd.id} has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them), or plan and apply refuse the file; plan then registers the new URL, and reports the old one as unmanaged (--prune deletes it).`,
        "",
      ].join("\n"),
    );
    for (const printed of [list, plan, exported]) expect(`${printed.stdout}${printed.stderr}`).not.toContain("ssw0rd");
  });

  test("a URL registered elsewhere with a / in its password (it does not parse): masked up to its last @ in list, plan and export", async () => {
    const odd = { id: "e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5", licence: 1, verified: true, token: "t", event_type: "chat_ended" as const, data_types: ["chat" as const], url: "https://hooks:slash/pw-3k9q@example.com/x" };
    mock.state.webhooks.push(odd);
    const list = await run(["webhooks", "list"]);
    expect(list.stdout.split("\n")[3]).toBe(`${odd.id}  chat_ended      chat        https://hooks:***@example.com/x`);
    expect(JSON.parse((await run(["webhooks", "list", "--json"])).stdout)[2]).toEqual({ ...odd, url: "https://hooks:***@example.com/x" });
    file("empty.yaml", ["tags: []", "webhooks: []"]);
    const plan = await run(["plan", "-f", "empty.yaml"]);
    expect(plan.stdout).toContain(`? webhook ${odd.id} chat_ended → https://hooks:***@example.com/x [chat]: unmanaged, not in the file (left alone; --prune deletes it)\n`);
    const exported = await run(["export"]);
    expect(exported.stdout).toContain("  - event_type: chat_ended\n    data_types: [chat]\n    url: https://hooks:${LIVECHAT_WEBHOOK_PASSWORD_EXAMPLE_COM}@example.com/x\n");
    expect(exported.stderr).toContain(
      `note: the URL of webhook ${odd.id} has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them), or plan and apply refuse the file; plan then registers the new URL, and reports the old one as unmanaged (--prune deletes it).\n`,
    );
    for (const printed of [list, plan, exported]) expect(`${printed.stdout}${printed.stderr}`).not.toContain("pw-3k9q");
  });

  test("a password with a raw @ and then a / (WHATWG reads the host as what follows the first @): refused as input, masked to the last @ when registered elsewhere", async () => {
    const unclear =
      'has an "@" after its host while a ":" comes before it, which URL parsers read as a host, a port or a password ending early; if the ":" starts a password, write its "@", "/", "?" and "#" as %40, %2F, %3F and %23; if the "@" is in the path, write it as %40';
    file("unclear.yaml", ["webhooks:", "  - event_type: chat_ended", "    data_types: [chat]", "    url: https://livechat:${HOOK_PW}@hooks2.example.com/livechat"]);
    for (const command of ["validate", "plan", "apply"]) {
      expect(await run([command, "-f", "unclear.yaml"], { HOOK_PW: "p@ss/w0rd-6h2v" })).toEqual({
        code: 1,
        stdout: "",
        stderr: `unclear.yaml:4:10: url "https://livechat:\${HOOK_PW}@hooks2.example.com/livechat" ${unclear} instead\nerror: unclear.yaml has 1 problem; nothing was changed.\n`,
      });
    }
    const created = await run(["webhooks", "create", "--event", "chat_ended", "--data-type", "chat", "--url", "https://livechat:p@ss/w0rd-6h2v@hooks3.example.com/lc"]);
    expect(created).toEqual({ code: 1, stdout: "", stderr: `error: --url ${unclear}.\n` });
    expect(writes()).toEqual([]);
    const odd = { id: "f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6", licence: 1, verified: true, token: "t", event_type: "chat_ended" as const, data_types: ["chat" as const], url: "https://livechat:p@ss/w0rd-6h2v@hooks2.example.com/livechat" };
    mock.state.webhooks.push(odd);
    const list = await run(["webhooks", "list"]);
    expect(list.stdout.split("\n")[3]).toBe(`${odd.id}  chat_ended      chat        https://livechat:***@hooks2.example.com/livechat`);
    file("empty.yaml", ["tags: []", "webhooks: []"]);
    const plan = await run(["plan", "-f", "empty.yaml"]);
    expect(plan.stdout).toContain(`? webhook ${odd.id} chat_ended → https://livechat:***@hooks2.example.com/livechat [chat]: unmanaged, not in the file (left alone; --prune deletes it)\n`);
    const exported = await run(["export"]);
    expect(exported.stdout).toContain("    url: https://livechat:${LIVECHAT_WEBHOOK_PASSWORD_HOOKS2_EXAMPLE_COM}@hooks2.example.com/livechat\n");
    expect(exported.stderr).toContain(`note: the URL of webhook ${odd.id} ${unclear}, or plan and apply refuse the file;`);
    for (const printed of [created, list, plan, exported]) expect(`${printed.stdout}${printed.stderr}`).not.toMatch(/w0rd|ss\//);
  });

  test("webhooks delete, both modes, and an unknown ID", async () => {
    expect(await run(["webhooks", "delete", CHAT_HOOK.id])).toEqual({ code: 0, stdout: `Deleted webhook ${CHAT_HOOK.id}.\n`, stderr: "" });
    expect(JSON.parse((await run(["webhooks", "delete", TICKET_HOOK.id, "--json"])).stdout)).toEqual({ deleted: { id: TICKET_HOOK.id } });
    expect(mock.state.webhooks).toEqual([]);
    const missing = await run(["webhooks", "delete", CHAT_HOOK.id, "--json"]);
    expect(missing).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: webhooks delete failed: 404 Not Found: DELETE ${base}/webhooks/${CHAT_HOOK.id} — Webhook not found; no such webhook: find its ID with \`livechat-rest-v2 webhooks list\`.\n`,
    });
  });
});

test("an argument can name only the resource it is for: a dot segment is refused, a slash is encoded", async () => {
  expect(await run(["webhooks", "delete", ".."])).toEqual({
    code: 1,
    stdout: "",
    stderr: 'error: webhooks delete: ID cannot be "..": a URL parser would read it as a dot segment and call another endpoint.\n',
  });
  expect(requests).toEqual([]);
  const slash = await run(["tags", "delete", "../webhooks", "--group", "0"]);
  expect(slash.code).toBe(1);
  expect(requests.map((r) => r.line)).toEqual(["DELETE /tags/..%2Fwebhooks"]);
  expect(mock.state.webhooks).toHaveLength(2);
});

describe("chats and tickets set-tags", () => {
  test("replace the list, both modes", async () => {
    expect(await run(["chats", "set-tags", "MH0NQTLD8B", "sales", "vip"])).toEqual({ code: 0, stdout: "Set the tags of chat MH0NQTLD8B: sales, vip.\n", stderr: "" });
    expect(JSON.parse((await run(["tickets", "set-tags", "5FUED", "support", "--json"])).stdout)).toEqual({ ticket_id: "5FUED", tags: ["support"] });
    expect(mock.state.chats.MH0NQTLD8B).toEqual(["sales", "vip"]);
    expect(mock.state.tickets["5FUED"]).toEqual(["support"]);
  });

  test("no tag is refused before sending (it would clear the list); an unknown tag is LiveChat's 400", async () => {
    expect(await run(["chats", "set-tags", "MH0NQTLD8B"])).toEqual({ code: 1, stdout: "", stderr: "error: chats set-tags needs TAG, a tag name (one or more): livechat-rest-v2 chats set-tags MH0NQTLD8B sales support\n" });
    expect(requests).toEqual([]);
    expect(await run(["tickets", "set-tags", "5FUED", "nope"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: tickets set-tags failed: 400 Bad Request: PUT ${base}/tickets/5FUED/tags — Tag does not exist: nope; LiveChat refused the input: change it as the message says.\n`,
    });
  });
});

describe("credentials", () => {
  test("none, or half of Basic, is an error that says what to set; nothing is sent", async () => {
    const none = "error: no credentials: set LIVECHAT_LOGIN and LIVECHAT_API_KEY (HTTP Basic), or LIVECHAT_ACCESS_TOKEN (OAuth).\n";
    expect(await run(["tags", "list"], { LIVECHAT_LOGIN: undefined, LIVECHAT_API_KEY: undefined })).toEqual({ code: 1, stdout: "", stderr: none });
    expect((await run(["tags", "list"], { LIVECHAT_API_KEY: undefined })).stderr).toBe(
      "error: LIVECHAT_LOGIN is set but LIVECHAT_API_KEY is not: set LIVECHAT_LOGIN and LIVECHAT_API_KEY (HTTP Basic), or LIVECHAT_ACCESS_TOKEN (OAuth).\n",
    );
    expect(requests).toEqual([]);
  });

  test("with both kinds set, the token is used and stderr says so", async () => {
    const result = await run(["webhooks", "list", "--json"], { LIVECHAT_ACCESS_TOKEN: TOKEN });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("note: using LIVECHAT_ACCESS_TOKEN (OAuth); LIVECHAT_LOGIN/LIVECHAT_API_KEY are also set and ignored.\n");
    expect(requests).toEqual([{ line: "GET /webhooks", scheme: "Bearer" }]);
  });

  test("wrong credentials: LiveChat's 401 as one line that says what to check", async () => {
    expect(await run(["tags", "list"], { LIVECHAT_API_KEY: `${API_KEY}-old` })).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: tags list failed: 401 Unauthorized: GET ${base}/tags — You have no rights to access this data. Check your API Key and/or username; check LIVECHAT_LOGIN and LIVECHAT_API_KEY (or LIVECHAT_ACCESS_TOKEN), and --base-url.\n`,
    });
  });

  test("--base-url wins over LIVECHAT_BASE_URL; plain http only to loopback", async () => {
    expect((await run(["tags", "list", "--base-url", base], { LIVECHAT_BASE_URL: "http://127.0.0.1:9" })).code).toBe(0);
    expect(await run(["tags", "list", "--base-url", "http://api.example.com"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: the base URL (--base-url, LIVECHAT_BASE_URL) must use https:// (plain http is allowed only for loopback hosts: localhost, [::1] and 127.0.0.0/8 such as 127.0.0.1); got http://api.example.com.\n",
    });
  });

  // Every client input error the CLI can reach, worded with its flags, arguments and variables, never
  // the client's option names (auth, baseUrl) or the API's parameter names (webhook_id, tags[0]).
  const credentials = "LIVECHAT_LOGIN and LIVECHAT_API_KEY (HTTP Basic), or LIVECHAT_ACCESS_TOKEN (OAuth)";
  test.each<[string, string[], Record<string, string | undefined>, string]>([
    ["a base URL with credentials", ["tags", "list", "--base-url", "http://u:p@127.0.0.1:9"], {}, `the base URL (--base-url, LIVECHAT_BASE_URL) must not carry credentials; set ${credentials} instead.`],
    ["LIVECHAT_BASE_URL with credentials", ["tags", "list"], { LIVECHAT_BASE_URL: "https://u:p@api.example.com" }, `the base URL (--base-url, LIVECHAT_BASE_URL) must not carry credentials; set ${credentials} instead.`],
    ["a base URL that is not one", ["tags", "list", "--base-url", "api.example.com"], {}, 'the base URL (--base-url, LIVECHAT_BASE_URL) is not an absolute URL; pass one such as "https://api.livechatinc.com".'],
    ["a base URL with a query", ["tags", "list", "--base-url", "https://api.example.com/?x=1"], {}, 'the base URL (--base-url, LIVECHAT_BASE_URL) must not have a query or fragment; pass an origin such as "https://api.livechatinc.com".'],
    ["a base URL of another scheme", ["tags", "list", "--base-url", "ftp://api.example.com"], {}, "the base URL (--base-url, LIVECHAT_BASE_URL) must be an https:// URL; got ftp://api.example.com."],
    ["a login with a colon", ["tags", "list"], { LIVECHAT_LOGIN: "ops:admin" }, "LIVECHAT_LOGIN must not contain ':' (HTTP Basic cannot carry it); pass the account login or ID alone."],
    ["a token with a space", ["tags", "list"], { LIVECHAT_LOGIN: undefined, LIVECHAT_API_KEY: undefined, LIVECHAT_ACCESS_TOKEN: "tok en" }, "LIVECHAT_ACCESS_TOKEN contains a space, a control or a non-ASCII character; pass the token exactly as LiveChat issued it."],
    ["an API key with a trailing space", ["tags", "list"], { LIVECHAT_API_KEY: `${API_KEY} ` }, "LIVECHAT_API_KEY contains a space, a control or a non-ASCII character; pass the key exactly as LiveChat issued it."],
    ["an empty webhook ID", ["webhooks", "delete", ""], {}, "webhooks delete: ID must not be empty."],
    ["a dot-segment chat ID", ["chats", "set-tags", ".", "sales"], {}, 'chats set-tags: ID cannot be ".": a URL parser would read it as a dot segment and call another endpoint.'],
    ["a dot-segment ticket ID", ["tickets", "set-tags", "..", "sales"], {}, 'tickets set-tags: ID cannot be "..": a URL parser would read it as a dot segment and call another endpoint.'],
    ["an empty tag name to delete", ["tags", "delete", "", "--group", "0"], {}, "tags delete: NAME must not be empty."],
    ["an empty tag name to create", ["tags", "create", "", "--group", "0"], {}, "tags create: NAME must be a non-empty string."],
    ["an empty tag to set", ["chats", "set-tags", "MH0NQTLD8B", "sales", ""], {}, "chats set-tags: TAG 2 must be a non-empty string."],
  ])("%s is an error in the CLI's terms, and nothing is sent", async (_, args, env, line) => {
    expect(await run(args, env)).toEqual({ code: 1, stdout: "", stderr: `error: ${line}\n` });
    expect(requests).toEqual([]);
  });
});

describe("plan and apply", () => {
  const desired = (hookTypes = "[chat]") =>
    file("livechat.yaml", [
      "author: lead@example.com",
      "tags:",
      "  - { name: sales, group: 0 }",
      "  - { name: support, group: 0 }",
      "  - { name: vip, group: 1 }",
      "  - { name: billing, group: 0, author: ops@example.com }",
      "webhooks:",
      "  - event_type: chat_started",
      `    data_types: ${hookTypes}`,
      "    url: https://hooks:${CHAT_HOOK_PASSWORD}@example.com/livechat",
      "  - event_type: chat_ended",
      "    data_types: [chat, pre_chat_survey]",
      "    url: https://hooks:${CHAT_HOOK_PASSWORD}@example.com/ended",
    ]);
  const env = { CHAT_HOOK_PASSWORD: HOOK_PASSWORD };
  const unmanagedTicketHook = `? webhook ${TICKET_HOOK.id} ticket_created → https://hooks:***@tickets.example.com/in [ticket]: unmanaged, not in the file (left alone; --prune deletes it)`;

  test("plan prints each change and the summary, and exits 2; then 0 after apply; a second apply changes nothing", async () => {
    desired();
    expect(await run(["plan", "-f", "livechat.yaml"], env)).toEqual({
      code: 2,
      stderr: "",
      stdout: [
        '+ tag "billing" in group 0 (author ops@example.com)',
        "+ webhook chat_ended → https://hooks:***@example.com/ended [chat, pre_chat_survey]",
        unmanagedTicketHook,
        "",
        "2 to create, 0 to delete, 4 unchanged, 1 unmanaged",
        "",
      ].join("\n"),
    });
    expect(writes()).toEqual([]);
    const applied = await run(["apply", "-f", "livechat.yaml"], env);
    const ended = mock.state.webhooks.find((w) => w.event_type === "chat_ended")!;
    expect(applied).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        '+ created tag "billing" in group 0',
        `+ created webhook ${ended.id} chat_ended → https://hooks:***@example.com/ended [chat, pre_chat_survey]`,
        unmanagedTicketHook,
        "",
        "Applied: 2 created, 0 deleted, 4 unchanged, 1 unmanaged",
        "",
      ].join("\n"),
    });
    expect(mock.state.tags.find((t) => t.name === "billing")).toMatchObject({ group: 0, author: "ops@example.com" });
    expect(ended).toMatchObject({ data_types: ["chat", "pre_chat_survey"], url: `https://hooks:${HOOK_PASSWORD}@example.com/ended` });
    requests.length = 0;
    const again = await run(["apply", "-f", "livechat.yaml"], env);
    expect(again).toEqual({ code: 0, stderr: "", stdout: `${unmanagedTicketHook}\n\nNo changes: 6 unchanged, 1 unmanaged\n` });
    expect(writes()).toEqual([]);
    expect((await run(["plan", "-f", "livechat.yaml"], env)).code).toBe(0);
  });

  test("plan --json prints the plan for machines, passwords masked", async () => {
    desired("[chat, visitor]");
    const result = await run(["plan", "--file", "livechat.yaml", "--json"], env);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      file: "livechat.yaml",
      managed: { tags: true, webhooks: true },
      changes: true,
      actions: [
        { action: "create", kind: "tag", name: "billing", group: 0, author: "ops@example.com" },
        { action: "create", kind: "webhook", event_type: "chat_started", data_types: ["chat", "visitor"], url: "https://hooks:***@example.com/livechat", replaces: [CHAT_HOOK.id] },
        { action: "create", kind: "webhook", event_type: "chat_ended", data_types: ["chat", "pre_chat_survey"], url: "https://hooks:***@example.com/ended" },
        { action: "delete", kind: "webhook", id: CHAT_HOOK.id, event_type: "chat_started", data_types: ["chat"], url: "https://hooks:***@example.com/livechat", reason: "replaced" },
      ],
      unmanaged: [{ kind: "webhook", id: TICKET_HOOK.id, event_type: "ticket_created", data_types: ["ticket"], url: "https://hooks:***@tickets.example.com/in" }],
      summary: { create: 3, delete: 1, unchanged: 3, unmanaged: 1 },
      refused: null,
    });
  });

  test("changed data types re-register the webhook: the new one is created before the old one is deleted", async () => {
    desired("[chat, visitor]");
    const result = await run(["apply", "-f", "livechat.yaml", "--json"], env);
    expect(result.code).toBe(0);
    expect(writes()).toEqual(["POST /tags", "POST /webhooks", "POST /webhooks", `DELETE /webhooks/${CHAT_HOOK.id}`]);
    const started = mock.state.webhooks.filter((w) => w.event_type === "chat_started");
    expect(started).toEqual([expect.objectContaining({ data_types: ["chat", "visitor"], url: CHAT_HOOK.url })]);
    const report = JSON.parse(result.stdout);
    expect(report.summary).toEqual({ created: 3, deleted: 1, unchanged: 3, unmanaged: 1 });
    expect(report.done[1]).toEqual({ action: "create", kind: "webhook", event_type: "chat_started", data_types: ["chat", "visitor"], url: "https://hooks:***@example.com/livechat", replaces: [CHAT_HOOK.id], id: started[0]!.id });
    expect(report.failed).toBeNull();
    expect(report.not_done).toEqual([]);
  });

  test("a changed URL is a new webhook, and the old one is unmanaged", async () => {
    file("moved.yaml", ["webhooks:", "  - event_type: chat_started", "    data_types: [chat]", "    url: https://hooks:${CHAT_HOOK_PASSWORD}@example.com/moved"]);
    const result = await run(["plan", "-f", "moved.yaml"], env);
    expect(result.stdout).toContain("+ webhook chat_started → https://hooks:***@example.com/moved [chat]\n");
    expect(result.stdout).toContain(`? webhook ${CHAT_HOOK.id} chat_started → https://hooks:***@example.com/livechat [chat]: unmanaged`);
    // The file has no tags key: the 3 tags are not managed, so not unmanaged either.
    expect(result.stdout).toContain("1 to create, 0 to delete, 0 unchanged, 2 unmanaged\n");
  });

  test("a changed URL password: plan, apply, prune and list mark which is which, and show neither password", async () => {
    const NEW_PASSWORD = "rotated-pass-5c8e";
    file("rotated.yaml", [
      "tags:",
      "  - { name: sales, group: 0 }",
      "  - { name: support, group: 0 }",
      "  - { name: vip, group: 1 }",
      "webhooks:",
      "  - event_type: chat_started",
      "    data_types: [chat]",
      "    url: https://hooks:${NEW_PASSWORD}@example.com/livechat",
      "  - event_type: ticket_created",
      "    data_types: [ticket]",
      "    url: https://hooks:${TICKET_PASSWORD}@tickets.example.com/in",
    ]);
    const rotated = { NEW_PASSWORD, TICKET_PASSWORD: ENCODED_PASSWORD };
    const hookText = "chat_started → https://hooks:***@example.com/livechat [chat]";
    const create = `+ webhook ${hookText} (password differs from the registered one)`;
    const printed: string[] = [];
    const runRotated = async (args: string[]) => {
      const result = await run(args, rotated);
      printed.push(result.stdout, result.stderr);
      return result;
    };
    expect(await runRotated(["plan", "-f", "rotated.yaml"])).toEqual({
      code: 2,
      stderr: "",
      stdout: [create, `? webhook ${CHAT_HOOK.id} ${hookText} (old password): unmanaged, not in the file (left alone; --prune deletes it)`, "", "1 to create, 0 to delete, 4 unchanged, 1 unmanaged", ""].join("\n"),
    });
    expect(await runRotated(["plan", "-f", "rotated.yaml", "--prune"])).toEqual({
      code: 2,
      stderr: "",
      stdout: [create, `- webhook ${CHAT_HOOK.id} ${hookText} (old password; not in the file: --prune)`, "", "1 to create, 1 to delete, 4 unchanged, 0 unmanaged", ""].join("\n"),
    });
    const json = JSON.parse((await runRotated(["plan", "-f", "rotated.yaml", "--prune", "--json"])).stdout);
    expect(json.actions).toEqual([
      { action: "create", kind: "webhook", event_type: "chat_started", data_types: ["chat"], url: "https://hooks:***@example.com/livechat", password_differs_from: [CHAT_HOOK.id] },
      { action: "delete", kind: "webhook", id: CHAT_HOOK.id, event_type: "chat_started", data_types: ["chat"], url: "https://hooks:***@example.com/livechat", reason: "pruned", old_password: true },
    ]);

    // Applied without --prune: both are registered, and the list tells them apart.
    const applied = await runRotated(["apply", "-f", "rotated.yaml"]);
    const added = mock.state.webhooks.find((w) => w.url.includes(NEW_PASSWORD))!;
    expect(applied.stdout.split("\n")[0]).toBe(`+ created webhook ${added.id} ${hookText} (password differs from the registered one)`);
    expect(await runRotated(["webhooks", "list"])).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "ID                                EVENT           DATA TYPES  URL",
        `${CHAT_HOOK.id}  chat_started    chat        https://hooks:***@example.com/livechat (password 1)`,
        `${TICKET_HOOK.id}  ticket_created  ticket      https://hooks:***@tickets.example.com/in`,
        `${added.id}  chat_started    chat        https://hooks:***@example.com/livechat (password 2)`,
        "",
      ].join("\n"),
    });
    // The old one is still marked once the new one is unchanged; --prune deletes it, marked.
    expect((await runRotated(["plan", "-f", "rotated.yaml"])).stdout).toBe(
      `? webhook ${CHAT_HOOK.id} ${hookText} (old password): unmanaged, not in the file (left alone; --prune deletes it)\n\n0 to create, 0 to delete, 5 unchanged, 1 unmanaged\n`,
    );
    expect((await runRotated(["apply", "-f", "rotated.yaml", "--prune"])).stdout).toBe(
      `- deleted webhook ${CHAT_HOOK.id} ${hookText} (old password)\n\nApplied: 0 created, 1 deleted, 5 unchanged, 0 unmanaged\n`,
    );
    expect(mock.state.webhooks.map((w) => w.id)).toEqual([TICKET_HOOK.id, added.id]);
    for (const secret of [NEW_PASSWORD, HOOK_PASSWORD]) expect(printed.join("\n")).not.toContain(secret);
  });

  test("--prune deletes what the file does not list; more than half of what exists needs --force", async () => {
    // 5 exist; this file lists 3 of them: pruning 2 is not more than half.
    file("most.yaml", ["tags:", "  - { name: sales, group: 0 }", "  - { name: support, group: 0 }", "webhooks:", "  - event_type: chat_started", "    data_types: [chat]", "    url: https://hooks:${CHAT_HOOK_PASSWORD}@example.com/livechat"]);
    const plan = await run(["plan", "-f", "most.yaml", "--prune"], env);
    expect(plan).toEqual({
      code: 2,
      stderr: "",
      stdout: [
        `- webhook ${TICKET_HOOK.id} ticket_created → https://hooks:***@tickets.example.com/in [ticket] (not in the file: --prune)`,
        '- tag "vip" in group 1 (not in the file: --prune)',
        "",
        "0 to create, 2 to delete, 3 unchanged, 0 unmanaged",
        "",
      ].join("\n"),
    });
    // This one lists 1: pruning 4 of 5 is more than half. plan shows the plan, says on stderr that apply would
    // refuse it without --force (in --json, `refused` says so too), and exits 1; apply refuses it.
    file("one.yaml", ["tags:", "  - { name: sales, group: 0 }", "webhooks: []"]);
    const why = "apply would refuse this plan: --prune would delete 4 of the 5 tags and webhooks that exist, more than half; check the file is the right one, then add --force to plan and apply it.";
    const pruned = (what: string) => `- ${what} (not in the file: --prune)`;
    const text = [
      pruned(`webhook ${CHAT_HOOK.id} chat_started → https://hooks:***@example.com/livechat [chat]`),
      pruned(`webhook ${TICKET_HOOK.id} ticket_created → https://hooks:***@tickets.example.com/in [ticket]`),
      pruned('tag "support" in group 0'),
      pruned('tag "vip" in group 1'),
      "",
      "0 to create, 4 to delete, 1 unchanged, 0 unmanaged",
      "",
    ].join("\n");
    expect(await run(["plan", "-f", "one.yaml", "--prune"])).toEqual({ code: 1, stdout: text, stderr: `error: ${why}\n` });
    const json = await run(["plan", "-f", "one.yaml", "--prune", "--json"]);
    const deletes = [
      { action: "delete", kind: "webhook", id: CHAT_HOOK.id, event_type: "chat_started", data_types: ["chat"], url: "https://hooks:***@example.com/livechat", reason: "pruned" },
      { action: "delete", kind: "webhook", id: TICKET_HOOK.id, event_type: "ticket_created", data_types: ["ticket"], url: "https://hooks:***@tickets.example.com/in", reason: "pruned" },
      { action: "delete", kind: "tag", name: "support", group: 0, reason: "pruned" },
      { action: "delete", kind: "tag", name: "vip", group: 1, reason: "pruned" },
    ];
    const planJson = { file: "one.yaml", managed: { tags: true, webhooks: true }, changes: true, actions: deletes, unmanaged: [], summary: { create: 0, delete: 4, unchanged: 1, unmanaged: 0 } };
    expect({ ...json, stdout: JSON.parse(json.stdout) }).toEqual({
      code: 1,
      stdout: { ...planJson, refused: { reason: "prune_over_half", deletes: 4, existing: 5, message: why } },
      stderr: `error: ${why}\n`,
    });
    // With --force, the same plan is an ordinary one: exit 2, nothing refused.
    const forcedPlan = await run(["plan", "-f", "one.yaml", "--prune", "--force", "--json"]);
    expect({ ...forcedPlan, stdout: JSON.parse(forcedPlan.stdout) }).toEqual({ code: 2, stdout: { ...planJson, refused: null }, stderr: "" });
    expect(await run(["apply", "-f", "one.yaml", "--prune"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: --prune would delete 4 of the 5 tags and webhooks that exist, more than half; check the file is the right one, then add --force to do it.\n",
    });
    expect(writes()).toEqual([]);
    expect((await run(["apply", "-f", "most.yaml", "--prune"], env)).code).toBe(0);
    expect(writes()).toEqual([`DELETE /webhooks/${TICKET_HOOK.id}`, "DELETE /tags/vip"]);
    const forced = await run(["apply", "-f", "one.yaml", "--prune", "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("Applied: 0 created, 2 deleted, 1 unchanged, 0 unmanaged\n");
    expect(mock.state.tags.map((t) => t.name)).toEqual(["sales"]);
    expect(mock.state.webhooks).toEqual([]);
  });

  test("with a token, a tag to create without an author is an error at its line; nothing is changed", async () => {
    file("token.yaml", ["tags:", "  - name: sales", "    group: 0", "  - name: new", "    group: 3"]);
    const result = await run(["apply", "-f", "token.yaml"], { LIVECHAT_LOGIN: undefined, LIVECHAT_API_KEY: undefined, LIVECHAT_ACCESS_TOKEN: TOKEN });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        'token.yaml:4:5: tag "new" in group 3 is to be created but has no author, and LIVECHAT_ACCESS_TOKEN gives no login to default to; add author: you@example.com to the tag, or at the top of the file',
        "error: token.yaml has 1 problem; nothing was changed.",
        "",
      ].join("\n"),
    });
    expect(writes()).toEqual([]);
  });

  test("without -f, livechat.yaml; a missing file says how to make one", async () => {
    expect(await run(["plan", "-f", "nope.yaml"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: cannot read nope.yaml: no such file; pass -f FILE, or write one from what exists with `livechat-rest-v2 export -o nope.yaml`.\n",
    });
    desired();
    expect((await run(["plan"], env)).stdout).toContain("2 to create, 0 to delete, 4 unchanged, 1 unmanaged\n");
  });

  test("validate checks a file without credentials or calls", async () => {
    desired();
    expect(await run(["validate"], { ...env, LIVECHAT_LOGIN: undefined, LIVECHAT_API_KEY: undefined })).toEqual({ code: 0, stdout: "livechat.yaml: 4 tags and 2 webhooks, no problems.\n", stderr: "" });
    expect(requests).toEqual([]);
  });
});

describe("a file manages only the kinds it has a key for", () => {
  const env = { CHAT_HOOK_PASSWORD: HOOK_PASSWORD };
  const allTags = ["tags:", "  - { name: sales, group: 0 }", "  - { name: support, group: 0 }", "  - { name: vip, group: 1 }"];
  const webhooksLeft = "webhooks: not managed by this file (it has no webhooks key): the 2 that exist are left alone, also by --prune; write webhooks: [] to have none, or list the ones to keep";
  const unmanagedTicket = `? webhook ${TICKET_HOOK.id} ticket_created → https://hooks:***@tickets.example.com/in [ticket]: unmanaged, not in the file (left alone; --prune deletes it)`;
  const tagsLeft = "tags: not managed by this file (it has no tags key): the 3 that exist are left alone, also by --prune; write tags: [] to have none, or list the ones to keep";

  test("a file of tags alone leaves every webhook alone: validate, plan and apply --prune say so, and delete none", async () => {
    file("tags.yaml", allTags);
    expect(await run(["validate", "-f", "tags.yaml"])).toEqual({
      code: 0,
      stderr: "",
      stdout: "tags.yaml: 3 tags, no problems; webhooks are not managed by it (no webhooks key): plan and apply leave them alone.\n",
    });
    const plan = { code: 0, stderr: "", stdout: `${webhooksLeft}\n0 to create, 0 to delete, 3 unchanged, 0 unmanaged\n` };
    expect(await run(["plan", "-f", "tags.yaml"])).toEqual(plan);
    expect(await run(["plan", "-f", "tags.yaml", "--prune"])).toEqual(plan);
    const json = await run(["plan", "-f", "tags.yaml", "--prune", "--json"]);
    expect({ ...json, stdout: JSON.parse(json.stdout) }).toEqual({
      code: 0,
      stderr: "",
      stdout: { file: "tags.yaml", managed: { tags: true, webhooks: false }, changes: false, actions: [], unmanaged: [], summary: { create: 0, delete: 0, unchanged: 3, unmanaged: 0 }, refused: null },
    });
    expect(await run(["apply", "-f", "tags.yaml", "--prune"])).toEqual({ code: 0, stderr: "", stdout: `${webhooksLeft}\nNo changes: 3 unchanged, 0 unmanaged\n` });
    const applied = await run(["apply", "-f", "tags.yaml", "--prune", "--json"]);
    expect({ ...applied, stdout: JSON.parse(applied.stdout) }).toEqual({
      code: 0,
      stderr: "",
      stdout: { managed: { tags: true, webhooks: false }, done: [], failed: null, not_done: [], summary: { created: 0, deleted: 0, unchanged: 3, unmanaged: 0 } },
    });
    expect(writes()).toEqual([]);
    expect(mock.state.webhooks.map((w) => w.id)).toEqual([CHAT_HOOK.id, TICKET_HOOK.id]);
  });

  test("tags alone, one listed: the tags not listed are pruned, and the threshold counts the tags only (2 of 3)", async () => {
    file("sales.yaml", ["tags:", "  - { name: sales, group: 0 }"]);
    const deletes = ['- tag "support" in group 0 (not in the file: --prune)', '- tag "vip" in group 1 (not in the file: --prune)'];
    expect(await run(["plan", "-f", "sales.yaml"])).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        '? tag "support" in group 0: unmanaged, not in the file (left alone; --prune deletes it)',
        '? tag "vip" in group 1: unmanaged, not in the file (left alone; --prune deletes it)',
        "",
        webhooksLeft,
        "0 to create, 0 to delete, 1 unchanged, 2 unmanaged",
        "",
      ].join("\n"),
    });
    const why = "--prune would delete 2 of the 3 tags that exist, more than half";
    expect(await run(["plan", "-f", "sales.yaml", "--prune"])).toEqual({
      code: 1,
      stdout: [...deletes, "", webhooksLeft, "0 to create, 2 to delete, 1 unchanged, 0 unmanaged", ""].join("\n"),
      stderr: `error: apply would refuse this plan: ${why}; check the file is the right one, then add --force to plan and apply it.\n`,
    });
    expect(await run(["apply", "-f", "sales.yaml", "--prune"])).toEqual({ code: 1, stdout: "", stderr: `error: ${why}; check the file is the right one, then add --force to do it.\n` });
    expect(writes()).toEqual([]);
    expect(await run(["apply", "-f", "sales.yaml", "--prune", "--force"])).toEqual({
      code: 0,
      stderr: "",
      stdout: ['- deleted tag "support" in group 0', '- deleted tag "vip" in group 1', "", webhooksLeft, "Applied: 0 created, 2 deleted, 1 unchanged, 0 unmanaged", ""].join("\n"),
    });
    expect(writes()).toEqual(["DELETE /tags/support", "DELETE /tags/vip"]);
    expect(mock.state.webhooks).toHaveLength(2);
  });

  test("a file of webhooks alone leaves every tag alone, and prunes only webhooks", async () => {
    file("hooks.yaml", ["webhooks:", "  - event_type: chat_started", "    data_types: [chat]", "    url: https://hooks:${CHAT_HOOK_PASSWORD}@example.com/livechat"]);
    expect((await run(["validate", "-f", "hooks.yaml"], env)).stdout).toBe("hooks.yaml: 1 webhook, no problems; tags are not managed by it (no tags key): plan and apply leave them alone.\n");
    expect(await run(["plan", "-f", "hooks.yaml"], env)).toEqual({
      code: 0,
      stderr: "",
      stdout: [unmanagedTicket, "", tagsLeft, "0 to create, 0 to delete, 1 unchanged, 1 unmanaged", ""].join("\n"),
    });
    const prune = `- webhook ${TICKET_HOOK.id} ticket_created → https://hooks:***@tickets.example.com/in [ticket] (not in the file: --prune)`;
    expect(await run(["plan", "-f", "hooks.yaml", "--prune"], env)).toEqual({ code: 2, stderr: "", stdout: [prune, "", tagsLeft, "0 to create, 1 to delete, 1 unchanged, 0 unmanaged", ""].join("\n") });
    expect(JSON.parse((await run(["plan", "-f", "hooks.yaml", "--prune", "--json"], env)).stdout).managed).toEqual({ tags: false, webhooks: true });
    expect(await run(["apply", "-f", "hooks.yaml", "--prune"], env)).toEqual({
      code: 0,
      stderr: "",
      stdout: [`- deleted webhook ${TICKET_HOOK.id} ticket_created → https://hooks:***@tickets.example.com/in [ticket]`, "", tagsLeft, "Applied: 0 created, 1 deleted, 1 unchanged, 0 unmanaged", ""].join("\n"),
    });
    expect(writes()).toEqual([`DELETE /webhooks/${TICKET_HOOK.id}`]);
    expect(mock.state.tags.map((t) => t.name)).toEqual(["sales", "support", "vip"]);
  });

  test("webhooks: [] written out manages webhooks and wants none: --prune deletes them all, over the threshold only with --force", async () => {
    file("no-hooks.yaml", [...allTags, "webhooks: []"]);
    expect((await run(["validate", "-f", "no-hooks.yaml"])).stdout).toBe("no-hooks.yaml: 3 tags and 0 webhooks, no problems.\n");
    const pruned = [
      `- webhook ${CHAT_HOOK.id} chat_started → https://hooks:***@example.com/livechat [chat] (not in the file: --prune)`,
      `- webhook ${TICKET_HOOK.id} ticket_created → https://hooks:***@tickets.example.com/in [ticket] (not in the file: --prune)`,
    ];
    // 2 of the 5 tags and webhooks: not more than half.
    expect(await run(["plan", "-f", "no-hooks.yaml", "--prune"])).toEqual({ code: 2, stderr: "", stdout: [...pruned, "", "0 to create, 2 to delete, 3 unchanged, 0 unmanaged", ""].join("\n") });
    // Webhooks alone: 2 of the 2 webhooks.
    file("only-no-hooks.yaml", ["webhooks: []"]);
    expect(await run(["apply", "-f", "only-no-hooks.yaml", "--prune"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: --prune would delete 2 of the 2 webhooks that exist, more than half; check the file is the right one, then add --force to do it.\n",
    });
    expect(writes()).toEqual([]);
    const forced = await run(["apply", "-f", "only-no-hooks.yaml", "--prune", "--force"]);
    expect(forced.code).toBe(0);
    expect(writes()).toEqual([`DELETE /webhooks/${CHAT_HOOK.id}`, `DELETE /webhooks/${TICKET_HOOK.id}`]);
    expect(mock.state.tags).toHaveLength(3);
  });

  test.each([
    ["an empty map", ["{}"]],
    ["a default author alone", ["author: ops@example.com"]],
  ])("%s manages nothing: refused before any call, also with --prune --force", async (_, lines) => {
    file("nothing.yaml", lines);
    const stderr = [
      "nothing.yaml:1:1: the file manages nothing: it has neither tags nor webhooks; write what to manage (`livechat-rest-v2 export -o nothing.yaml` writes what the account has), or tags: [] and/or webhooks: [] to have none of that kind",
      "error: nothing.yaml has 1 problem; nothing was changed.",
      "",
    ].join("\n");
    expect(await run(["validate", "-f", "nothing.yaml"])).toEqual({ code: 1, stdout: "", stderr });
    expect(await run(["apply", "-f", "nothing.yaml", "--prune", "--force"])).toEqual({ code: 1, stdout: "", stderr });
    expect(requests).toEqual([]);
  });

  test("plan, apply and validate --help say that a kind left out is not managed", async () => {
    for (const command of ["plan", "apply", "validate"]) {
      expect((await run([command, "--help"])).stdout).toContain(
        "A kind whose key the file leaves out is not managed by it: plan and apply leave every one of them alone, also with --prune. tags: [] or webhooks: [] manages that kind and wants none of it (--prune deletes what exists). A file with neither key is refused.",
      );
    }
  });
});

describe("export", () => {
  test("writes the account as a file, passwords as ${NAME}; with them set, plan exits 0", async () => {
    const result = await run(["export"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        `# yaml-language-server: $schema=https://unpkg.com/livechat-rest-v2@${PACKAGE_VERSION}/schema/livechat.schema.json`,
        "# The tags and webhooks of a LiveChat account, for `livechat-rest-v2 plan -f FILE` and `apply -f FILE`.",
        "# A tag is its name and group; a webhook its event_type and url. ${NAME} is read from the environment.",
        "",
        "tags:",
        "  - name: sales",
        "    group: 0",
        "    author: ops@example.com",
        "  - name: support",
        "    group: 0",
        "    author: ops@example.com",
        "  - name: vip",
        "    group: 1",
        "    author: lead@example.com",
        "webhooks:",
        "  - event_type: chat_started",
        "    data_types: [chat]",
        "    url: https://hooks:${LIVECHAT_WEBHOOK_PASSWORD_EXAMPLE_COM}@example.com/livechat",
        "  - event_type: ticket_created",
        "    data_types: [ticket]",
        "    url: https://hooks:${LIVECHAT_WEBHOOK_PASSWORD_TICKETS_EXAMPLE_COM}@tickets.example.com/in",
        "",
      ].join("\n"),
    );
    expect(result.stderr).toBe(
      [
        "note: webhook URL passwords are written as ${NAME}; set these variables before plan or apply:",
        "  LIVECHAT_WEBHOOK_PASSWORD_EXAMPLE_COM  (the password of https://hooks:***@example.com/livechat, as written in the URL)",
        "  LIVECHAT_WEBHOOK_PASSWORD_TICKETS_EXAMPLE_COM  (the password of https://hooks:***@tickets.example.com/in, as written in the URL)",
        "",
      ].join("\n"),
    );
    const written = await run(["export", "-o", "exported.yaml"]);
    expect(written.stdout).toBe("");
    expect(written.stderr).toContain("Wrote 3 tags and 2 webhooks to exported.yaml.\n");
    expect(readFileSync(join(work, "exported.yaml"), "utf8")).toBe(result.stdout);
    const passwords = { LIVECHAT_WEBHOOK_PASSWORD_EXAMPLE_COM: HOOK_PASSWORD, LIVECHAT_WEBHOOK_PASSWORD_TICKETS_EXAMPLE_COM: ENCODED_PASSWORD };
    expect(await run(["plan", "-f", "exported.yaml"], passwords)).toEqual({ code: 0, stderr: "", stdout: "0 to create, 0 to delete, 5 unchanged, 0 unmanaged\n" });
    expect(await run(["plan", "-f", "exported.yaml"])).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        "exported.yaml:18:24: ${LIVECHAT_WEBHOOK_PASSWORD_EXAMPLE_COM}: LIVECHAT_WEBHOOK_PASSWORD_EXAMPLE_COM is not set in the environment; set it (export LIVECHAT_WEBHOOK_PASSWORD_EXAMPLE_COM=…) or write the value instead",
        "exported.yaml:21:24: ${LIVECHAT_WEBHOOK_PASSWORD_TICKETS_EXAMPLE_COM}: LIVECHAT_WEBHOOK_PASSWORD_TICKETS_EXAMPLE_COM is not set in the environment; set it (export LIVECHAT_WEBHOOK_PASSWORD_TICKETS_EXAMPLE_COM=…) or write the value instead",
        "error: exported.yaml has 2 problems; nothing was changed.",
        "",
      ].join("\n"),
    });
  });
});

test("export -o into a folder that does not exist is refused before any call", async () => {
  expect(await run(["export", "-o", "missing/livechat.yaml"])).toEqual({
    code: 1,
    stdout: "",
    stderr: "error: cannot write missing/livechat.yaml: its folder does not exist; pass -o with a file in an existing folder, or leave -o out to print to stdout.\n",
  });
  expect(requests).toEqual([]);
});

describe("a bad file: each problem at file:line:column with what to write, exit 1, nothing sent", () => {
  const hook = (event: string, types: string, url = "https://example.com/x") => [`  - event_type: ${event}`, `    data_types: ${types}`, `    url: ${url}`];
  test.each<[string, string[], string]>([
    ["an unknown key", ["tags:", "  - name: sales", "    grop: 0"], 'bad.yaml:3:5: unknown key "grop" in a tag; write group instead'],
    ["an unknown event type", ["webhooks:", ...hook("chat_start", "[chat]")], 'bad.yaml:2:17: unknown event type "chat_start"; write chat_started instead'],
    ["a data type the event does not send", ["webhooks:", ...hook("visitor_queued", "[visitor, chat]")], 'bad.yaml:3:27: visitor_queued does not send data type "chat"; write visitor instead'],
    ["an unknown data type", ["webhooks:", ...hook("chat_started", "[chat, visitors]")], 'bad.yaml:3:24: unknown data type "visitors"; write visitor instead'],
    ["a duplicate tag", ["tags:", "  - { name: sales, group: 0 }", "  - { name: vip, group: 0 }", "  - { name: sales, group: 0 }"], 'bad.yaml:4:5: tag "sales" in group 0 is listed twice (first at line 2); write each tag once instead'],
    ["a tag named ..", ["tags:", '  - { name: "..", group: 0 }'], 'bad.yaml:2:13: tag name ".." could never be deleted (the API names a tag in its URL path, where it is a dot segment); write another name instead'],
    ["a duplicate webhook", ["webhooks:", ...hook("chat_started", "[chat]"), ...hook("chat_started", "[visitor]")], "bad.yaml:5:5: webhook chat_started → https://example.com/x is listed twice (first at line 2); write each once instead, with all its data types"],
    // A refused URL is quoted with its whole userinfo masked: where its password ends cannot be known.
    ["a URL that is not http(s)", ["webhooks:", ...hook("chat_started", "[chat]", `ftp://u:${HOOK_PASSWORD}@example.com`)], 'bad.yaml:4:10: url "ftp://***@example.com" is not an http(s) URL; write url: https://user:${PASSWORD}@example.com/livechat instead'],
    ["a URL that does not parse", ["webhooks:", ...hook("chat_started", "[chat]", `https://u:${HOOK_PASSWORD}@[example.com/x`)], 'bad.yaml:4:10: url "https://***@[example.com/x" is not a valid URL; write url: https://user:${PASSWORD}@example.com/livechat instead'],
    ["a raw @ in a URL's password", ["webhooks:", ...hook("chat_started", "[chat]", "https://hooks:p@ssw0rd-very-secret@example.com/x")], 'bad.yaml:4:10: url "https://***@example.com/x" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead'],
    ["a space in a URL's password", ["webhooks:", ...hook("chat_started", "[chat]", "https://hooks:two words@example.com/x")], 'bad.yaml:4:10: url "https://***@example.com/x" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead'],
    ["a raw / in a URL's password", ["webhooks:", ...hook("chat_started", "[chat]", "https://user:slash/pw-3k9q@example.com/hook")], 'bad.yaml:4:10: url "https://***@example.com/hook" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead'],
    ["a raw ? in a URL's password", ["webhooks:", ...hook("chat_started", "[chat]", "https://user:query?pw-7m2x@example.com/hook")], 'bad.yaml:4:10: url "https://***@example.com/hook" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead'],
    ["a raw # in a URL's password", ["webhooks:", ...hook("chat_started", "[chat]", '"https://user:hash#pw-5t8z@example.com/hook"')], 'bad.yaml:4:10: url "https://***@example.com/hook" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead'],
    ["an unset variable", ["webhooks:", ...hook("chat_started", "[chat]", "https://u:${UNSET_PASSWORD}@example.com/x")], "bad.yaml:4:20: ${UNSET_PASSWORD}: UNSET_PASSWORD is not set in the environment; set it (export UNSET_PASSWORD=…) or write the value instead"],
    ["a YAML syntax error", ["tags:", "  - { name: sales, group: 0", "webhooks: []"], "bad.yaml:3:1: YAML syntax: Flow map in block collection must be sufficiently indented and end with a }; fix the syntax here"],
  ])("%s", async (_, lines, problem) => {
    file("bad.yaml", lines);
    const expected = { code: 1, stdout: "", stderr: `${problem}\nerror: bad.yaml has 1 problem; nothing was changed.\n` };
    expect(await run(["apply", "-f", "bad.yaml"])).toEqual(expected);
    expect(await run(["plan", "-f", "bad.yaml", "--json"])).toEqual(expected);
    expect(requests).toEqual([]);
  });

  test("an empty file (what a failed `export > livechat.yaml` leaves) is refused: apply --prune from it deletes nothing", async () => {
    writeFileSync(join(work, "blank.yaml"), "");
    const stderr = [
      "blank.yaml:1:1: the file is empty; write what to manage (`livechat-rest-v2 export -o blank.yaml` writes what the account has), or tags: [] and/or webhooks: [] to have none of that kind",
      "error: blank.yaml has 1 problem; nothing was changed.",
      "",
    ].join("\n");
    expect(await run(["validate", "-f", "blank.yaml"])).toEqual({ code: 1, stdout: "", stderr });
    expect(await run(["apply", "-f", "blank.yaml", "--prune", "--force"])).toEqual({ code: 1, stdout: "", stderr });
    expect(requests).toEqual([]);
    expect(mock.state.tags).toHaveLength(3);
    expect(mock.state.webhooks).toHaveLength(2);
  });

  test("unset variables are reported with the file's other problems in one run, by validate and plan alike", async () => {
    file("bad1.yaml", [
      "tags:",
      "  - { name: sales, grop: 0 }",
      "webhooks:",
      ...hook("chat_startd", "[chat]", "https://livechat:${HOOK_PASSWORD}@hooks.example.com/livechat"),
      ...hook("ticket_created", "[chat]", "https://livechat:${HOOK_PASSWORD}@hooks.example.com/tickets"),
    ]);
    const unset = "${HOOK_PASSWORD}: HOOK_PASSWORD is not set in the environment; set it (export HOOK_PASSWORD=…) or write the value instead";
    const stderr = [
      'bad1.yaml:2:20: unknown key "grop" in a tag; write group instead',
      'bad1.yaml:4:17: unknown event type "chat_startd"; write chat_started instead',
      `bad1.yaml:6:27: ${unset}`,
      'bad1.yaml:8:18: ticket_created does not send data type "chat"; write ticket instead',
      `bad1.yaml:9:27: ${unset}`,
      "error: bad1.yaml has 5 problems; nothing was changed.",
      "",
    ].join("\n");
    expect(await run(["validate", "-f", "bad1.yaml"])).toEqual({ code: 1, stdout: "", stderr });
    expect(await run(["plan", "-f", "bad1.yaml"])).toEqual({ code: 1, stdout: "", stderr });
    expect(requests).toEqual([]);
  });
});

describe("a file's problems quote it as written: a value from ${NAME} is never printed", () => {
  const dup = [
    "webhooks:",
    "  - event_type: chat_ended",
    "    data_types: [chat]",
    "    url: https://hooks:${PW}@example.com/x",
    "  - event_type: chat_ended",
    "    data_types: [chat]",
    "    url: https://hooks:${PW}@example.com/x",
    "  - event_type: chat_started",
    "    data_types: [chat]",
    "    url: https://hooks:${PW2}@exa mple.com/x",
  ];

  test("a password with a quote, in a duplicate and in a URL refused for it", async () => {
    file("dup.yaml", dup);
    expect(await run(["validate", "-f", "dup.yaml"], { PW: 'top"secret', PW2: "x" })).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        `dup.yaml:4:10: url "https://hooks:\${PW}@example.com/x" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead`,
        "dup.yaml:5:5: webhook chat_ended → https://hooks:${PW}@example.com/x is listed twice (first at line 2); write each once instead, with all its data types",
        `dup.yaml:7:10: url "https://hooks:\${PW}@example.com/x" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead`,
        'dup.yaml:10:10: url "https://hooks:${PW2}@exa mple.com/x" is not an http(s) URL; write url: https://user:${PASSWORD}@example.com/livechat instead',
        "error: dup.yaml has 4 problems; nothing was changed.",
        "",
      ].join("\n"),
    });
  });

  test("a password with spaces, in a URL the schema's pattern refuses", async () => {
    file("dup.yaml", dup);
    expect(await run(["plan", "-f", "dup.yaml"], { PW: HOOK_PASSWORD, PW2: "another secret pw" })).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        "dup.yaml:5:5: webhook chat_ended → https://hooks:${PW}@example.com/x is listed twice (first at line 2); write each once instead, with all its data types",
        'dup.yaml:10:10: url "https://hooks:${PW2}@exa mple.com/x" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead',
        "error: dup.yaml has 2 problems; nothing was changed.",
        "",
      ].join("\n"),
    });
    expect(requests).toEqual([]);
  });

  test("a value read from the environment is a secret wherever it would be printed", async () => {
    file("author.yaml", ["tags:", "  - { name: sales, group: 0 }", "  - { name: new, group: 0, author: '${TAG_AUTHOR}' }"]);
    const plan = await run(["plan", "-f", "author.yaml"], { TAG_AUTHOR: "quiet@example.com" });
    expect(plan.stdout.split("\n")[0]).toBe('+ tag "new" in group 0 (author [REDACTED])');
  });
});

describe("a failure part-way through apply", () => {
  const lines = [
    "tags:",
    "  - { name: sales, group: 0 }",
    "  - { name: billing, group: 0 }",
    "webhooks:",
    "  - event_type: chat_started",
    "    data_types: [chat, visitor]",
    "    url: https://hooks:${CHAT_HOOK_PASSWORD}@example.com/livechat",
  ];
  const env = { CHAT_HOOK_PASSWORD: HOOK_PASSWORD };
  const oldHook = `webhook ${CHAT_HOOK.id} chat_started → https://hooks:***@example.com/livechat [chat]`;

  test("stops at the failed call, reports what was done and what was not, exits 1; a rerun converges", async () => {
    file("partway.yaml", lines);
    // The third call of the apply (after its two GETs): deleting the re-registered webhook's old one.
    mock.failNext({ status: 403 }, { method: "DELETE", path: "/webhooks/{webhook_id}" });
    const failed = await run(["apply", "-f", "partway.yaml"], env);
    const added = mock.state.webhooks.find((w) => w.event_type === "chat_started" && w.id !== CHAT_HOOK.id)!;
    const created = `+ created webhook ${added.id} chat_started → https://hooks:***@example.com/livechat [chat, visitor]`;
    expect(failed).toEqual({
      code: 1,
      stdout: [
        '+ created tag "billing" in group 0',
        created,
        "",
        "Stopped. Done (2):",
        '  + created tag "billing" in group 0',
        `  ${created}`,
        "Not done (1):",
        `  - ${oldHook} (replaced: its data types change)`,
        "Fix the cause and run apply again: it plans from what exists now and does only what is left.",
        "",
      ].join("\n"),
      stderr: `error: delete ${oldHook} (replaced: its data types change) failed: 403 Forbidden: DELETE ${base}/webhooks/${CHAT_HOOK.id} — Injected fault: HTTP 403; the account lacks the right: tags and webhooks need an owner or admin (OAuth scopes tags_write, webhooks_manage, archives_write, tickets_write).\n`,
    });
    expect(writes()).toEqual(["POST /tags", "POST /webhooks", `DELETE /webhooks/${CHAT_HOOK.id}`]);
    expect(mock.state.webhooks.map((w) => w.id)).toEqual([CHAT_HOOK.id, TICKET_HOOK.id, added.id]);

    // The rerun sees the old webhook as a duplicate of the new one, and deletes it.
    const plan = await run(["plan", "-f", "partway.yaml"], env);
    expect([plan.code, plan.stdout.split("\n")[0]]).toEqual([2, `- ${oldHook} (a duplicate of the one kept)`]);
    requests.length = 0;
    const rerun = await run(["apply", "-f", "partway.yaml"], env);
    expect(rerun.code).toBe(0);
    expect(writes()).toEqual([`DELETE /webhooks/${CHAT_HOOK.id}`]);
    expect(rerun.stdout).toContain("Applied: 0 created, 1 deleted, 3 unchanged, 3 unmanaged\n");
    expect((await run(["plan", "-f", "partway.yaml"], env)).code).toBe(0);
    expect(mock.state.webhooks.filter((w) => w.event_type === "chat_started")).toEqual([added]);
  });

  test("a delete answered 404 (deleted by another hand since the plan) is done, not a failure", async () => {
    file("partway.yaml", lines);
    mock.failNext({ status: 404, body: JSON.stringify({ error: "Webhook not found" }) }, { method: "DELETE", path: "/webhooks/{webhook_id}" });
    const applied = await run(["apply", "-f", "partway.yaml"], env);
    const added = mock.state.webhooks.find((w) => w.event_type === "chat_started" && w.id !== CHAT_HOOK.id)!;
    expect(applied).toEqual({
      code: 0,
      stdout: [
        '+ created tag "billing" in group 0',
        `+ created webhook ${added.id} chat_started → https://hooks:***@example.com/livechat [chat, visitor]`,
        `- deleted ${oldHook} (it was already gone)`,
        '? tag "support" in group 0: unmanaged, not in the file (left alone; --prune deletes it)',
        '? tag "vip" in group 1: unmanaged, not in the file (left alone; --prune deletes it)',
        `? webhook ${TICKET_HOOK.id} ticket_created → https://hooks:***@tickets.example.com/in [ticket]: unmanaged, not in the file (left alone; --prune deletes it)`,
        "",
        "Applied: 2 created, 1 deleted, 1 unchanged, 3 unmanaged",
        "",
      ].join("\n"),
      stderr: "",
    });
    mock.failNext({ status: 404, body: JSON.stringify({ error: "Webhook not found" }) }, { method: "DELETE", path: "/webhooks/{webhook_id}" });
    const json = JSON.parse((await run(["apply", "-f", "partway.yaml", "--json"], env)).stdout);
    expect(json.done).toEqual([{ action: "delete", kind: "webhook", id: CHAT_HOOK.id, event_type: "chat_started", data_types: ["chat"], url: "https://hooks:***@example.com/livechat", reason: "duplicate", already_gone: true }]);
    expect(json.failed).toBeNull();
  });

  test("--json reports done, failed and not done; nothing after the failed call is sent", async () => {
    file("partway.yaml", lines);
    mock.failNext({ status: 500 }, { method: "POST", path: "/webhooks" }); // POSTs are not retried
    const failed = await run(["apply", "-f", "partway.yaml", "--json"], env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(
      `error: create webhook chat_started → https://hooks:***@example.com/livechat [chat, visitor] (replaces ${CHAT_HOOK.id}) failed: 500 Internal Server Error: POST ${base}/webhooks — Injected fault: HTTP 500; LiveChat is unavailable or limiting requests (GET, PUT and DELETE were retried twice): try again later.\n`,
    );
    expect(JSON.parse(failed.stdout)).toEqual({
      managed: { tags: true, webhooks: true },
      done: [{ action: "create", kind: "tag", name: "billing", group: 0, author: LOGIN }],
      failed: {
        action: "create", kind: "webhook", event_type: "chat_started", data_types: ["chat", "visitor"], url: "https://hooks:***@example.com/livechat", replaces: [CHAT_HOOK.id],
        error: failed.stderr.trimEnd(),
      },
      not_done: [
        { action: "create", kind: "webhook", event_type: "chat_started", data_types: ["chat", "visitor"], url: "https://hooks:***@example.com/livechat", replaces: [CHAT_HOOK.id] },
        { action: "delete", kind: "webhook", id: CHAT_HOOK.id, event_type: "chat_started", data_types: ["chat"], url: "https://hooks:***@example.com/livechat", reason: "replaced" },
      ],
      summary: { created: 1, deleted: 0, unchanged: 1, unmanaged: 3 },
    });
    expect(writes()).toEqual(["POST /tags", "POST /webhooks"]);
    expect(mock.state.webhooks.map((w) => w.id)).toEqual([CHAT_HOOK.id, TICKET_HOOK.id]); // the old one is still there: no event goes undelivered
    const rerun = await run(["apply", "-f", "partway.yaml", "--json"], env);
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout).summary).toEqual({ created: 1, deleted: 1, unchanged: 2, unmanaged: 3 });
    expect((await run(["plan", "-f", "partway.yaml"], env)).code).toBe(0);
  });
});

/** The bin's `mock` command, spawned as a process; its banner read up to "Ctrl-C stops it.". */
interface BinMock {
  child: ChildProcess;
  banner: string;
  baseUrl: string;
  /** Resolves with the exit code (or the signal that killed it). */
  exited: Promise<number | string>;
}

/** Every mock spawned, stopped after the file's tests whatever they did. */
const binMocks: ChildProcess[] = [];
afterAll(() => {
  for (const child of binMocks) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

function spawnBinMock(args: string[]): Promise<BinMock> {
  const child = spawn(process.execPath, [cli.bin, ...args], { cwd: work, env: { PATH: process.env.PATH }, stdio: ["ignore", "pipe", "pipe"] });
  binMocks.push(child);
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal!)));
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`mock printed no banner in 30 s: ${out}${err}`)), 30_000);
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.endsWith("Ctrl-C stops it.\n")) return;
      clearTimeout(timer);
      resolve({ child, banner: out, baseUrl: /^LiveChat mock listening on (http:\/\/\S+)\n/.exec(out)![1]!, exited });
    });
    void exited.then((code) => reject(new Error(`mock exited with ${code}: ${out}${err}`)));
  });
}

describe("mock", () => {
  const demo = { LIVECHAT_LOGIN: "demo@example.com", LIVECHAT_API_KEY: "demo-api-key" };

  test("mock --help says what it serves, where, and until when", async () => {
    expect(await run(["mock", "--help"])).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "Usage: livechat-rest-v2 mock [--port N] [--host H]",
        "",
        "Serves a mock LiveChat API with a demo account on this machine, to try the commands on, until Ctrl-C.",
        "",
        "The mock is the package's own (livechat-rest-v2/mock): it answers every operation as LiveChat's v2 API documents it, keeps what you create while it runs, and forgets it when stopped. It prints its base URL and the demo account's credentials, and the line to paste in another terminal to point the other commands at it.",
        "",
        "Options:",
        "  --port N    the port (default: 8787; 0 picks a free one)",
        "  --host H    where to listen: 127.0.0.1 (default), localhost or ::1; loopback only",
        "  -h, --help  show this help",
        "",
        "Examples:",
        "  livechat-rest-v2 mock",
        "  livechat-rest-v2 mock --port 0",
        "",
      ].join("\n"),
    });
  });

  test("serves the demo account: the other commands work against it with its credentials; SIGTERM closes it, exit 0", async () => {
    const served = await spawnBinMock(["mock", "--port", "0"]);
    const env = { ...demo, LIVECHAT_BASE_URL: served.baseUrl };
    expect(served.banner.split("\n").slice(0, 4)).toEqual([
      `LiveChat mock listening on ${served.baseUrl}`,
      "  login:   demo@example.com",
      "  api key: demo-api-key    (or the OAuth token demo-access-token)",
      "  chats:   MH0NQTLD8B    tickets: 5FUED    tags: sales, support (group 0)",
    ]);
    expect(served.banner).toContain(`  export LIVECHAT_LOGIN=demo@example.com LIVECHAT_API_KEY=demo-api-key LIVECHAT_BASE_URL=${served.baseUrl}\n`);
    expect(await run(["tags", "list"], env)).toEqual({
      code: 0,
      stderr: "",
      stdout: ["NAME     GROUP  AUTHOR            CREATED     CHATS  TICKETS", "sales    0      demo@example.com  2014-06-17  0      0", "support  0      demo@example.com  2014-06-17  1      0", ""].join("\n"),
    });
    expect(await run(["chats", "set-tags", "MH0NQTLD8B", "sales"], { LIVECHAT_ACCESS_TOKEN: "demo-access-token", LIVECHAT_LOGIN: undefined, LIVECHAT_API_KEY: undefined, LIVECHAT_BASE_URL: served.baseUrl })).toEqual({
      code: 0,
      stderr: "",
      stdout: "Set the tags of chat MH0NQTLD8B: sales.\n",
    });
    expect((await run(["tags", "list"], { ...env, LIVECHAT_API_KEY: "not-the-demo-key" })).stderr).toMatch(/^error: tags list failed: 401 Unauthorized: GET /);
    served.child.kill("SIGTERM");
    expect(await served.exited).toBe(0);
    expect((await run(["tags", "list"], env)).stderr).toMatch(/^error: tags list failed: .*ECONNREFUSED/);
  });

  test("Ctrl-C (SIGINT) closes it, exit 0", async () => {
    const served = await spawnBinMock(["mock", "--port", "0", "--host", "localhost"]);
    expect(served.baseUrl).toMatch(/^http:\/\/localhost:\d+$/);
    served.child.kill("SIGINT");
    expect(await served.exited).toBe(0);
  });

  test("a port in use, or a host that is not loopback, is one line that says what to pass", async () => {
    expect(await run(["mock", "--port", String(served.port)])).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: cannot listen on 127.0.0.1:${served.port}: the port is in use (another mock?); pass another, such as --port 8788 (0 picks a free one)\n`,
    });
    expect(await run(["mock", "--host", "0.0.0.0"])).toEqual({
      code: 1,
      stdout: "",
      stderr: 'error: --host must be a loopback address, not "0.0.0.0": --host 127.0.0.1 (or localhost, ::1); the client sends plain http:// only to those, and the mock\'s credentials are public\n',
    });
  });
});

describe("the README's worked example", () => {
  let demo: BinMock | undefined;

  test("runs as the README shows it, for a user of the package: mock, then export, edit, plan, apply, plan again", async () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### A worked example"), readme.indexOf("\n## ", readme.indexOf("### A worked example")));
    const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, text: m[2]! }));
    expect(blocks.map((b) => b.lang)).toEqual(["sh", "text", "sh", "yaml", "yaml", "sh", "text", "sh", "text", "sh", "text"]);
    // The first terminal: the mock, on a free port rather than the README's 8787; it prints what the README shows.
    expect(blocks[0]!.text).toBe("npx livechat-rest-v2 mock\n");
    demo = await spawnBinMock(["mock", "--port", "0"]);
    expect(demo.banner.replaceAll(demo.baseUrl, "http://127.0.0.1:8787")).toBe(blocks[1]!.text);
    const env: Record<string, string> = {};
    const ids = (text: string) => text.replace(/\b[0-9a-f]{32}\b/g, "<id>");
    /** Runs each line of a sh block; returns the last command's result and the exit code its comment promises. */
    const shell = async (text: string) => {
      let last: { result: Result; code: number } | undefined;
      for (const line of text.trim().split("\n")) {
        if (line.startsWith("export ")) {
          for (const [, name, value] of line.matchAll(/(\w+)=(\S+)/g)) {
            if (name === "LIVECHAT_BASE_URL") expect(value).toBe("http://127.0.0.1:8787");
            env[name!] = name === "LIVECHAT_BASE_URL" ? demo!.baseUrl : value!; // the URL the mock printed
          }
          continue;
        }
        expect(line.startsWith("npx livechat-rest-v2 ")).toBe(true);
        const [command, comment = ""] = line.slice("npx livechat-rest-v2 ".length).split("#");
        last = { result: await run(command!.trim().split(/\s+/), env), code: Number(/exit code (\d)/.exec(comment)?.[1] ?? 0) };
      }
      return last!;
    };
    const exported = await shell(blocks[2]!.text);
    expect(exported.result.code).toBe(0);
    const file = readFileSync(join(work, "livechat.yaml"), "utf8");
    expect(file.split("\n").slice(4).join("\n")).toBe(blocks[3]!.text); // after the three comment lines and a blank one
    writeFileSync(join(work, "livechat.yaml"), blocks[4]!.text);
    for (const [sh, shown] of [[5, 6], [7, 8], [9, 10]] as const) {
      const { result, code } = await shell(blocks[sh]!.text);
      expect({ code: result.code, stdout: ids(result.stdout), stderr: result.stderr }).toEqual({ code, stdout: ids(blocks[shown]!.text), stderr: "" });
    }
    demo.child.kill("SIGINT");
    expect(await demo.exited).toBe(0);
  });
});

// Keep last: it reads what every run of this file printed.
describe("credentials and webhook passwords never reach any output", () => {
  test("every command in both modes, errors included, prints no secret", async () => {
    const both = { LIVECHAT_ACCESS_TOKEN: TOKEN };
    // Webhooks registered elsewhere, with passwords the CLI refuses as input.
    ODD_PASSWORDS.forEach((p, i) => mock.state.webhooks.push({ id: `d${i}`.padEnd(32, "0"), licence: 1, verified: true, token: "t", event_type: "chat_ended", data_types: ["chat"], url: `https://hooks:${p}@odd${i}.example.com/x` }));
    const configFile = file("secrets.yaml", ["webhooks:", "  - event_type: chat_started", "    data_types: [chat, visitor]", `    url: https://hooks:${HOOK_PASSWORD}@example.com/livechat`]);
    const oddFile = file("odd-secrets.yaml", ["webhooks:", ...ODD_PASSWORDS.flatMap((p, i) => ["  - event_type: chat_started", "    data_types: [chat]", `    url: ${JSON.stringify(`https://hooks:${p}@odd${i}.example.com/x`)}`])]);
    const runs: [string[], Record<string, string | undefined>?][] = [
      [["tags", "list"]], [["tags", "list", "--json"], both],
      [["tags", "create", "s", "--group", "0"]], [["tags", "create", "s2", "--group", "0", "--json"]],
      [["tags", "delete", "s", "--group", "0"]], [["tags", "delete", "s2", "--group", "0", "--json"], both],
      [["webhooks", "list"]], [["webhooks", "list", "--json"], both],
      [["webhooks", "create", "--event", "chat_ended", "--data-type", "chat", "--url", `https://hooks:${HOOK_PASSWORD}@example.com/e`]],
      [["webhooks", "create", "--event", "chat_ended", "--data-type", "visitor", "--url", `https://hooks:${ENCODED_PASSWORD}@example.com/e2`, "--json"]],
      [["webhooks", "delete", TICKET_HOOK.id]], [["webhooks", "delete", TICKET_HOOK.id, "--json"]],
      [["chats", "set-tags", "MH0NQTLD8B", "sales"]], [["tickets", "set-tags", "5FUED", "sales", "--json"]],
      [["validate", "-f", configFile]], [["plan", "-f", configFile]], [["plan", "-f", configFile, "--json", "--prune"]],
      [["apply", "-f", configFile]], [["apply", "-f", configFile, "--json"]],
      [["export"]], [["export", "-o", "secrets-export.yaml"]],
      [["tags", "list"], { LIVECHAT_API_KEY: `${API_KEY}x` }],
      [["tags", "list"], { LIVECHAT_LOGIN: undefined, LIVECHAT_API_KEY: undefined, LIVECHAT_ACCESS_TOKEN: `${TOKEN} bad` }],
      [["plan", "-f", configFile, "--prune", "--force"]], [["export", "-o", "odd-export.yaml"]],
      [["validate", "-f", oddFile]], [["plan", "-f", oddFile, "--json"]],
      ...ODD_PASSWORDS.map((p): [string[]] => [["webhooks", "create", "--event", "chat_ended", "--data-type", "chat", "--url", `https://hooks:${p}@example.com/odd`]]),
    ];
    for (const [args, env] of runs) await run(args, env);
    // A server error that echoes a webhook URL, its password in it.
    mock.failNext({ status: 500, body: JSON.stringify({ error: `cannot deliver to https://hooks:${HOOK_PASSWORD}@example.com/e3` }) });
    const echoed = await run(["webhooks", "create", "--event", "chat_ended", "--data-type", "chat", "--url", `https://hooks:${HOOK_PASSWORD}@example.com/e3`, "--json"]);
    expect(echoed).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: webhooks create failed: 500 Internal Server Error: POST ${base}/webhooks — cannot deliver to https://hooks:***@example.com/e3; LiveChat is unavailable or limiting requests (GET, PUT and DELETE were retried twice): try again later.\n`,
    });
    for (const written of ["secrets-export.yaml", "odd-export.yaml"]) {
      const text = readFileSync(join(work, written), "utf8");
      for (const secret of SECRETS) expect(text.includes(secret), `${written}: ${secret}`).toBe(false);
    }
    const printed = outputs.join("\n");
    expect(outputs.length).toBeGreaterThanOrEqual(2 * (runs.length + 1));
    expect(printed).toContain("https://hooks:***@example.com"); // the URLs were printed, masked
    for (const secret of SECRETS) expect(printed.includes(secret), secret).toBe(false);
  });
});
