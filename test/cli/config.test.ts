// Reading a config file: every problem at its line and column, worded with what to write instead.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { parseConfig } from "../../src/cli/config/load.js";
import { ConfigProblems } from "../../src/cli/failure.js";
import { ROOT } from "../helpers/run.js";

const env = { HOOK_PASSWORD: "s3cret" };

function problems(text: string): string[] {
  try {
    parseConfig("f.yaml", text, env);
  } catch (error) {
    if (error instanceof ConfigProblems) return error.message.split("\n");
    throw error;
  }
  return [];
}

test("reads a valid file, substituting ${NAME}, with each entry's position", () => {
  const config = parseConfig(
    "f.yaml",
    ["author: a@b.c", "tags:", "  - { name: sales, group: 0 }", "webhooks:", "  - event_type: chat_started", "    data_types: [chat]", '    url: "https://h:${HOOK_PASSWORD}@example.com/x"'].join("\n"),
    env,
  );
  expect(config).toEqual({
    file: "f.yaml",
    author: "a@b.c",
    tags: [{ name: "sales", group: 0, at: { line: 3, column: 5 } }],
    webhooks: [{ event_type: "chat_started", data_types: ["chat"], url: "https://h:s3cret@example.com/x", at: { line: 5, column: 5 } }],
  });
});

describe("a file with nothing in it is refused, as the schema refuses it: apply --prune from it would delete everything", () => {
  // What an editor reads the file as with the shipped schema: YAML's empty document is null, not a map.
  const editor = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(join(ROOT, "schema/livechat.schema.json"), "utf8")));
  const what = "write what to manage (`livechat-rest-v2 export -o f.yaml` writes what the account has), or tags: [] and/or webhooks: [] to have none of that kind";
  test.each<[string, string, string]>([
    ["an empty file", "", "the file is empty"],
    ["a file of blank lines", "\n  \n", "the file is empty"],
    ["a file of comments only", "# yaml-language-server: $schema=…\n# tags: []\n", "the file holds only comments"],
    ["null", "null\n", "the file is null, not a map"],
    ["~", "~", "the file is null, not a map"],
    ["an empty document after ---", "# x\n---\n", "the file holds only comments"],
  ])("%s", (_, text, problem) => {
    expect(editor(parse(text))).toBe(false);
    expect(problems(text)).toEqual([`f.yaml:1:1: ${problem}; ${what}`]);
  });

  test.each<[string, string, string]>([
    ["an empty map", "{}", "f.yaml:1:1"],
    ["a default author alone", "author: a@b.c\n", "f.yaml:1:1"],
    ["an empty map after comments", "# livechat\n{}\n", "f.yaml:2:1"],
  ])("%s manages nothing: refused by the schema and the CLI alike", (_, text, at) => {
    expect(editor(parse(text))).toBe(false);
    expect(problems(text)).toEqual([`${at}: the file manages nothing: it has neither tags nor webhooks; ${what}`]);
  });

  test("a misspelt key is reported with it", () => {
    expect(problems("tag: []\n")).toEqual([
      "f.yaml:1:1: the file manages nothing: it has neither tags nor webhooks; " + what,
      'f.yaml:1:1: unknown key "tag"; write tags instead',
    ]);
  });
});

describe("a kind is managed only when its key is written", () => {
  test.each<[string, string, Record<string, unknown>]>([
    ["both keys, empty: both managed, none wanted", "tags: []\nwebhooks: []\n", { tags: [], webhooks: [] }],
    ["tags alone: webhooks not managed (no webhooks property)", "tags: []\n", { tags: [] }],
    ["webhooks alone: tags not managed", "author: a@b.c\nwebhooks: []\n", { author: "a@b.c", webhooks: [] }],
  ])("%s", (_, text, expected) => {
    const config = parseConfig("f.yaml", text, env);
    expect(config).toEqual({ file: "f.yaml", ...expected });
    expect(Object.keys(config).sort()).toEqual(["file", ...Object.keys(expected)].sort());
  });
});

