// What fetch does when a server answers a redirect (https://fetch.spec.whatwg.org/#http-redirect-fetch),
// for createUndiciFetch used as a plain fetch. The client itself never follows a redirect: it
// sends `redirect: "manual"` and treats a 3xx as an answer.

/** Statuses fetch follows when they carry a Location. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** fetch's limit: the 21st redirect is a network error. */
export const MAX_REDIRECTS = 20;

/** Headers that describe a body: dropped with the body when a redirect turns the request into a GET. */
const BODY_HEADERS = new Set(["content-type", "content-length", "content-encoding", "content-language", "content-location"]);

/** Headers that carry credentials or name the old host: dropped when a redirect leaves the origin. */
const ORIGIN_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "host"]);

/** The request a hop sends. */
export interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

function without(headers: Record<string, string>, names: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) if (!names.has(name.toLowerCase())) out[name] = headers[name]!;
  return out;
}

/**
 * The next hop after `status` with `location`, as fetch builds it; throws a TypeError (fetch's
 * network error) for a Location that is not an http(s) URL and for a redirect from https to
 * plain http, which fetch would follow and this transport refuses: it would send the request,
 * and whatever the server echoes, in clear text.
 */
export function nextHop(hop: Hop, status: number, location: string): Hop {
  let url: URL;
  try {
    url = new URL(location, hop.url);
  } catch {
    throw new TypeError(`${hop.url.href} redirected to ${JSON.stringify(location)}, which is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`${hop.url.href} redirected to ${url.protocol} URL; only http(s) redirects are followed`);
  }
  if (hop.url.protocol === "https:" && url.protocol === "http:") {
    throw new TypeError(`${hop.url.href} redirected to ${url.href}: a redirect from https to plain http is refused`);
  }
  let { method, headers, body } = hop;
  // 303 turns anything but GET/HEAD into a GET; 301 and 302 turn a POST into a GET (as browsers do).
  if ((status === 303 && method !== "GET" && method !== "HEAD") || ((status === 301 || status === 302) && method === "POST")) {
    method = "GET";
    body = null;
    headers = without(headers, BODY_HEADERS);
  }
  if (url.origin !== hop.url.origin) headers = without(headers, ORIGIN_HEADERS);
  return { url, method, headers, body };
}
