#!/usr/bin/env node
// The `livechat-rest-v2` command (package.json `bin`): see `livechat-rest-v2 --help` and the
// README's "Command line". Not part of the library's entry points: nothing here, nor `yaml`,
// reaches the client's bundle (test/cli/bundle.test.ts).
import { main } from "./main.js";

// `livechat-rest-v2 tags list | head -1`: a reader that stops early is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