describe("problems", () => {
  test.each<[string, string[], string[]]>([
    ["a list at the top", ["- a"], ['f.yaml:1:1: the file must be a map with tags, webhooks and author; write for example "tags: [{ name: sales, group: 0 }]" instead']],
    ["tags not a list", ["tags: sales"], ["f.yaml:1:7: tags must be a list of tags, not \"sales\"; write tags: [{ name: sales, group: 0 }] instead"]],
    ["a tag that is not a map", ["tags:", "  - sales"], ["f.yaml:2:5: each tag must be a map, not \"sales\"; write { name: sales, group: 0 } instead"]],
    ["an unknown key in a flow map, at the key", ["tags: [{ name: a, group: 0, grp: 1 }]"], ['f.yaml:1:29: unknown key "grp" in a tag; write group instead']],
    ["a far-off key lists the keys", ["webhooks:", "  - colour: red", "    event_type: chat_started", "    data_types: [chat]", "    url: https://e.com"], ['f.yaml:2:5: unknown key "colour" in a webhook; write one of event_type, data_types, url instead']],
    ["a group given as text", ["tags:", "  - name: a", '    group: "0"'], ['f.yaml:3:12: group must be a group ID, a whole number 0 or more, not "0"; write group: 0 instead']],
    ["an empty name", ["tags:", "  - name: ''", "    group: 0"], ["f.yaml:2:11: name is empty; write name: sales instead"]],
    ["a data type that is not a name", ["webhooks:", "  - { event_type: chat_started, data_types: [1], url: 'https://e.com' }"], ["f.yaml:2:46: a data type must be a name, not 1; write one of chat, visitor, pre_chat_survey, ticket, canned_response instead"]],
    ["an unset variable, at the reference inside a quoted scalar", ["webhooks:", "  - event_type: chat_started", "    data_types: [chat]", '    url: "https://h:${NOPE}@e.com"'], ["f.yaml:4:21: ${NOPE}: NOPE is not set in the environment; set it (export NOPE=…) or write the value instead"]],
    ["a URL that does not parse", ["webhooks:", "  - event_type: chat_started", "    data_types: [chat]", "    url: https://[::1/x"], ['f.yaml:4:10: url "https://[::1/x" is not a valid URL; write url: https://user:${PASSWORD}@example.com/livechat instead']],
    ["an unknown event type from a variable, quoted as written", ["webhooks:", "  - { event_type: '${HOOK_PASSWORD}', data_types: [chat], url: 'https://e.com' }"], ["f.yaml:2:19: unknown event type \"${HOOK_PASSWORD}\"; write one of chat_started, chat_ended, chat_changed, visitor_queued, ticket_created, canned_response_changed instead"]],
    ["a repeated key", ["tags: []", "tags: []"], ["f.yaml:2:1: Map keys must be unique: this key appears twice in the same map; write it once instead"]],
    ["two documents", ["tags: []", "---", "tags: []"], ["f.yaml:2:1: Source contains multiple documents; please use YAML.parseAllDocuments(): write one document (remove the extra ---) instead"]],
  ])("%s", (_, lines, expected) => {
    expect(problems(lines.join("\n"))).toEqual(expected);
  });
});

