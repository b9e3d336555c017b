// Webhook URL credentials: v2 receivers authenticate LiveChat's POSTs only by the HTTP Basic
// password embedded in the registered URL (`https://user:password@host/…`), so that password is
// a secret wherever a URL is shown. Split textually, not with `new URL`, so a URL keeps the exact
// text LiveChat stores (identity compares URLs as strings).

/** `scheme://` then the userinfo (no `/?#@` in it) then `@`. */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;
/** A `${NAME}` reference: what `export` writes in place of a password, never itself a secret. */
const REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;

export const MASK = "***";

/** The parts of a URL with a password: prefix up to the password, the password, and the rest from `@`. */
export function splitPassword(url: string): { before: string; password: string; after: string } | undefined {
  const match = USERINFO.exec(url);
  if (!match) return undefined;
  const userinfo = match[2]!;
  const colon = userinfo.indexOf(":");
  if (colon < 0) return undefined;
  const before = match[1]! + userinfo.slice(0, colon + 1);
  return { before, password: userinfo.slice(colon + 1), after: url.slice(match[0].length - 1) };
}

/** `url` with its password (if any) shown as `***`. */
export function maskUrl(url: string): string {
  const parts = splitPassword(url);
  if (!parts || parts.password === "" || REFERENCE.test(parts.password)) return url;
  return `${parts.before}${MASK}${parts.after}`;
}

/** Anywhere in `text`: every `scheme://user:password@` has its password shown as `***`. */
const ANY_USERINFO = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"']*:([^\s/?#@"']*)@/gi;

export function maskUrlsIn(text: string): string {
  return text.replace(ANY_USERINFO, (whole: string, password: string) =>
    password === "" || password === MASK || REFERENCE.test(password) ? whole : `${whole.slice(0, whole.length - password.length - 1)}${MASK}@`,
  );
}
