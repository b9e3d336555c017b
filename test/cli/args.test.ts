// The command line's own errors (src/cli/args.ts, and the command words in main.ts): each reads as
// one clean line that names what was typed and says what to write, before anything is sent.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { COMMANDS, main } from "../../src/cli/main.js";

const cwd = mkdtempSync(join(tmpdir(), "livechat-args-"));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const streams = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  // No credentials and no base URL: a command that got past its arguments would fail on those instead.
  const code = await main(argv, { ...streams, env: {}, cwd });
  return { code, stdout, stderr };
}

const every = "-f/--file, --prune, --force, --json, --base-url, -h/--help";

test.each<[string[], string]>([
  [["plan", "-f"], "-f needs a value: -f livechat.yaml"],
  [["plan", "--file"], "--file needs a value: --file livechat.yaml"],
  [["plan", "-f", "--json"], '-f needs a value: -f livechat.yaml ("--json" after it is an option; write --file=--json if that is the value)'],
  [["plan", "--file="], "--file needs a value, not an empty one: --file=livechat.yaml"],
  [["plan", "-f", ""], "-f needs a value, not an empty one: -f livechat.yaml"],
  [["plan", "-f", "a.yaml", "--file", "b.yaml"], "-f/--file is given twice; give it once"],
  [["plan", "--json=yes"], "--json takes no value; write --json alone"],
  [["export", "-o"], "-o needs a value: -o livechat.yaml"],
  [["tags", "list", "--group"], "--group needs a value: --group 0"],
  [["webhooks", "create", "--event", "chat_started", "--data-type", "chat", "--url"], '--url needs a value: --url "https://hooks:${HOOK_PASSWORD}@example.com/livechat"'],
  [["tags", "list", "--base-url"], "--base-url needs a value: --base-url http://127.0.0.1:8787"],
  [["tags", "list", "--grup", "1"], "tags list has no option --grup; write --group instead"],
  [["plan", "--colour"], `plan has no option --colour; write one of ${every} instead`],
  [["plan", "-x"], `plan has no option -x; write one of ${every} instead`],
  [["tags", "create", "--group", "0"], `tags create needs NAME, the tag's name (spaces allowed: quote it): livechat-rest-v2 tags create "VIP customer" --group 0 --author john@example.com`],
  [["chats", "set-tags", "MH0NQTLD8B"], "chats set-tags needs TAG, a tag name (one or more): livechat-rest-v2 chats set-tags MH0NQTLD8B sales support"],
  [["webhooks", "delete"], "webhooks delete needs ID, the webhook's ID (see `webhooks list`): livechat-rest-v2 webhooks delete 8a1f0e5d2b7c4c1e9f3a6b0d4e2c7a91"],
  [["tags", "delete", "VIP", "customer", "--group", "0"], 'tags delete takes one argument, NAME, but got also "customer" (quote a value that has spaces): livechat-rest-v2 tags delete sales --group 0'],
  [["plan", "prod.yaml"], 'plan takes no arguments, but got "prod.yaml"; pass the file with -f: livechat-rest-v2 plan -f prod.yaml'],
  [["tags", "list", "1"], 'tags list takes no arguments, but got "1": livechat-rest-v2 tags list [--group N] [--json]'],
  [["tags", "delete", "sales"], "tags delete needs --group N: add --group 0"],
  [["webhooks", "create", "--event", "ticket_created", "--url", "https://e.com"], "webhooks create needs --data-type T…: add --data-type chat"],
  [["tags", "delete", "sales", "--group", "one"], '--group must be a group ID, a whole number, not "one": --group 0 (the default group)'],
  [["mock", "--port", "http"], '--port must be a port number from 0 to 65535, not "http": --port 8787 (0 picks a free one)'],
  [["mock", "--port", "65536"], '--port must be a port number from 0 to 65535, not "65536": --port 8787 (0 picks a free one)'],
  [["mock", "--host", "0.0.0.0"], '--host must be a loopback address, not "0.0.0.0": --host 127.0.0.1 (or localhost, ::1); the client sends plain http:// only to those, and the mock\'s credentials are public'],
  [["mock", "--port"], "--port needs a value: --port 8787"],
  [["tag", "list"], 'unknown command "tag"; write tags instead (`livechat-rest-v2 --help` lists the commands)'],
  [["deploy"], 'unknown command "deploy"; run `livechat-rest-v2 --help` for the commands'],
  [["tags", "lst"], 'tags has no command "lst"; write tags list instead'],
  [["tags", "rename"], 'tags has no command "rename"; write one of tags list, tags create, tags delete instead'],
])("%j: error: %s", async (argv, message) => {
  expect(await run(argv)).toEqual({ code: 1, stdout: "", stderr: `error: ${message}\n` });
});

test("every command that takes an argument or needs an option has an example for its messages", () => {
  const needing = COMMANDS.filter((c) => (c.positionals?.length ?? 0) > 0 || Object.values(c.options ?? {}).some((o) => o.required));
  expect(needing.filter((c) => !c.examples?.length).map((c) => c.path.join(" "))).toEqual([]);
  const strings = COMMANDS.flatMap((c) => Object.entries(c.options ?? {}).filter(([, o]) => o.type === "string").map(([name, o]) => [`${c.path.join(" ")} --${name}`, o.example]));
  expect(strings.filter(([, example]) => !example)).toEqual([]);
});
