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

  // Arrays of any length, empty included, of strings of any content, empty included.
  const texts = fc.array(fc.oneof(fc.constant(""), text), { minLength: 0, maxLength: 5 });
  const emptyArray = (key: string) =>
    `Body field "${key}" is an empty array: a form cannot carry one (no "${key}" key would be sent${key === "tag" || key === "tag[]" ? "; a tag update without tags clears every tag of the chat or ticket" : ""}). Pass at least one value.`;

  test("a PHP-style parser reads back exactly the strings it was given; an empty array is refused, never sent as nothing", () => {
    const loneSurrogate = (key: string) => `Body field "${key}" contains a lone UTF-16 surrogate; pass well-formed Unicode text.`;
    fc.assert(
      fc.property(fc.oneof(fc.constant(""), text), texts, texts, (single, tags, types) => {
        // The refusal due, field by field in the body's order, if any.
        const refusal = !single.isWellFormed() ? loneSurrogate("event_type")
          : tags.length === 0 ? emptyArray("tag[]")
          : !tags.every((s) => s.isWellFormed()) ? loneSurrogate("tag[]")
          : types.length === 0 ? emptyArray("data_types[]")
          : !types.every((s) => s.isWellFormed()) ? loneSurrogate("data_types[]")
          : undefined;
        const body = { event_type: single, "tag[]": tags, "data_types[]": types };
        if (refusal) {
          expect(() => serializeForm(body)).toThrow(new LiveChatInputError(refusal));
          return;
        }
        expect(phpParse(serializeForm(body))).toEqual({ event_type: single, tag: tags, data_types: types });
      }),
      { numRuns: 2000 },
    );
  });

  test.each([["tag[]"], ["tag"], ["data_types[]"]])("refuses an empty array under %s, whatever else the body holds", (key) => {
    expect(() => serializeForm({ group: 1, [key]: [] })).toThrow(new LiveChatInputError(emptyArray(key)));
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
