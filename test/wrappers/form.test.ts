import fc from "fast-check";
import { parse } from "qs";
import { describe, expect, test } from "vitest";
import { LiveChatInputError } from "../../src/index.js";
import { serializeForm } from "../../src/wrappers/form.js";

describe("serializeForm", () => {
  test.each([
    [{ group: 1 }, "group=1"],
    [{ tag: ["sales", "support"] }, "tag[]=sales&tag[]=support"],
    [{ "tag[]": ["sales", "support"] }, "tag[]=sales&tag[]=support"],
    [{ "data_types[]": ["chat"], "x[]": "one" }, "data_types[]=chat&x[]=one"],
    [{ "a b[]": ["c"] }, "a%20b[]=c"],
    [{ event_type: "chat_started", data_types: ["chat", "visitor"], url: "https://x.y/?a=1&b=2" },
      "event_type=chat_started&data_types[]=chat&data_types[]=visitor&url=https%3A%2F%2Fx.y%2F%3Fa%3D1%26b%3D2"],
    [{ tag: "a+b c=d&e%f[g]h" }, "tag=a%2Bb%20c%3Dd%26e%25f%5Bg%5Dh"],
    [{ tag: "line\nbreak", author: "zażółć 🎉" }, "tag=line%0Abreak&author=za%C5%BC%C3%B3%C5%82%C4%87%20%F0%9F%8E%89"],
    [{ group: 0, skipped: undefined, flag: true }, "group=0&flag=1"],
    [{}, ""],
  ])("encodes %j as %s", (body, wire) => {
    expect(serializeForm(body)).toBe(wire);
  });

  test.each([
    [null, "The request body must be an object of form fields."],
    [["a"], "The request body must be an object of form fields."],
    [{ tag: "\uD800" }, 'Body field "tag" contains a lone UTF-16 surrogate; pass well-formed Unicode text.'],
    [{ group: Number.NaN }, 'Body field "group" must be a finite number.'],
    [{ tag: { nested: 1 } }, 'Body field "tag" must be a string, number, boolean or an array of them.'],
    [{ tag: [["deep"]] }, 'Body field "tag" must be a string, number, boolean or an array of them.'],
    [{ "\uDC00": 1 }, "A body field name contains a lone UTF-16 surrogate."],
  ])("refuses %j", (body, message) => {
    expect(() => serializeForm(body)).toThrow(new LiveChatInputError(message));
  });

  // qs parses bodies the way PHP does: the form LiveChat's backend reads.
  const phpParse = (wire: string) => parse(wire, { depth: 1, arrayLimit: 1000, parameterLimit: 10_000, allowEmptyArrays: false });
  const text = fc.string({ unit: "binary", maxLength: 40 });

  test("a PHP-style parser reads back exactly the strings it was given, whatever they contain", () => {
    fc.assert(
      fc.property(text, fc.array(text, { minLength: 1, maxLength: 5 }), (single, many) => {
        const body = { event_type: single, tag: many };
        let wire: string;
        try {
          wire = serializeForm(body);
        } catch (error) {
          // Only a lone surrogate, which has no UTF-8 form, may be refused.
          expect(error).toBeInstanceOf(LiveChatInputError);
          expect([single, ...many].some((s) => s.isWellFormed() === false)).toBe(true);
          return;
        }
        expect(phpParse(wire)).toEqual(body);
      }),
      { numRuns: 2000 },
    );
  });

  test("special characters round-trip: & = + % [ ] newlines and non-ASCII", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("&", "=", "+", "%", "[", "]", "\n", "\r", " ", "é", "😀", "a", "%20", "[]"), { minLength: 1, maxLength: 12 }), (parts) => {
        const value = parts.join("");
        expect(phpParse(serializeForm({ tag: [value], author: value }))).toEqual({ tag: [value], author: value });
      }),
    );
  });
});
