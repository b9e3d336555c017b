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

  /** Adds a URL's password, as written and percent-decoded, to the secrets. */
  urlSecret(url: string): void {
    const password = splitPassword(url)?.password;
    if (!password) return;
    this.secret(password);
    try {
      this.secret(decodeURIComponent(password));
    } catch {
      // not validly percent-encoded: the text as written is the secret
    }
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
