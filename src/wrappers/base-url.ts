// Where requests may go: https, or plain http to loopback hosts only (localhost, [::1],
// 127.0.0.0/8: mocks and tests), never with credentials in the URL. Checked for the baseUrl option
// and a raw call's per-call baseUrl; a raw request leaving middleware must keep the origin of the
// one checked (raw/outgoing.ts).
import { LiveChatInputError } from "./errors.js";

/** LiveChat's API host; the only server the spec lists. */
export const DEFAULT_BASE_URL = "https://api.livechatinc.com";

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Checks `baseUrl` and returns it without a trailing slash. HTTPS only; plain HTTP is allowed
 * for loopback hosts (mocks and tests). Credentials, queries and fragments are refused.
 */
export function checkBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== "string") throw new LiveChatInputError(`baseUrl must be a string such as "${DEFAULT_BASE_URL}".`);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new LiveChatInputError(`baseUrl is not an absolute URL; pass one such as "${DEFAULT_BASE_URL}".`);
  }
  if (url.username || url.password) {
    throw new LiveChatInputError("baseUrl must not carry credentials; pass them as the auth option.");
  }
  if (url.search || url.hash || baseUrl.includes("?") || baseUrl.includes("#")) {
    throw new LiveChatInputError(`baseUrl must not have a query or fragment; pass an origin such as "${DEFAULT_BASE_URL}".`);
  }
  checkScheme(url, "baseUrl");
  return url.href.replace(/\/+$/, "");
}

function checkScheme(url: URL, what: string): void {
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new LiveChatInputError(`${what} must use https:// (plain http is allowed only for loopback hosts: localhost, [::1] and 127.0.0.0/8 such as 127.0.0.1); got http://${url.host}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new LiveChatInputError(`${what} must be an https:// URL; got ${url.host ? `${url.protocol}//${url.host}` : url.protocol}.`);
  }
}
