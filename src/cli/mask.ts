// Webhook URL credentials: v2 receivers authenticate LiveChat's POSTs only by the HTTP Basic
// password embedded in the registered URL (`https://user:password@host/…`), so that password is
// a secret wherever a URL is shown. Split textually, not with `new URL`, so a URL keeps the exact
// text LiveChat stores (identity compares URLs as strings); but split where the WHATWG URL parser
// (what LiveChat's servers, fetch and URL.canParse follow) splits, or a password it reads would be
// shown in part: https://url.spec.whatwg.org/#authority-state
// - the authority starts after `scheme://` (for the special schemes http, https, ws, wss and ftp,
//   after `scheme:` and any run of `/` and `\`), and ends at the first `/`, `?` or `#` (and `\`
//   for a special scheme);
// - the userinfo is everything before the authority's LAST `@` (`https://u:p@ss@host` is user u,
//   password p@ss, host host);
// - the password is everything after the userinfo's first `:`.
// A URL the WHATWG parser cannot parse has no reading to follow: a `/`, `?` or `#` in its password
// ends the authority before the `@` (`https://u:pa/ss@host` reads as host `u`, port `pa`, and
// fails), so for such a URL the userinfo runs up to the URL's last `@` when a `:` comes before it.
// A URL that parses can mislead the same way: `https://u:p@ss/w0rd@host/` is user u, password p,
// host ss and path /w0rd@host/, and `https://u:2024/ab@host/` host u, port 2024. So wherever an
// `@` comes after the authority while the authority has a userinfo with a `:`, or is a one-word
// host with a port (see unclearAuthority), the reading is taken to be unclear: the userinfo runs
// up to the last `@` (masking too much of a URL that meant its `@` to be in the path is the safe
// error), and userinfoProblem refuses the URL. URL parsers drop tabs and line breaks anywhere in
// a URL: every reading here is of the URL without them.

import { unclearAuthority } from "../wrappers/input.js";

