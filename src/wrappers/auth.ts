// Authentication: HTTP Basic (login + API key) or an OAuth bearer token, static or refreshed per
// request. The Authorization value is built here and nowhere else; every secret is registered
// with the SecretSet so errors can scrub it.
import { LiveChatInputError } from "./errors.js";
import type { SecretSet } from "./secrets.js";
import { isWellFormed, utf8Base64 } from "./strings.js";

/** HTTP Basic: the account login (email or account ID) and the API key / personal access token. */
export interface BasicAuth {
  login: string;
  apiKey: string;
}

/** An OAuth 2.0 access token, or a function that returns a fresh one (called once per call). */
export interface BearerAuth {
  accessToken: string | (() => string | Promise<string>);
}

export type LiveChatAuth = BasicAuth | BearerAuth;

/** Visible ASCII, no spaces: what a bearer token (region prefix `dal:` included) may contain. */
const TOKEN = /^[\x21-\x7E]+$/;

const MISSING =
  'Pass auth: { login: "you@example.com", apiKey: "<API key>" } for HTTP Basic, or auth: { accessToken: "<OAuth token>" }.';

/** What a token function's call resolves to: the header value, and the token in it to scrub from that call's errors. */
export interface ResolvedAuthorization {
  header: string;
  secret: string;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** Checks a token; a fixed one is kept for scrubbing for good, a function's latest replaces the one before last. */
function checkToken(token: unknown, secrets: SecretSet, rotating: boolean): string {
  if (typeof token !== "string" || token.length === 0) {
    throw new LiveChatInputError("auth.accessToken must be a non-empty string (or a function returning one).");
  }
  if (rotating) secrets.rotate(token);
  else secrets.add(token);
  if (!TOKEN.test(token)) {
    throw new LiveChatInputError("auth.accessToken contains a space, a control or a non-ASCII character; pass the token exactly as LiveChat issued it.");
  }
  return `Bearer ${token}`;
}

/**
 * Checks the auth option and returns the Authorization value: a string when it is fixed, or a
 * function that resolves it per call (a token function) with the token to scrub from that
 * call's errors. Throws LiveChatInputError, never echoing the secret.
 */
export function authorization(auth: unknown, secrets: SecretSet): string | (() => ResolvedAuthorization | Promise<ResolvedAuthorization>) {
  if (!auth || typeof auth !== "object") throw new LiveChatInputError(`Missing auth. ${MISSING}`);
  const { login, apiKey, accessToken } = auth as Partial<BasicAuth> & Partial<BearerAuth>;
  if (accessToken !== undefined && (login !== undefined || apiKey !== undefined)) {
    throw new LiveChatInputError("Pass either { login, apiKey } or { accessToken } as auth, not both.");
  }
  if (typeof accessToken === "function") {
    const resolved = (token: unknown): ResolvedAuthorization => ({ header: checkToken(token, secrets, true), secret: token as string });
    // A token returned at once needs no waiting (and no timer): only a promise is raced.
    return () => {
      const token = accessToken();
      return isThenable(token) ? Promise.resolve(token).then(resolved) : resolved(token);
    };
  }
  if (accessToken !== undefined) return checkToken(accessToken, secrets, false);
  if (typeof login !== "string" || login.length === 0) throw new LiveChatInputError(`auth.login must be a non-empty string. ${MISSING}`);
  if (typeof apiKey !== "string" || apiKey.length === 0) throw new LiveChatInputError(`auth.apiKey must be a non-empty string. ${MISSING}`);
  secrets.add(apiKey);
  if (login.includes(":")) {
    throw new LiveChatInputError("auth.login must not contain ':' (HTTP Basic cannot carry it); pass the account login or ID alone.");
  }
  if (!isWellFormed(login) || !isWellFormed(apiKey)) {
    throw new LiveChatInputError("auth.login and auth.apiKey must be well-formed Unicode strings.");
  }
  // A key copied with a trailing newline or space would only meet LiveChat's 401.
  if (!TOKEN.test(apiKey)) {
    throw new LiveChatInputError("auth.apiKey contains a space, a control or a non-ASCII character; pass the key exactly as LiveChat issued it.");
  }
  if (login.trim() !== login || /[\0-\x1f\x7f]/.test(login)) {
    throw new LiveChatInputError("auth.login starts or ends with a space, or contains a control character; pass the login (an email or account ID) alone.");
  }
  const encoded = utf8Base64(`${login}:${apiKey}`);
  secrets.add(encoded);
  return `Basic ${encoded}`;
}
