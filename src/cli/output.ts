// Everything the CLI prints goes through one Output, which masks webhook URL passwords and
// scrubs every known secret (API key, token, their Basic encoding, webhook passwords) from
// each line before it is written: a secret cannot reach stdout or stderr by any path.
import { SecretSet } from "../wrappers/secrets.js";
import { maskUrlsIn, splitPassword } from "./mask.js";

/** Where the CLI writes; process.stdout/stderr in the bin, buffers in tests. */
export interface Streams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * `value` as written, percent-decoded, percent-encoded (as encodeURIComponent, as the WHATWG URL
 * parser serializes a password, and as a form body), and each of those inside a JSON string:
 * the forms a password may take in a line, a URL's serialization or an echoed request.
 */
export function secretForms(value: string): string[] {
  const forms = new Set([value]);
  try {
    forms.add(decodeURIComponent(value));
  } catch {
    // not validly percent-encoded: the text as written is the secret
  }
  const url = new URL("https://example.com/");
  for (const form of [...forms]) {
    try {
      forms.add(encodeURIComponent(form));
    } catch {
      // a lone surrogate has no UTF-8 form: nothing is printed encoded
    }
    url.password = form;
    forms.add(url.password);
    forms.add(new URLSearchParams({ p: form }).toString().slice(2));
  }
  for (const form of [...forms]) forms.add(JSON.stringify(form).slice(1, -1));
  return [...forms];
}

export class Output {
  readonly #secrets = new SecretSet();
  readonly #streams: Streams;
  /** Whether --json was given (set once the command's options are parsed): results as one JSON document on stdout. */
  json = false;

  constructor(streams: Streams) {
    this.#streams = streams;
  }

  /** Adds strings that must never be printed (shorter than 4 characters: masked only inside URLs). */
  secret(...values: string[]): void {
    this.#secrets.add(...values);
  }

  /** Adds a URL's password to the secrets, in each form it may be printed in (see {@link secretForms}). */
  urlSecret(url: string): void {
    const password = splitPassword(url)?.password;
    if (password) this.secret(...secretForms(password));
  }

  /** The text as it may be shown. */
  clean(text: string): string {
    return this.#secrets.scrub(maskUrlsIn(text));
  }

  /** A line on stdout. */
  out(line = ""): void {
    this.#streams.stdout.write(`${this.clean(line)}\n`);
  }

  /** A line on stderr (notes, progress next to --json, errors). */
  err(line: string): void {
    this.#streams.stderr.write(`${this.clean(line)}\n`);
  }

  /** A value as indented JSON on stdout. */
  data(value: unknown): void {
    this.out(JSON.stringify(value, null, 2));
  }

  /** Rows under a header, columns padded to the widest cell; `empty` when there are no rows. */
  table(header: string[], rows: string[][], empty: string): void {
    if (rows.length === 0) return this.out(empty);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
    this.out(line(header));
    for (const row of rows) this.out(line(row));
  }
}
