// `npm run mock`: `livechat-rest-v2 mock` (src/cli/commands/mock.ts) from the sources, on PORT
// (default 8787). LIVECHAT_MOCK_CHATS=N adds chats C0..C(N-1) and tickets T0..T(N-1), for load tests.
import { serveDemo } from "../src/cli/commands/mock.js";
import { describeFailure } from "../src/cli/failure.js";
import { Output } from "../src/cli/output.js";

const output = new Output({ stdout: process.stdout, stderr: process.stderr });
try {
  process.exitCode = await serveDemo({ port: Number(process.env.PORT ?? 8787), host: "127.0.0.1", chats: Number(process.env.LIVECHAT_MOCK_CHATS ?? 0) }, output);
} catch (error) {
  output.err(describeFailure(error, "npm run mock"));
  process.exitCode = 1;
}
