// Credentials come only from the environment (a flag would land in shell history): HTTP Basic
// from LIVECHAT_LOGIN + LIVECHAT_API_KEY, or an OAuth token from LIVECHAT_ACCESS_TOKEN. When
// both kinds are set the token is used, as examples/quickstart.ts does, and stderr says so.
import { createLiveChatClient, isLiveChatInputError, type LiveChatAuth, type LiveChatClient } from "../index.js";
import { utf8Base64 } from "../wrappers/strings.js";
import { CliError } from "./failure.js";
import type { Output } from "./output.js";
import { inCliTerms } from "./terms.js";

export type Env = Record<string, string | undefined>;

const HOW = "set LIVECHAT_LOGIN and LIVECHAT_API_KEY (HTTP Basic), or LIVECHAT_ACCESS_TOKEN (OAuth)";

/** The client's auth from `env`; registers every secret with `output` before anything is printed. */
export function authFromEnv(env: Env, output: Output): LiveChatAuth {
  const { LIVECHAT_LOGIN: login, LIVECHAT_API_KEY: apiKey, LIVECHAT_ACCESS_TOKEN: token } = env;
  if (apiKey) output.secret(apiKey);
  if (login && apiKey) output.secret(utf8Base64(`${login}:${apiKey}`));
  if (token) {
    output.secret(token);
    if (login || apiKey) output.err("note: using LIVECHAT_ACCESS_TOKEN (OAuth); LIVECHAT_LOGIN/LIVECHAT_API_KEY are also set and ignored.");
    return { accessToken: token };
  }
  if (login && apiKey) return { login, apiKey };
  if (login) throw new CliError(`LIVECHAT_LOGIN is set but LIVECHAT_API_KEY is not: ${HOW}.`);
  if (apiKey) throw new CliError(`LIVECHAT_API_KEY is set but LIVECHAT_LOGIN is not: ${HOW}.`);
  throw new CliError(`no credentials: ${HOW}.`);
}

/** The login to credit new tags to when none is given: Basic auth's login, else none. */
export function defaultAuthor(auth: LiveChatAuth): string | undefined {
  return "login" in auth ? auth.login : undefined;
}

/** A client for `auth` at `baseUrl` (--base-url, else LIVECHAT_BASE_URL, else LiveChat's). */
export function clientFor(auth: LiveChatAuth, baseUrl: string | undefined): LiveChatClient {
  try {
    return createLiveChatClient({ auth, ...(baseUrl === undefined ? {} : { baseUrl }) });
  } catch (error) {
    if (!isLiveChatInputError(error)) throw error;
    throw new CliError(inCliTerms(error.message));
  }
}
