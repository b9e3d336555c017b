// Unknown keys in what a caller passes: the close match every "has no option" / "has no field"
// message suggests. A module of its own, without imports, so the argument checks (input.ts, which
// the mock and the webhooks subpath import too) do not pull in the client's configuration.

/** The call options every resource method takes as its last argument. */
export const CALL_OPTIONS: readonly string[] = ["signal", "timeoutMs", "headers"];

/** The first own key of `value` that is not in `known`, or undefined. A loop over the keys, no allocation. */
export function unknownKey(value: object, known: readonly string[]): string | undefined {
  for (const key in value) if (Object.hasOwn(value, key) && !known.includes(key)) return key;
  return undefined;
}

/** A name with case, `_`, `-` and `[]` ignored: `dataTypes`, `data_type` and `data_types[]` read alike. */
const loose = (name: string) => name.toLowerCase().replace(/[-_[\]]/g, "");

/** ` (did you mean <name>?)` for the known name a misspelt `key` was probably meant as (one starts with the other, loosely), or "". */
export function didYouMean(key: string, known: readonly string[]): string {
  const k = loose(key);
  const near = k === "" ? undefined : known.find((name) => loose(name).startsWith(k) || k.startsWith(loose(name)));
  return near === undefined ? "" : ` (did you mean ${near}?)`;
}

/**
 * `key` as a message quotes it: a name such as an option or field name, quoted; anything else (a
 * URL with a password, a key pasted where a name goes) is not repeated in the message.
 */
export function shownKey(key: string, secrets?: { scrub(text: string): string }, what = "an option or field name"): string {
  if (!/^[\w$.[\]-]{1,40}$/.test(key)) return `(a name that is not ${what})`;
  return JSON.stringify(secrets ? secrets.scrub(key) : key);
}
