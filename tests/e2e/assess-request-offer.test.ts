import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

const { baseUrl } = await serverForThisFile();
let browser: Browser;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());
beforeEach(async () => {
  page = await (await browser.newContext()).newPage();
  consoleErrors = collectConsoleErrors(page);
});
afterEach(async () => {
  await page.context().close();
  expect(consoleErrors).toEqual([]);
});

const isoDate = (daysFromToday: number) => new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);

describe("a requesting trust", () => {
  it("re-assesses, then files a request, seeing a field error for a bad date range first", async () => {
    await signIn(page, baseUrl, "requester@example.org");

    // Re-assess: the form starts from the last assessment; raise process mapping to established.
    await page.goto(`${baseUrl}/assessment/new`);
    await expectAccessible(page);
    const processMapping = page.getByRole("group", { name: /QSIR-PM Process mapping/ });
    await processMapping.getByLabel(/Established/).check();
    await Promise.all([page.waitForURL(/\/assessment$/), page.click("button:has-text('Record assessment')")]);
    await page
      .locator("h1", { hasText: /assessment/i })
      .first()
      .waitFor();
    await page
      .getByText(/Up 1 level|Up 2 levels/)
      .first()
      .waitFor();
    await expectAccessible(page);

    // File a request with the end date before the start date.
    await page.goto(`${baseUrl}/requests/new`);
    await expectAccessible(page);
    await page.fill("#title", "Measurement skills for our new improvement coaches");
    await page.fill("#outcome", "Coaches who can build and read SPC charts with their teams.");
    const capabilities = page.getByRole("group", { name: /Which capabilities/ });
    await capabilities.getByLabel("Measurement for improvement (run charts, SPC)").check();
    await page
      .getByRole("group", { name: /Who needs to learn/ })
      .getByLabel(/Improvement coaches/)
      .check();
    await page
      .getByRole("group", { name: /Which formats/ })
      .getByLabel("Training or workshop")
      .check();
    await page.fill("#windowStart", isoDate(60));
    await page.fill("#windowEnd", isoDate(30));
    await page
      .getByRole("group", { name: /virtual session be acceptable/ })
      .getByLabel(/^Yes/)
      .check();
    await page
      .getByRole("group", { name: /How far can your people travel/ })
      .getByLabel(/region/i)
      .check();
    await page
      .getByRole("group", { name: /most you can pay/ })
      .getByLabel(/^Free/)
      .check();
    await page
      .getByRole("group", { name: /How urgent/ })
      .getByLabel(/^High/)
      .check();
    await page.click("button:has-text('Submit request')");
    await expect(page.locator("#windowEnd-error").textContent()).resolves.toMatch(
      /end date must be after the start date/i,
    );
    await expect(page.locator(".nhsuk-error-summary").textContent()).resolves.toMatch(/end date/i);
    // What was typed is kept.
    await expect(page.locator("#title").inputValue()).resolves.toBe(
      "Measurement skills for our new improvement coaches",
    );
    await expectAccessible(page);

    await page.fill("#windowEnd", isoDate(150));
    await Promise.all([
      page.waitForURL((url) => /^\/requests\/(?!new$)[^/]+$/.test(url.pathname)),
      page.click("button:has-text('Submit request')"),
    ]);
    await page.locator("h1", { hasText: "Measurement skills for our new improvement coaches" }).waitFor();
    expect(await page.locator("main").textContent()).toMatch(/Submitted/);
    await expectAccessible(page);
  });
});

describe("a pioneer trust", () => {
  it("publishes an offer and pauses it until a return date", async () => {
    await signIn(page, baseUrl, "pioneer@example.org");
    await page.goto(`${baseUrl}/offers/new`);
    await expectAccessible(page);
    await page.fill("#title", "Driver diagrams masterclass");
    await page.fill("#description", "A half-day masterclass on building driver diagrams for your programme.");
    await page.getByLabel("Driver diagrams", { exact: true }).check();
    await page.getByRole("group", { name: "Format" }).getByLabel("Training or workshop").check();
    await page
      .getByRole("group", { name: "Who it is for" })
      .getByLabel(/Improvement leaders and managers/)
      .check();
    await page.fill("#capacityPerQuarter", "2");
    await page
      .getByRole("group", { name: /Cost to the requesting trust/ })
      .getByLabel(/^Free/)
      .check();
    await page.locator("input[type=date]").nth(0).fill(isoDate(0));
    await page.locator("input[type=date]").nth(1).fill(isoDate(200));
    await page.fill("#contactName", "Amara Osei");
    await page.fill("#contactEmail", "outreach.rwk@example.org");
    await Promise.all([
      page.waitForURL((url) => /^\/offers\/(?!new$)[^/]+$/.test(url.pathname)),
      page.click("main button[type=submit]:has-text('Publish')"),
    ]);
    await page.locator("h1", { hasText: "Driver diagrams masterclass" }).waitFor();
    await expectAccessible(page);

    await page.locator("summary:has-text('Pause')").click();
    await page.fill("#until", isoDate(30));
    await page.fill("#reason", "Our faculty are teaching an internal cohort this month.");
    await page.click("button:has-text('Pause offer')");
    await page
      .getByText(/Paused until/)
      .first()
      .waitFor();
    await expectAccessible(page);

    // A paused offer is not listed for requesting trusts.
    const requester = await (await browser.newContext()).newPage();
    await signIn(requester, baseUrl, "requester@example.org");
    await requester.goto(`${baseUrl}/offers?q=Driver+diagrams`);
    await expect(requester.locator("main").textContent()).resolves.not.toContain("Driver diagrams masterclass");
    await requester.goto(`${baseUrl}/offers?q=Measurement+for+improvement`);
    await expect(requester.locator("main").textContent()).resolves.toContain(
      "Measurement for improvement: run charts and SPC in practice",
    );
    await requester.context().close();
  });
});