const SPECIAL = /^(?:https?|wss?|ftp)$/i;
/** A scheme and its `:`, as URL text starts (after any leading C0 control or space, which the parser drops). */
const SCHEME = /[a-z][a-z0-9+.-]*:/giy;
/** A `${NAME}` reference: what `export` writes in place of a password, never itself a secret. */
const REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;
/** In running text, where a URL ends besides its authority's end: whitespace and the quotes around it. */
const TEXT_END = /[\s"<>`]/;

export const MASK = "***";
/** A URL in running text longer than this is masked up to its last `@` without being read. */
const MAX_URL = 8192;

/** Where a URL's userinfo is, as offsets into the text that holds it. */
interface Userinfo {
  /** Where the userinfo starts (just after `//`). */
  start: number;
  /** The userinfo's first `:`, or -1. */
  colon: number;
  /** The `@` that ends the userinfo (the authority's last). */
  at: number;
  /** Where the authority ends (exclusive). */
  end: number;
  /** An `@` after the authority with a `:` in it: the userinfo was read up to that `@` (see the top). */
  unclear?: true;
}

/** Where the authority that runs from `from` ends: at its first `/`, `?` or `#` (`\\` too for a special scheme), else at `limit`. */
function authorityEnd(text: string, from: number, limit: number, special: boolean): number {
  let end = from;
  while (end < limit && !endsAuthority(text[end]!, special)) end++;
  return end;
}

/** The userinfo of the authority that starts at `start`, where the WHATWG parser finds it (up to the authority's last `@`); undefined when it has none. */
function userinfoAt(text: string, special: boolean, start: number): Userinfo | undefined {
  const end = authorityEnd(text, start, text.length, special);
  const at = text.lastIndexOf("@", end - 1);
  if (at < start) return undefined;
  const first = text.indexOf(":", start);
  return { start, colon: first >= 0 && first < at ? first : -1, at, end };
}

/** Where the authority of a URL whose scheme's `:` is at `colon` starts (after `//`, or any run of `/` and `\\` for a special scheme); undefined when it has none. */
function authorityStart(text: string, special: boolean, colon: number): number | undefined {
  let start = colon + 1;
  if (special) while (text[start] === "/" || text[start] === "\\") start++;
  else if (text.startsWith("//", start)) start += 2;
  else return undefined;
  return start;
}

/** The parts of a URL with a password: the text up to it, the password, the rest from the userinfo's `@`, and the host (and port) after that `@`. */
export interface UrlParts {
  before: string;
  password: string;
  after: string;
  /** The rest of the authority after the `@`: host and port. */
  host: string;
}

/**
 * The userinfo of `url` (a whole URL), or undefined when it has none: where the WHATWG parser
 * finds it; for a URL it cannot parse, up to the last `@` when a `:` comes before it.
 */
function userinfoOf(url: string): Userinfo | undefined {
  const lead = /^[\0- ]*/.exec(url)![0].length;
  SCHEME.lastIndex = lead;
  const match = SCHEME.exec(url);
  if (!match) return undefined;
  const special = SPECIAL.test(match[0].slice(0, -1));
  const start = authorityStart(url, special, lead + match[0].length - 1);
  if (start === undefined) return undefined;
  return (URL.canParse(url) ? unclearUserinfo(url, special, start) : upToLastAt(url, special, start)) ?? userinfoAt(url, special, start);
}

/** Whether `c` ends an authority. */
const endsAuthority = (c: string, special: boolean) => c === "/" || c === "?" || c === "#" || (special && c === "\\");

/**
 * For the URL whose authority starts at `start`: when an `@` comes after its authority and the
 * authority may hold a password that ended early, the userinfo up to the last `@` (see the top).
 */
function unclearUserinfo(url: string, special: boolean, start: number): Userinfo | undefined {
  const end = authorityEnd(url, start, url.length, special);
  const at = url.lastIndexOf("@");
  if (at < end || !unclearAuthority(url.slice(start, end))) return undefined;
  return { start, colon: url.indexOf(":", start), at, end: authorityEnd(url, at + 1, url.length, special), unclear: true };
}

/** The userinfo of a URL that does not parse, read up to its last `@`, when a `:` comes before it. */
function upToLastAt(url: string, special: boolean, start: number): Userinfo | undefined {
  const at = url.lastIndexOf("@");
  const colon = url.indexOf(":", start);
  if (at < start || colon < 0 || colon > at) return undefined;
  return { start, colon, at, end: authorityEnd(url, at + 1, url.length, special) };
}

/** What URL parsers read: the text without its tabs and line breaks, which they drop wherever they are. */
export const asParsed = (url: string) => url.replace(/[\t\n\r]/g, "");

/**
 * The parts of a URL with a password (a `:` in its userinfo); undefined for a URL without one. Of
 * a URL with tabs or line breaks, the parts of the URL without them, as URL parsers read it.
 */
export function splitPassword(url: string): UrlParts | undefined {
  return partsOf(asParsed(url));
}

/** splitPassword of a URL without tabs and line breaks. */
function partsOf(url: string): UrlParts | undefined {
  const info = userinfoOf(url);
  if (!info || info.colon < 0) return undefined;
  return { before: url.slice(0, info.colon + 1), password: url.slice(info.colon + 1, info.at), after: url.slice(info.at), host: url.slice(info.at + 1, info.end) };
}

const hidden = (password: string) => password === "" || password === MASK || REFERENCE.test(password);

/** `url` with its password (if any) shown as `***` (without tabs and line breaks, as URL parsers read it). */
export function maskUrl(url: string): string {
  url = asParsed(url);
  const parts = partsOf(url);
  if (!parts || hidden(parts.password)) return url;
  return `${parts.before}${MASK}${parts.after}`;
}

/** A user name shown as written: unreserved, sub-delims and percent-encodings, or a `${NAME}` reference. */
const PLAIN_USER = /^(?:(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*|\$\{[A-Za-z_][A-Za-z0-9_]*\})$/;

/**
 * `text`, a value the CLI refuses as a webhook URL (it does not parse, its userinfo must be
 * written otherwise, it is not http(s)), as a message may quote it. Where such a URL's password
 * ends cannot be known (a `/`, `?`, `#`, space or `@` in it each mislead some reading), so
 * everything between the scheme's `//` (or the start) and the last `@` is shown as `***`
 * (`https://***@example.com/hook`), unless it holds nothing secret: a plain user name, and a
 * password that is none, `***` or a `${NAME}` reference (quoted as written, to point at it).
 */
export function maskRefusedUrl(text: string): string {
  text = asParsed(text);
  const lead = /^[\0- ]*/.exec(text)![0].length;
  SCHEME.lastIndex = lead;
  const match = SCHEME.exec(text);
  const start = (match && authorityStart(text, SPECIAL.test(match[0].slice(0, -1)), lead + match[0].length - 1)) ?? lead;
  const at = text.lastIndexOf("@");
  if (at < start) return text;
  const userinfo = text.slice(start, at);
  const colon = userinfo.indexOf(":");
  const [user, password] = colon < 0 ? [userinfo, ""] : [userinfo.slice(0, colon), userinfo.slice(colon + 1)];
  if (PLAIN_USER.test(user) && hidden(password)) return text;
  return `${text.slice(0, start)}${MASK}${text.slice(at)}`;
}

/**
 * Anywhere in `text`: every URL with a password has it shown as `***`. A URL in running text
 * ends at whitespace or a quote too, so a password with one of those in it is not found here:
 * Output also scrubs every password it has seen, whatever surrounds it.
 */
export function maskUrlsIn(text: string): string {
  const scheme = /[a-z][a-z0-9+.-]*:/gi;
  let out = "";
  let done = 0;
  for (let match = scheme.exec(text); match; match = scheme.exec(text)) {
    // The URL runs to whitespace or a quote, and is read as a whole URL is.
    const afterScheme = match.index + match[0].length;
    let limit = afterScheme;
    while (limit < text.length && !TEXT_END.test(text[limit]!)) limit++;
    const at = text.lastIndexOf("@", limit - 1);
    if (at < afterScheme) {
      scheme.lastIndex = limit; // no userinfo here, nor in a URL inside it
      continue;
    }
    if (limit - match.index > MAX_URL) {
      // Too long to read (each read is linear): all up to its last `@` is masked.
      out += `${text.slice(done, afterScheme)}${MASK}`;
      done = at;
      scheme.lastIndex = limit;
      continue;
    }
    const info = userinfoOf(text.slice(match.index, limit));
    if (!info || info.colon < 0 || hidden(text.slice(match.index + info.colon + 1, match.index + info.at))) continue; // a URL inside it is read next
    out += `${text.slice(done, match.index + info.colon + 1)}${MASK}`;
    done = match.index + info.at;
    scheme.lastIndex = match.index + info.end;
  }
  return out + text.slice(done);
}

/**
 * For URLs that read the same once masked but differ (by their password): a number for each
 * distinct URL, 1, 2… in order of first appearance among those that read alike, so a list can
 * tell them apart without showing a password (nor a hash of one). Other URLs get none.
 */
export function passwordNumbers(urls: readonly string[]): Map<string, number> {
  const byMasked = new Map<string, string[]>();
  for (const url of urls) {
    const alike = byMasked.get(maskUrl(url)) ?? [];
    if (!alike.includes(url)) byMasked.set(maskUrl(url), [...alike, url]);
  }
  const numbers = new Map<string, number>();
  for (const alike of byMasked.values()) if (alike.length > 1) alike.forEach((url, i) => numbers.set(url, i + 1));
  return numbers;
}

const PASSWORD_CHARACTER =
  "has a character in its password that URL parsers read differently; percent-encode it (@ as %40, a space as %20, a double quote as %22, % as %25, / as %2F, ? as %3F, # as %23; others as encodeURIComponent writes them)";

const UNCLEAR =
  'has an "@" after its host while a ":" comes before it, which URL parsers read as a host, a port or a password ending early; if the ":" starts a password, write its "@", "/", "?" and "#" as %40, %2F, %3F and %23; if the "@" is in the path, write it as %40';

/** RFC 3986's userinfo characters: unreserved, sub-delims, `:`, and `%` with two hex digits. */
const USERINFO_CHAR = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})/;

