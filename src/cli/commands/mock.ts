// `livechat-rest-v2 mock`: the package's own mock LiveChat API, served on loopback with the demo
// account, until Ctrl-C. So a user of the installed package can try every command (and the
// README's worked example) without an account or a clone of the repository; `npm run mock` runs
// the same code. The mock is imported only when the command runs: other commands do not load it,
// and nothing here reaches a client bundle (test/cli/bundle.test.ts).
import { BIN, type Command, type OptionSpec } from "../args.js";
import { CliError } from "../failure.js";
import type { Output } from "../output.js";

/** Where the mock listens, and how many extra chats and tickets it has (`npm run mock`'s load tests). */
export interface DemoOptions {
  port: number;
  host: string;
  chats?: number;
}

/** The hosts the mock may listen on: the loopback names the client sends plain http:// to. */
const LOOPBACK = ["127.0.0.1", "localhost", "::1"];

/** --port as a number: 0 (a free port) to 65535. */
function portValue(value: unknown): number {
  const port = typeof value === "string" && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port <= 65535)) throw new CliError(`--port must be a port number from 0 to 65535, not ${JSON.stringify(value)}: --port 8787 (0 picks a free one)`);
  return port;
}

/** --host as the mock listens on it: a loopback address. */
function hostValue(value: unknown): string {
  const host = typeof value === "string" ? value.replace(/^\[(.*)\]$/, "$1").toLowerCase() : "";
  if (!LOOPBACK.includes(host)) {
    throw new CliError(`--host must be a loopback address, not ${JSON.stringify(value)}: --host 127.0.0.1 (or localhost, ::1); the client sends plain http:// only to those, and the mock's credentials are public`);
  }
  return host;
}

/** Resolves on the first SIGINT or SIGTERM, then leaves both to their defaults (a second Ctrl-C kills). */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const signals = ["SIGINT", "SIGTERM"] as const;
    const stop = (signal: string) => {
      for (const s of signals) process.off(s, stop);
      resolve(signal);
    };
    for (const s of signals) process.on(s, stop);
  });
}

/** Why listening failed, in the command's terms. */
function listenError(error: unknown, { host, port }: DemoOptions): unknown {
  const code = (error as { code?: string }).code;
  const where = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  if (code === "EADDRINUSE") return new CliError(`cannot listen on ${where}: the port is in use (another mock?); pass another, such as --port 8788 (0 picks a free one)`);
  if (code === "EACCES") return new CliError(`cannot listen on ${where}: permission denied (ports below 1024 need privileges); pass --port 8787`);
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") return new CliError(`cannot listen on ${where}: the address is not available on this machine; pass --host 127.0.0.1`);
  return error;
}

/** The lines printed once the mock listens: the first is `LiveChat mock listening on <base URL>` (tests and scripts read it). */
function demoBanner(baseUrl: string, demo: typeof import("../../mock/demo.js")): string[] {
  const { DEMO_ACCESS_TOKEN, DEMO_CREDENTIALS, DEMO_SEED } = demo;
  const { login, apiKey } = DEMO_CREDENTIALS;
  const groups = [...new Set(DEMO_SEED.tags.map((t) => t.group))].join(", ");
  return [
    `LiveChat mock listening on ${baseUrl}`,
    `  login:   ${login}`,
    `  api key: ${apiKey}    (or the OAuth token ${DEMO_ACCESS_TOKEN})`,
    `  chats:   ${Object.keys(DEMO_SEED.chats).join(", ")}    tickets: ${Object.keys(DEMO_SEED.tickets).join(", ")}    tags: ${DEMO_SEED.tags.map((t) => t.name).join(", ")} (group ${groups})`,
    "",
    "In another terminal:",
    `  export LIVECHAT_LOGIN=${login} LIVECHAT_API_KEY=${apiKey} LIVECHAT_BASE_URL=${baseUrl}`,
    `  npx ${BIN} tags list`,
    `  curl -u ${login}:${apiKey} -H "X-API-Version: 2" ${baseUrl}/tags`,
    `In code: createLiveChatClient({ baseUrl: "${baseUrl}", auth: { login: "${login}", apiKey: "${apiKey}" } })`,
    "Ctrl-C stops it.",
  ];
}

/**
 * Serves the demo account's mock at `options`, prints where and how to use it, and runs until
 * `stopped` resolves (default: the first SIGINT or SIGTERM); then closes it and resolves with 0.
 */
export async function serveDemo(options: DemoOptions, output: Output, stopped: Promise<unknown> = untilSignal()): Promise<number> {
  const [demo, { serveLiveChatMock }] = await Promise.all([import("../../mock/demo.js"), import("../../mock/node.js")]);
  const mock = demo.createDemoMock({ chats: options.chats ?? 0 });
  const served = await serveLiveChatMock(mock, { port: options.port, host: options.host }).catch((error: unknown) => {
    throw listenError(error, options);
  });
  for (const line of demoBanner(served.baseUrl, demo)) output.out(line);
  await stopped;
  await served.close();
  return 0;
}

const PORT_OPTION: OptionSpec = { type: "string", value: "N", example: "8787", description: "the port (default: 8787; 0 picks a free one)" };
const HOST_OPTION: OptionSpec = { type: "string", value: "H", example: "127.0.0.1", description: "where to listen: 127.0.0.1 (default), localhost or ::1; loopback only" };

export const MOCK_COMMAND: Command = {
  path: ["mock"],
  summary: "Serves a mock LiveChat API with a demo account on this machine, to try the commands on, until Ctrl-C.",
  description: [
    "The mock is the package's own (livechat-rest-v2/mock): it answers every operation as LiveChat's v2 API documents it, keeps what you create while it runs, and forgets it when stopped. It prints its base URL and the demo account's credentials, and the line to paste in another terminal to point the other commands at it.",
  ],
  options: { port: PORT_OPTION, host: HOST_OPTION },
  api: false,
  examples: [`${BIN} mock`, `${BIN} mock --port 0`],
  async run(context) {
    const port = context.values.port === undefined ? 8787 : portValue(context.values.port);
    const host = context.values.host === undefined ? "127.0.0.1" : hostValue(context.values.host);
    return serveDemo({ port, host }, context.output);
  },
};