describe("a refused URL is quoted with nothing between its // and its last @: a password with /, ? or # is not shown", () => {
  const hook = (url: string, event = "chat_started") => ["  - event_type: " + event, "    data_types: [chat]", `    url: ${JSON.stringify(url)}`];
  test.each<[string, string[], string[]]>([
    ["a / in the password", ["webhooks:", ...hook("https://user:pa/ss@example.com/hook")], ['f.yaml:4:10: url "https://***@example.com/hook" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead']],
    ["a ? in the password", ["webhooks:", ...hook("https://user:pa?ss@example.com/hook")], ['f.yaml:4:10: url "https://***@example.com/hook" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead']],
    ["a # in the password", ["webhooks:", ...hook("https://user:pa#ss@example.com/hook")], ['f.yaml:4:10: url "https://***@example.com/hook" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead']],
    ["a URL that does not parse for another reason", ["webhooks:", ...hook("https://user:pa/ss@[example.com/hook")], ['f.yaml:4:10: url "https://***@[example.com/hook" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead']],
    ["a / in the password of a URL that is not http(s)", ["webhooks:", ...hook("ftp://user:pa/ss@example.com/hook")], ['f.yaml:4:10: url "ftp://***@example.com/hook" is not an http(s) URL; write url: https://user:${PASSWORD}@example.com/livechat instead']],
    ["a / and a space in the password", ["webhooks:", ...hook("https://user:pa ss/x@example.com/hook")], ['f.yaml:4:10: url "https://***@example.com/hook" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead']],
    [
      "a duplicate of a refused URL",
      ["webhooks:", ...hook("https://user:pa/ss@example.com/hook"), ...hook("https://user:pa/ss@example.com/hook")],
      [
        'f.yaml:4:10: url "https://***@example.com/hook" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead',
        "f.yaml:5:5: webhook chat_started → https://***@example.com/hook is listed twice (first at line 2); write each once instead, with all its data types",
        'f.yaml:7:10: url "https://***@example.com/hook" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead',
      ],
    ],
    ["a URL as the event type", ["webhooks:", ...hook("https://e.com", "https://user:pa/ss@example.com/hook")], ['f.yaml:2:17: unknown event type "https://***@example.com/hook"; write one of chat_started, chat_ended, chat_changed, visitor_queued, ticket_created, canned_response_changed instead']],
    ["a URL as a data type", ["webhooks:", "  - event_type: chat_started", '    data_types: ["https://user:pa#ss@example.com/hook"]', "    url: https://e.com"], ['f.yaml:3:18: unknown data type "https://***@example.com/hook"; write one of chat, visitor, pre_chat_survey, ticket, canned_response instead']],
    ["a URL as a group", ["tags:", "  - name: a", '    group: "https://user:pa?ss@example.com/hook"'], ['f.yaml:3:12: group must be a group ID, a whole number 0 or more, not "https://***@example.com/hook"; write group: 0 instead']],
    ["a URL as a key", ["tags:", '  - { name: a, group: 0, "https://user:pa/ss@example.com/hook": 1 }'], ['f.yaml:2:26: unknown key "https://***@example.com/hook" in a tag; write one of name, group, author instead']],
  ])("%s", (_, lines, expected) => {
    const found = problems(lines.join("\n"));
    expect(found).toEqual(expected);
    expect(found.join("\n")).not.toMatch(/pa[/?#]ss/);
  });
});

describe("values from the environment", () => {
  const dup = [
    "webhooks:",
    "  - event_type: chat_ended",
    "    data_types: [chat]",
    "    url: https://hooks:${PW}@example.com/x",
    "  - event_type: chat_ended",
    "    data_types: [chat]",
    "    url: https://hooks:${PW}@example.com/x",
    "  - { event_type: chat_started, data_types: [chat], url: 'https://hooks:${PW2}@exa mple.com/x' }",
    "tags:",
    "  - { name: '${TAG}', group: 0 }",
    "  - { name: '${TAG}', group: 0 }",
    "  - { name: x, group: 0, colour: '${PW}' }",
  ].join("\n");

  test("problems quote the value as written in the file, ${NAME} and all, never the value substituted", () => {
    let message = "";
    try {
      parseConfig("dup.yaml", dup, { PW: "s3cret-1", PW2: "another secret pw", TAG: "quiet-name" });
    } catch (error) {
      message = (error as ConfigProblems).message;
    }
    expect(message.split("\n")).toEqual([
      "dup.yaml:5:5: webhook chat_ended → https://hooks:${PW}@example.com/x is listed twice (first at line 2); write each once instead, with all its data types",
      'dup.yaml:8:58: url "https://hooks:${PW2}@exa mple.com/x" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead',
      'dup.yaml:11:5: tag "${TAG}" in group 0 is listed twice (first at line 10); write each tag once instead',
      'dup.yaml:12:26: unknown key "colour" in a tag; write one of name, group, author instead',
    ]);
  });

  test("each value read is handed to the secret callback as it is read, before any problem is thrown", () => {
    const seen: string[] = [];
    expect(() => parseConfig("dup.yaml", dup, { PW: 'top"secret', PW2: "another secret pw", TAG: "t" }, (value) => seen.push(value))).toThrow(ConfigProblems);
    expect(seen).toEqual(['top"secret', 'top"secret', "another secret pw", "t", "t", 'top"secret']);
  });
});

describe("unset variables are reported with every other problem, in one run", () => {
  // Problems of every kind, and values read from variables that are not set (two variables, one used twice).
  const text = [
    "author: ''",
    "tags:",
    "  - { name: sales, grop: 0 }",
    "  - { name: '${TEAM}', group: 0 }",
    "  - { name: '${TEAM}', group: 0 }",
    "  - { name: vip, group: '${TEAM}' }",
    "webhooks:",
    "  - event_type: chat_startd",
    "    data_types: [chat]",
    "    url: https://hooks:${HOOK_PASSWORD}@example.com/x",
    "  - event_type: ticket_created",
    "    data_types: [chat]",
    "    url: https://hooks:${HOOK_PASSWORD}@example.com/x",
    "  - event_type: '${TEAM}'",
    "    data_types: [chat, visitr]",
    "    url: https://hooks:two words@example.com/y",
    "  - event_type: chat_ended",
    "    data_types: [chat]",
    "    url: https://example.com/z",
    "  - event_type: chat_ended",
    "    data_types: [visitor]",
    "    url: https://example.com/z",
  ].join("\n");

  test("each unset variable at its reference, every problem that does not depend on it too, in file order", () => {
    let message = "";
    try {
      parseConfig("bad1.yaml", text, {});
    } catch (error) {
      message = (error as ConfigProblems).message;
    }
    const unset = (name: string) => `\${${name}}: ${name} is not set in the environment; set it (export ${name}=…) or write the value instead`;
    expect(message.split("\n")).toEqual([
      "bad1.yaml:1:9: author is empty; write author: john@example.com instead",
      'bad1.yaml:3:20: unknown key "grop" in a tag; write group instead',
      `bad1.yaml:4:14: ${unset("TEAM")}`,
      `bad1.yaml:5:14: ${unset("TEAM")}`,
      // Whatever TEAM holds, a group written as text is not a number.
      'bad1.yaml:6:25: group must be a group ID, a whole number 0 or more, not "${TEAM}"; write group: 0 instead',
      `bad1.yaml:6:26: ${unset("TEAM")}`,
      'bad1.yaml:8:17: unknown event type "chat_startd"; write chat_started instead',
      `bad1.yaml:10:24: ${unset("HOOK_PASSWORD")}`,
      'bad1.yaml:12:18: ticket_created does not send data type "chat"; write ticket instead',
      `bad1.yaml:13:24: ${unset("HOOK_PASSWORD")}`,
      `bad1.yaml:14:18: ${unset("TEAM")}`,
      'bad1.yaml:15:24: unknown data type "visitr"; write visitor instead',
      'bad1.yaml:16:10: url "https://***@example.com/y" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead',
      "bad1.yaml:20:5: webhook chat_ended → https://example.com/z is listed twice (first at line 17); write each once instead, with all its data types",
    ]);
  });

  test("with the variables set, the problems that depended on them are found, and no other", () => {
    let message = "";
    try {
      parseConfig("bad1.yaml", text, { TEAM: "ops", HOOK_PASSWORD: "s3cret" });
    } catch (error) {
      message = (error as ConfigProblems).message;
    }
    // What the unset variables hid: a duplicate tag, an unknown event type.
    expect(message.split("\n")).toEqual([
      "bad1.yaml:1:9: author is empty; write author: john@example.com instead",
      'bad1.yaml:3:20: unknown key "grop" in a tag; write group instead',
      'bad1.yaml:5:5: tag "${TEAM}" in group 0 is listed twice (first at line 4); write each tag once instead',
      'bad1.yaml:6:25: group must be a group ID, a whole number 0 or more, not "${TEAM}"; write group: 0 instead',
      'bad1.yaml:8:17: unknown event type "chat_startd"; write chat_started instead',
      'bad1.yaml:12:18: ticket_created does not send data type "chat"; write ticket instead',
      'bad1.yaml:14:17: unknown event type "${TEAM}"; write one of chat_started, chat_ended, chat_changed, visitor_queued, ticket_created, canned_response_changed instead',
      'bad1.yaml:15:24: unknown data type "visitr"; write visitor instead',
      'bad1.yaml:16:10: url "https://***@example.com/y" has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them) instead',
      "bad1.yaml:20:5: webhook chat_ended → https://example.com/z is listed twice (first at line 17); write each once instead, with all its data types",
    ]);
  });
});