/**
 * Why `url`'s userinfo must be written otherwise, or undefined when it is fine: a character
 * RFC 3986 does not allow there raw, which URL parsers read differently (a raw `@` ends the
 * password at the first `@` for some and at the last for WHATWG's). Names the character and
 * its percent-encoding, not the password.
 */
export function userinfoProblem(url: string): string | undefined {
  if (/[\t\n\r]/.test(url)) return "has a tab or line break, which URL parsers drop wherever it is (so it is not the URL it reads as); remove it";
  if (url.includes("\\")) return 'has a raw "\\", which URL parsers read differently (as "/" in a WHATWG parser, as part of the host in others); write it as %5C';
  const info = userinfoOf(url);
  if (!info) return undefined;
  if (info.unclear) return UNCLEAR;
  const userinfo = url.slice(info.start, info.at);
  for (let i = 0; i < userinfo.length; ) {
    const ok = USERINFO_CHAR.exec(userinfo.slice(i));
    if (ok) {
      i += ok[0].length;
      continue;
    }
    const char = String.fromCodePoint(userinfo.codePointAt(i)!);
    // Of a password, the character is not named: it is a part of the secret.
    if (info.colon >= 0 && info.start + i > info.colon) return PASSWORD_CHARACTER;
    const part = "user name";
    const shown = char === " " ? "space" : char === '"' ? `'"'` : /^[\0-\x1f\x7f-\x9f\s]$/u.test(char) ? `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` : `"${char}"`;
    return `has a raw ${shown} in its ${part}, which URL parsers read differently; write it as ${percentEncoded(char)}`;
  }
  return undefined;
}

/** `char` percent-encoded as UTF-8 (`%` itself too). */
function percentEncoded(char: string): string {
  try {
    return char === "%" ? "%25" : encodeURIComponent(char);
  } catch {
    return "its UTF-8 bytes percent-encoded"; // a lone surrogate has no UTF-8 form
  }
}
