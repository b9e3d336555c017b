// Webhook URL passwords masked wherever a URL is shown; `${NAME}` substitution and its escape.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { escapeReferences, substitute } from "../../src/cli/config/substitute.js";
import { maskRefusedUrl, maskUrl, maskUrlsIn, passwordNumbers, splitPassword, userinfoProblem } from "../../src/cli/mask.js";
import { Output } from "../../src/cli/output.js";

/** The password of `url` as the WHATWG URL parser (LiveChat's, fetch's) reads it, percent-encoded as it serializes it. */
const whatwgPassword = (url: string) => new URL(url).password;
/** `password` percent-encoded as WHATWG serializes a URL's password. */
function whatwgEncoded(password: string): string {
  const url = new URL("https://example.com/");
  url.password = password;
  return url.password;
}
/** Passwords with what a parser could split on: `@`, `:`, quotes, spaces, `%`, non-ASCII; never the authority's end (`/?#\`). */
const passwordChar = fc.oneof(fc.constantFrom("@", ":", "'", '"', " ", "%", "é", "$", "{", "}", "a", "Z", "0", "-", "."), fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[/?#\\\t\n\r]/.test(c)));
const anyPassword = fc.string({ unit: passwordChar, minLength: 1 }).filter((p) => !/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(p) && p !== "***");
/** Passwords that may also hold what ends a URL's authority (`/`, `?`, `#`), where the WHATWG parser finds no password. */
const enderPassword = fc
  .string({ unit: fc.oneof(passwordChar, fc.constantFrom("/", "?", "#")), minLength: 1 })
  .filter((p) => /[/?#]/.test(p) && !/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(p) && p !== "***");
const user = fc.stringMatching(/^[a-z0-9._-]*$/);
const rest = fc.stringMatching(/^[a-z0-9-]+(\.[a-z0-9-]+)*(:[0-9]{1,4})?(\/[a-z0-9/@:]*)?$/);

describe("maskUrl", () => {
  test.each([
    ["https://hooks:s3cret@example.com/livechat", "https://hooks:***@example.com/livechat"],
    ["https://hooks:p%40ss@example.com:8443/a?b=c#d", "https://hooks:***@example.com:8443/a?b=c#d"],
    ["https://:only-password@example.com/", "https://:***@example.com/"],
    ["HTTP://u:p@example.com", "HTTP://u:***@example.com"],
    ["https://user-only@example.com/", "https://user-only@example.com/"],
    ["https://u:@example.com/", "https://u:@example.com/"],
    ["https://example.com/path?user=a:b@c", "https://example.com/path?user=a:b@c"],
    ["https://hooks:${HOOK_PASSWORD}@example.com/", "https://hooks:${HOOK_PASSWORD}@example.com/"],
    ["not a url", "not a url"],
    // The WHATWG parser ends the userinfo at the authority's last `@`: the whole password is masked.
    ["https://hooks:p@ssw0rd-very-secret@example.com/x", "https://hooks:***@example.com/x"],
    ["https://u:a:b@example.com/", "https://u:***@example.com/"],
    ["https://hooks:it's top\"secret@example.com/", "https://hooks:***@example.com/"],
    // An `@` after the host while a `:` is before it: the password may have ended early at a raw
    // `/`, `?` or `#` (`p@ss/w0rd`), so all up to the last `@` is masked (the CLI refuses such a URL).
    ["https://u:p@example.com/x@y", "https://u:***@y"],
    ["https://livechat:p@ss/w0rd@hooks.example.com/livechat", "https://livechat:***@hooks.example.com/livechat"],
    ["https://livechat:pw@hooks.example.com/a?b@c#d@e", "https://livechat:***@e"],
    // A host with a dot (or a bracketed IP) and a port is read as one: the `@` is in the path or query.
    ["https://example.com:8443/users/@me", "https://example.com:8443/users/@me"],
    ["https://hooks.example.com:8443/livechat?notify=ops@example.com", "https://hooks.example.com:8443/livechat?notify=ops@example.com"],
    ["https://[2001:db8::1]/hook/@team", "https://[2001:db8::1]/hook/@team"],
    ["https://[2001:db8::1]:8443/hook/@team", "https://[2001:db8::1]:8443/hook/@team"],
    ["http://localhost:8080/@me", "http://localhost:8080/@me"],
    // A one-word host and a port may be a user name and a password of digits that ended at its `/`.
    ["https://user:2024/ab@example.com/hook", "https://user:***@example.com/hook"],
    ["https://u:p@[2001:db8::1]/x@y", "https://u:***@y"],
    // A user name and a port before a later `@`: the password may be the port's digits and more.
    ["https://me@example.com:2024/x@hooks.example.com/", "https://me@example.com:***@hooks.example.com/"],
    ["https://user:/pw@example.com/hook", "https://user:***@example.com/hook"],
    // The limit of a textual reading: a dotted user name and a password of digits up to a raw `/`
    // read as a host and a port, as URL parsers read them (refused as input only when seen otherwise).
    ["https://john.doe:2024/x@example.com/hook", "https://john.doe:2024/x@example.com/hook"],
    // URL parsers drop tabs and line breaks anywhere: read without them.
    ["https:\t//livechat:s3cret-pw-77@example.com/h", "https://livechat:***@example.com/h"],
    ["https://live\nchat:s3cret\r-pw-77@example.com/h", "https://livechat:***@example.com/h"],
    ["https:\t//livechat:p@ss/w0rd@example.com/h", "https://livechat:***@example.com/h"],
    ["https://example.com/users/@me", "https://example.com/users/@me"],
    ["https://u@example.com/x@y", "https://u@example.com/x@y"],
    ["https://example.com#u:p@x", "https://example.com#u:p@x"],
    // For http(s), `\\` ends the authority too, and the slashes after `https:` may be any run of `/` and `\\`.
    ["https://u:p@example.com\\@evil.com/", "https://u:***@evil.com/"],
    ["https:hooks:pw@example.com/x", "https:hooks:***@example.com/x"],
    ["https:\\\\hooks:pw@example.com/x", "https:\\\\hooks:***@example.com/x"],
    [" https://u:pw@example.com", " https://u:***@example.com"],
    // Not for another scheme: `\\` is part of the password there.
    ["foo://u:p@h\\x@y", "foo://u:***@y"],
    // A `/`, `?` or `#` in the password ends the authority before its `@`: the WHATWG parser fails
    // (the port is not a number), and the password is then read up to the last `@`.
    ["https://user:pa/ss@example.com/hook", "https://user:***@example.com/hook"],
    ["https://user:pa?ss@example.com/hook", "https://user:***@example.com/hook"],
    ["https://user:pa#ss@example.com/hook", "https://user:***@example.com/hook"],
    ["https://user:pa/ss@example.com/x@y", "https://user:***@y"],
    // WHATWG reads host `user`, port 123, but `123/ss` may be a password: masked as one.
    ["https://user:123/ss@example.com/hook", "https://user:***@example.com/hook"],
  ])("%s → %s", (url, shown) => {
    expect(maskUrl(url)).toBe(shown);
  });

  test("finds the password the WHATWG parser finds, and masks all of it, leaving the rest of the URL as written", () => {
    fc.assert(
      fc.property(user, anyPassword, rest, (name, password, after) => {
        const url = `https://${name}:${password}@${after}`;
        fc.pre(URL.canParse(url) && !after.includes("@"));
        expect(whatwgPassword(url)).toBe(whatwgEncoded(password)); // the oracle reads this password
        expect(splitPassword(url)?.password).toBe(password);
        expect(maskUrl(url)).toBe(`https://${name}:***@${after}`);
      }),
      { numRuns: 500 },
    );
  });

  test("an `@` after the host, password or not: everything from the first `:` to the last `@` is masked, and the URL refused", () => {
    fc.assert(
      fc.property(user, fc.oneof(anyPassword, enderPassword), rest.filter((r) => r.includes("@")), (name, password, after) => {
        // What cannot be told from a host and a port: a user name with a dot (or localhost) and a
        // password of digits up to a raw `/`, `?` or `#` (see unclearAuthority; tested below).
        fc.pre(!((name.includes(".") || name === "localhost") && /^\d+[/?#]/.test(password)));
        const url = `https://${name}:${password}@${after}`;
        const host = after.slice(after.lastIndexOf("@") + 1);
        expect(maskUrl(url)).toBe(`https://${name}:***@${host}`);
        // In running text a URL ends at whitespace or a quote (Output scrubs what it has seen besides).
        if (!/[\s"<>`]/.test(password)) expect(maskUrlsIn(`error: ${url} is bad`)).toBe(`error: https://${name}:***@${host} is bad`);
        expect(userinfoProblem(url)).toBeDefined();
      }),
      { numRuns: 500 },
    );
  });

  test("a URL the WHATWG parser cannot parse, whose password holds `/`, `?` or `#`: the password up to the last `@` is masked", () => {
    fc.assert(
      fc.property(user, enderPassword, rest, (name, password, after) => {
        const url = `https://${name}:${password}@${after}`;
        fc.pre(!URL.canParse(url));
        const host = after.slice(after.lastIndexOf("@") + 1);
        expect(maskUrl(url)).toBe(`https://${name}:***@${host}`);
        expect(splitPassword(url)?.password).toBe(url.slice(`https://${name}:`.length, url.length - host.length - 1));
      }),
      { numRuns: 500 },
    );
  });
});

describe("maskRefusedUrl: a URL the CLI refuses is quoted with nothing between its `//` and its last `@`", () => {
  test.each([
    ["https://user:pa/ss@example.com/hook", "https://***@example.com/hook"],
    ["https://user:pa?ss@example.com/hook", "https://***@example.com/hook"],
    ["https://user:pa#ss@example.com/hook", "https://***@example.com/hook"],
    ["https://hooks:p@ssw0rd-very-secret@example.com/x", "https://***@example.com/x"],
    ["https://hooks:two words@example.com/x", "https://***@example.com/x"],
    ["https://hooks:two words/x@example.com", "https://***@example.com"],
    ["https://tok/en@example.com", "https://***@example.com"],
    ["https://u:s3cret@[example.com/x", "https://***@[example.com/x"],
    ["ftp://u:pa/ss@example.com", "ftp://***@example.com"],
    ["https:hooks:pw@example.com/x", "https:***@example.com/x"],
    ["user:pw/x@example.com", "***@example.com"],
    // Nothing secret in it: quoted as written, so a reference still points at its variable.
    ["https://hooks:${PW2}@exa mple.com/x", "https://hooks:${PW2}@exa mple.com/x"],
    ["https://${USER}:${PW}@exa mple.com/x", "https://${USER}:${PW}@exa mple.com/x"],
    ["https://hooks@exa mple.com/x", "https://hooks@exa mple.com/x"],
    ["https://exa mple.com/x", "https://exa mple.com/x"],
    ["chat_startd", "chat_startd"],
    ["john@example.com", "john@example.com"],
  ])("%s → %s", (url, shown) => {
    expect(maskRefusedUrl(url)).toBe(shown);
  });

  test("whatever the password holds, nothing of it is quoted", () => {
    fc.assert(
      fc.property(user, fc.oneof(anyPassword, enderPassword), rest, (name, password, after) => {
        const url = `https://${name}:${password}@${after}`;
        expect(maskRefusedUrl(url)).toBe(`https://***@${after.slice(after.lastIndexOf("@") + 1)}`);
      }),
      { numRuns: 500 },
    );
  });
});

describe("maskUrlsIn", () => {
  test.each([
    ["error: 400 — url https://hooks:s3cret@example.com/x is bad", "error: 400 — url https://hooks:***@example.com/x is bad"],
    ['{"url": "https://a:b1@h/x", "other": "https://c:d2@h/y"}', '{"url": "https://a:***@h/x", "other": "https://c:***@h/y"}'],
    ["two: https://a:b@h https://c:d@h", "two: https://a:***@h https://c:***@h"],
    ["mail me: john@example.com at 10:30", "mail me: john@example.com at 10:30"],
    ["already https://a:***@h", "already https://a:***@h"],
    ["error: url https://hooks:p@ssw0rd-very-secret@example.com/x is bad", "error: url https://hooks:***@example.com/x is bad"],
    ["'https://hooks:it's-a:secret@example.com/q'", "'https://hooks:***@example.com/q'"],
    ['{"url":"https://a:p@ss@h","b":"https:c:d@h"}', '{"url":"https://a:***@h","b":"https:c:***@h"}'],
    ["https://u:p@example.com\\@evil.com/ and foo://u:p@h\\x@y", "https://u:***@evil.com/ and foo://u:***@y"],
    // A URL inside another's userinfo, and a scheme right after a word character, are read too.
    ["https://a@https://u:hunter2@h.com/", "https://a@https:***@h.com/"],
    ["1https:/u:hunter2@h.com/", "1https:/u:***@h.com/"],
    ["no userinfo a:b:c:d x:y", "no userinfo a:b:c:d x:y"],
    ["plan: + webhook https://livechat:p@ss/w0rd@hooks.example.com/livechat [chat]", "plan: + webhook https://livechat:***@hooks.example.com/livechat [chat]"],
    ['"https://u:123/ab@h/x", "https://h/y@z"', '"https://u:***@h/x", "https://h/y@z"'],
  ])("%s", (text, shown) => {
    expect(maskUrlsIn(text)).toBe(shown);
  });

  test("masks the password of every URL in running text, `@`, `:` and `'` in it too", () => {
    const inText = anyPassword.filter((p) => !/[\s"<>`]/.test(p));
    fc.assert(
      fc.property(user, inText, rest, (name, password, after) => {
        // A path such as `/a://:0@` holds a URL of its own, whose password is masked too, and an `@`
        // after the host masks up to it (tested above): not this test's cases.
        fc.pre(maskUrlsIn(after) === after && !after.includes("@"));
        const url = `https://${name}:${password}@${after}`;
        expect(maskUrlsIn(`error: ${url} and "${url}", ${url}`)).toBe(`error: https://${name}:***@${after} and "https://${name}:***@${after}", https://${name}:***@${after}`);
      }),
      { numRuns: 500 },
    );
  });
});

test("a URL in running text too long to read is masked from its scheme to its last @", () => {
  const long = `https://u:hunter2@h.com/${"a".repeat(10_000)}@x`;
  expect(maskUrlsIn(`error: ${long} is bad`)).toBe("error: https:***@x is bad");
  expect(maskUrlsIn(`error: ${"a:".repeat(50_000)}`)).toBe(`error: ${"a:".repeat(50_000)}`);
});

describe("Output", () => {
  test("a password it has seen is printed by no line, as written, percent-encoded or in JSON, whatever is in it", () => {
    fc.assert(
      fc.property(user, anyPassword.filter((p) => p.length >= 4), rest, (name, password, after) => {
        const url = `https://${name}:${password}@${after}`;
        fc.pre(URL.canParse(url));
        const lines: string[] = [];
        const output = new Output({ stdout: { write: (t: string) => lines.push(t) }, stderr: { write: (t: string) => lines.push(t) } });
        output.urlSecret(url);
        output.out(`url ${url} is "${url}"`);
        output.err(JSON.stringify({ url, serialized: new URL(url).href }));
        const printed = lines.join("");
        for (const form of [password, whatwgEncoded(password), encodeURIComponent(password), JSON.stringify(password).slice(1, -1)]) expect(printed).not.toContain(form);
      }),
      { numRuns: 300 },
    );
  });

  test("a password with `/`, `?` or `#` in a URL that does not parse is printed by no line either", () => {
    fc.assert(
      fc.property(user, enderPassword.filter((p) => p.length >= 4), rest, (name, password, after) => {
        const url = `https://${name}:${password}@${after}`;
        fc.pre(!URL.canParse(url));
        const lines: string[] = [];
        const output = new Output({ stdout: { write: (t: string) => lines.push(t) }, stderr: { write: (t: string) => lines.push(t) } });
        output.urlSecret(url);
        output.out(`url ${url} is "${url}"`);
        output.err(JSON.stringify({ url }));
        const printed = lines.join("");
        for (const form of [password, encodeURIComponent(password), JSON.stringify(password).slice(1, -1)]) expect(printed).not.toContain(form);
      }),
      { numRuns: 300 },
    );
  });
});

const UNCLEAR =
  'has an "@" after its host while a ":" comes before it, which URL parsers read as a host, a port or a password ending early; if the ":" starts a password, write its "@", "/", "?" and "#" as %40, %2F, %3F and %23; if the "@" is in the path, write it as %40';

describe("userinfoProblem", () => {
  test.each<[string, string | undefined]>([
    ["https://hooks:s3cret@example.com/x", undefined],
    ["https://hooks:p%40ss@example.com/x", undefined],
    ["https://hooks:it's-a:b!$&()*+,;=~@example.com/x", undefined],
    ["https://example.com/x@y", undefined],
    ["https://hooks:p@ssw0rd-very-secret@example.com/x", 'has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them)'],
    ["https://hooks:top\"secret@example.com/x", "has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them)"],
    ["https://hooks:two words@example.com/x", "has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them)"],
    ["https://ho oks:pw@example.com/x", "has a raw space in its user name, which URL parsers read differently; write it as %20"],
    ["https://hooks:100%@example.com/x", 'has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them)'],
    ["https://hooks:pässword@example.com/x", 'has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them)'],
    ["https://hooks:a\tb@example.com/x", "has a tab or line break, which URL parsers drop wherever it is (so it is not the URL it reads as); remove it"],
    // The authority ends at `/`, `?` or `#`: the parser fails on the port; read up to the last `@`, the password holds it.
    ["https://user:pa/ss@example.com/hook", 'has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them)'],
    ["https://user:pa?ss@example.com/hook", 'has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them)'],
    ["https://user:pa#ss@example.com/hook", 'has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them)'],
    // It parses, but a password may have ended early at its `/` (or it is a port and a path's `@`): refused, saying how to write either.
    ["https://user:123/ss@example.com/hook", UNCLEAR],
    ["https://livechat:p@ss/w0rd@hooks.example.com/livechat", UNCLEAR],
    ["https://example.com/users/@me", undefined],
    ["https://me@example.com:2024/x@hooks.example.com/", UNCLEAR],
    ["https://hooks.example.com\\@evil.example/", 'has a raw "\\", which URL parsers read differently (as "/" in a WHATWG parser, as part of the host in others); write it as %5C'],
    ["https://example.com:8443/users/@me", undefined],
    ["https://hooks.example.com:8443/livechat?notify=ops@example.com", undefined],
    ["https://[2001:db8::1]/hook/@team", undefined],
    ["https://u:p@[2001:db8::1]/x@y", UNCLEAR],
    ["https:\t//livechat:p@ss/w0rd@example.com/h", "has a tab or line break, which URL parsers drop wherever it is (so it is not the URL it reads as); remove it"],
    ["https://livechat:pw@example.com/h\n", "has a tab or line break, which URL parsers drop wherever it is (so it is not the URL it reads as); remove it"],
  ])("%s", (url, problem) => {
    expect(userinfoProblem(url)).toBe(problem);
  });

  test("a userinfo it accepts has one `@`, and WHATWG reads the text after its first `:` as the password", () => {
    fc.assert(
      fc.property(user, anyPassword, rest, (name, password, after) => {
        const url = `https://${name}:${password}@${after}`;
        fc.pre(URL.canParse(url) && userinfoProblem(url) === undefined);
        expect(password).not.toMatch(/[@\s"]/);
        expect(whatwgPassword(url)).toBe(password.replace(/[:;=]/g, encodeURIComponent)); // WHATWG also encodes these three
        expect(userinfoProblem(`https://${name}:${password}@x@${after}`)).toBe('has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them)');
      }),
      { numRuns: 500 },
    );
  });
});

describe("substitute", () => {
  const env = { HOOK_PASSWORD: "s3cret", EMPTY: "" };
  test.each<[string, string, { index: number; message: string }[]]>([
    ["https://hooks:${HOOK_PASSWORD}@example.com", "https://hooks:s3cret@example.com", []],
    ["${EMPTY}x", "x", []],
    ["no references $HOME or $ alone", "no references $HOME or $ alone", []],
    ["literal $${HOOK_PASSWORD}", "literal ${HOOK_PASSWORD}", []],
    ["a ${MISSING} b", "a ${MISSING} b", [{ index: 2, message: "${MISSING}: MISSING is not set in the environment; set it (export MISSING=…) or write the value instead" }]],
    ["x ${not-a-name}", "x ${not-a-name}", [{ index: 2, message: "${not-a-name} is not a variable reference; write ${NAME} with letters, digits and _ (or $${ for a literal ${) instead" }]],
    ["open ${HOOK", "open ${HOOK", [{ index: 5, message: "`${` is not closed; write ${NAME} (or $${ for a literal ${) instead" }]],
  ])("%s", (text, value, problems) => {
    const result = substitute(text, env);
    expect(result.value).toBe(value);
    expect(result.problems).toEqual(problems);
  });

  test("an escaped string substitutes back to itself", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("$", "{", "}", "a", "_", " ") }), (text) => {
        expect(substitute(escapeReferences(text), {})).toEqual({ value: text, problems: [], names: [] });
      }),
    );
  });
});

test.each<[string, string[], [string, number][]]>([
  ["no URLs", [], []],
  ["URLs that read differently get no number", ["https://u:a@x.example/1", "https://u:a@x.example/2", "https://x.example/1"], []],
  ["the same URL twice is one URL", ["https://u:a@x.example/", "https://u:a@x.example/"], []],
  ["URLs that differ only by the password are numbered in order", ["https://u:b@x.example/", "https://y.example/", "https://u:a@x.example/", "https://u:b@x.example/"], [["https://u:b@x.example/", 1], ["https://u:a@x.example/", 2]]],
  ["each group counts from 1", ["https://u:a@x.example/", "https://u:a@y.example/", "https://u:b@y.example/", "https://u:b@x.example/"], [["https://u:a@x.example/", 1], ["https://u:b@x.example/", 2], ["https://u:a@y.example/", 1], ["https://u:b@y.example/", 2]]],
  ["another user name reads differently", ["https://u:a@x.example/", "https://v:b@x.example/"], []],
])("passwordNumbers: %s", (_, urls, expected) => {
  expect([...passwordNumbers(urls)]).toEqual(expected);
});
