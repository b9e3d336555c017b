// Every failure becomes one line on stderr (what failed, the status or cause, what to do) and
// exit code 1. The client's errors carry no credential; Output scrubs each line again anyway.
import {
  isLiveChatApiError,
  isLiveChatConnectionError,
  isLiveChatInputError,
  isLiveChatTimeoutError,
} from "../index.js";
import { inCliTerms } from "./terms.js";

/** A problem the CLI found itself, already worded as the line to print. */
export class CliError extends Error {
  override readonly name = "CliError";
}

/** A line and column, both from 1. */
export interface Position {
  line: number;
  column: number;
}

/** A problem at a place in a config file. */
export interface Problem extends Position {
  message: string;
}

/** A config file's problems, one `file:line:column: …` line each, sorted by position. */
export class ConfigProblems extends CliError {
  readonly problems: Problem[];

  constructor(
    readonly file: string,
    problems: Problem[],
  ) {
    const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
    super(sorted.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join("\n"));
    this.problems = sorted;
  }
}

/** What to do about an API answer with `status`, unless the command knows better. */
function hintFor(status: number): string {
  if (status === 401) return "check LIVECHAT_LOGIN and LIVECHAT_API_KEY (or LIVECHAT_ACCESS_TOKEN), and --base-url";
  if (status === 403) return "the account lacks the right: tags and webhooks need an owner or admin (OAuth scopes tags_write, webhooks_manage, archives_write, tickets_write)";
  if (status === 400) return "LiveChat refused the input: change it as the message says";
  if (status === 408 || status === 429 || status >= 500) return "LiveChat is unavailable or limiting requests (GET, PUT and DELETE were retried twice): try again later";
  return "";
}

/**
 * What to do about a 404 to `method` `url`: a DELETE or a tag update names a webhook, tag, chat or
 * ticket that may not exist; any other request exists wherever the API is, so its base URL is wrong.
 */
function notFoundHint(method: string, url: string): string {
  const path = url.replace(/[?#].*$/, "");
  if (method === "DELETE" && /\/webhooks\/[^/]+$/.test(path)) return "no such webhook: find its ID with `livechat-rest-v2 webhooks list`";
  if (method === "DELETE" && /\/tags\/[^/]+$/.test(path)) return "no such tag in that group: see `livechat-rest-v2 tags list`";
  const update = method === "PUT" ? /\/(chats|tickets)\/[^/]+\/tags$/.exec(path) : null;
  if (update) return `no such ${update[1] === "chats" ? "chat" : "ticket"}, or a tag that does not exist (create it with \`livechat-rest-v2 tags create\`)`;
  return "the base URL has no such endpoint: check --base-url (or LIVECHAT_BASE_URL), which must be the API's origin, such as https://api.livechatinc.com";
}

/** One line for `error`, thrown while doing `what` ("tags delete", "apply: create tag …"). */
export function describeFailure(error: unknown, what: string): string {
  if (error instanceof ConfigProblems) {
    const count = error.problems.length;
    return `${error.message}\nerror: ${error.file} has ${count} problem${count === 1 ? "" : "s"}; nothing was changed.`;
  }
  if (error instanceof CliError) return `error: ${error.message}`;
  if (isLiveChatApiError(error)) {
    const hint = error.status === 404 ? notFoundHint(error.method, error.url) : hintFor(error.status);
    return `error: ${what} failed: ${error.message.replace(/\s+/g, " ")}${hint ? `; ${hint}.` : ""}`;
  }
  if (isLiveChatTimeoutError(error)) {
    return `error: ${what} failed: ${error.method} ${error.url} got no answer within ${error.timeoutMs} ms${["GET", "PUT", "DELETE"].includes(error.method) ? ", three times" : ""}; try again later.`;
  }
  if (isLiveChatConnectionError(error)) {
    return `error: ${what} failed: ${error.message.replace(/\s+/g, " ")}; check the network and the base URL (--base-url, LIVECHAT_BASE_URL).`;
  }
  if (isLiveChatInputError(error)) return `error: ${what}: ${inCliTerms(error.message)}`;
  return `error: ${what} failed unexpectedly: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`.replace(/\s+/g, " ");
}
