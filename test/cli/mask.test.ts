// Webhook URL passwords masked wherever a URL is shown; `${NAME}` substitution and its escape.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { escapeReferences, substitute } from "../../src/cli/config/substitute.js";
import { maskUrl, maskUrlsIn, splitPassword } from "../../src/cli/mask.js";

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
  ])("%s → %s", (url, shown) => {
    expect(maskUrl(url)).toBe(shown);
  });

  test("masks any password, leaving the rest of the URL as written", () => {
    const password = fc.string({ minLength: 1 }).filter((p) => !/[/?#@]/.test(p) && !/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(p));
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9._-]*$/), password, fc.stringMatching(/^[a-z0-9.-]+(\/[a-z0-9/]*)?$/), (user, pass, rest) => {
        const url = `https://${user}:${pass}@${rest}`;
        expect(splitPassword(url)?.password).toBe(pass);
        expect(maskUrl(url)).toBe(`https://${user}:***@${rest}`);
      }),
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
  ])("%s", (text, shown) => {
    expect(maskUrlsIn(text)).toBe(shown);
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
