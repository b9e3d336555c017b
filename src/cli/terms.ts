// The client's input errors speak to a library user: its options (auth, baseUrl) and the API's
// parameter names (webhook_id, tags[0]). Each one the CLI can trigger is reworded here for its
// user, who knows flags, arguments and environment variables. The rest (timeoutMs, headers,
// signal, fetch, apiVersion, a request URL's checks) cannot be reached: the CLI passes the client
// only auth from the environment and a base URL.

const CREDENTIALS = "LIVECHAT_LOGIN and LIVECHAT_API_KEY (HTTP Basic), or LIVECHAT_ACCESS_TOKEN (OAuth)";

/** Each pattern of a client message, and what the CLI's user calls it. */
const TERMS: [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  [/\bpass them as the auth option\b/g, `set ${CREDENTIALS} instead`],
  [/\bbaseUrl\b/g, "the base URL (--base-url, LIVECHAT_BASE_URL)"],
  [/\bauth\.login\b/g, "LIVECHAT_LOGIN"],
  [/\bauth\.apiKey\b/g, "LIVECHAT_API_KEY"],
  [/\bauth\.accessToken\b/g, "LIVECHAT_ACCESS_TOKEN"],
  // The path parameters of the commands' operations, as their arguments are named.
  [/^Path parameter (?:webhook_id|chat_id|ticket_id)\b/, "ID"],
  [/^Path parameter tag\b/, "NAME"],
  // tags create's body field, and set-tags' list (counted from 1, as the arguments are).
  [/^tag must\b/, "NAME must"],
  [/^tags\[(\d+)\]/, (_, index) => `TAG ${Number(index) + 1}`],
];

/** A client input error's message in the CLI's terms. */
export function inCliTerms(message: string): string {
  return TERMS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement as string), message);
}
