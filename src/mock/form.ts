// Reads request bodies the way LiveChat's PHP backend does: form fields with `key[]` / `key[0]`
// arrays, or JSON (the API accepts both).

export type Fields = Record<string, string | string[]>;

/** Parses an x-www-form-urlencoded body; undefined when it is not decodable. */
export function parseForm(text: string): Fields | undefined {
  const fields: Fields = {};
  if (text === "") return fields;
  for (const pair of text.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, " "));
      value = eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, " "));
    } catch {
      return undefined;
    }
    const array = /^(.+)\[\d*\]$/.exec(key);
    if (array) {
      const name = array[1]!;
      const list = fields[name];
      fields[name] = Array.isArray(list) ? [...list, value] : [value];
    } else {
      fields[key] = value;
    }
  }
  return fields;
}

/** Parses a body by its Content-Type; undefined when it cannot be read. */
export function parseBody(text: string, contentType: string | null): Record<string, unknown> | undefined {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") {
    try {
      const value: unknown = JSON.parse(text);
      return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  if (type === "application/x-www-form-urlencoded" || text === "") return parseForm(text);
  return undefined;
}
