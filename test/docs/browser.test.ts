// The offline docs in a real browser: Debian's Chromium through playwright-core. Every operation
// and its request fields must render, with no console error and no network request.
// Without Chromium the test is skipped, loudly; in CI (CI=true) a missing Chromium fails it.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildDocs, ROOT, scratchPipeline } from "../helpers/run.js";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available) {
  const message = `${CHROMIUM} is missing: the docs browser test cannot run (apt-get install -y chromium; .ci/run installs it).`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n⚠️  SKIPPED: ${message}\n`);
}

/** Each operation's page, its summary, and the request fields it must show. */
const OPERATIONS = [
  ["webhooks/listwebhooks", "List webhooks", ["X-API-Version"]],
  ["webhooks/createwebhook", "Create a webhook", ["X-API-Version", "event_type", "data_types[]", "url"]],
  ["webhooks/deletewebhook", "Delete a webhook", ["X-API-Version", "webhook_id"]],
  ["tags/listtags", "List tags", ["X-API-Version", "group"]],
  ["tags/createtag", "Create a tag", ["X-API-Version", "tag", "group", "author"]],
  ["tags/deletetag", "Delete a tag", ["X-API-Version", "tag", "group"]],
  ["chats/updatechattags", "Update chat tags", ["X-API-Version", "chat_id", "tag[]"]],
  ["tickets/updatetickettags", "Update ticket tags", ["X-API-Version", "ticket_id", "tag[]"]],
  ["webhooks/chatendedwebhook", "Delivered: chat_ended", ["event_type", "token", "license_id", "event_unique_id", "chat", "visitor", "pre_chat_survey"]],
  ["webhooks/ticketcreatedwebhook", "Delivered: ticket_created", ["event_type", "token", "license_id", "ticket"]],
] as const;
const SCREENSHOT = join(ROOT, "test-results/docs.png");

describe.skipIf(!available)("the rendered API docs", () => {
  let browser: Browser;
  let page: Page;
  let url = "";
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    const dir = scratchPipeline();
    const html = join(dir, "api.html");
    expect(buildDocs(dir, html).status).toBe(0);
    url = pathToFileURL(html).href;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("request", (request) => {
      if (!request.url().startsWith(url) && !/^(data|blob|about):/.test(request.url())) requests.push(request.url());
    });
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(url, { waitUntil: "load" });
    await page.getByText("What this spec guessed").first().waitFor();
  }, 60_000);

  afterAll(() => browser?.close());

  /** Routes the single-page docs to `route` and waits for its page title. */
  async function open(route: string, title: string): Promise<void> {
    await page.evaluate((hash) => (location.hash = hash), `#/${route}`);
    await page.waitForFunction((t) => [...document.querySelectorAll("h1, h2")].some((h) => (h as HTMLElement).innerText.split("\n")[0]!.trim() === t), title, { timeout: 15_000 });
  }

  test.each(OPERATIONS)("renders #/%s: %s with its request fields", async (route, summary, fields) => {
    await open(route, summary);
    const text = () => page.evaluate(() => document.body.innerText);
    // The page renders progressively after the route changes: wait for each field to appear.
    for (const field of fields) {
      await expect.poll(text, { timeout: 10_000 }).toMatch(new RegExp(`(^|\\s)${field.replace(/[[\]]/g, "\\$&")}(\\s|$)`, "m"));
    }
  });

  test.each([
    ["chats/updatechattags", "Update chat tags", "PUT", "tag%5B%5D=sales&tag%5B%5D=support"],
    ["tickets/updatetickettags", "Update ticket tags", "PUT", "tag%5B%5D=sales&tag%5B%5D=support"],
    ["webhooks/createwebhook", "Create a webhook", "POST", "event_type=chat_started&data_types%5B%5D=chat&data_types%5B%5D=visitor&url=https%3A%2F%2Fmy-company.com%2Fparse_webhook.php"],
  ])("#/%s (%s): the payload sample sends arrays as repeated bracket keys", async (route, summary, method, payload) => {
    await open(route, summary);
    const samples = page.locator("[class*=request-samples]").filter({ hasText: new RegExp(`^${method}\\b`) }).first();
    // The samples panel opens on the first code sample (curl); Redoc remembers a choice of Payload.
    const picker = samples.getByRole("button", { name: /^curl/ });
    if (await picker.count()) {
      await picker.first().click();
      await page.getByRole("menuitem", { name: "Payload", exact: true }).or(page.getByRole("option", { name: "Payload", exact: true })).first().click();
    }
    await expect.poll(() => samples.innerText(), { timeout: 10_000 }).toContain(payload);
  });

  test("shows which data types go with which event on the webhook registration page", async () => {
    await open("webhooks/createwebhook", "Create a webhook");
    const text = () => page.evaluate(() => document.body.innerText);
    await expect.poll(text, { timeout: 10_000 }).toContain('"visitor_queued":["visitor"]');
  });

  test("leaves a screenshot of an operation's page", async () => {
    await open("webhooks/createwebhook", "Create a webhook");
    await expect.poll(() => page.evaluate(() => document.body.innerText), { timeout: 10_000 }).toContain("data_types[]");
    mkdirSync(join(ROOT, "test-results"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe("PNG");
  });

  test("logged no error and made no network request", () => {
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });
});
