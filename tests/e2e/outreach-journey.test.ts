import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

const { baseUrl } = await serverForThisFile();
const ENGAGEMENT_TITLE = "Coaching on our own SPC charts";
const SHARED_TITLE = "Rebuild the divisional report as SPC before the next board";

let browser: Browser;
const pages: { page: Page; errors: string[] }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());
afterEach(async () => {
  for (const { page, errors } of pages.splice(0)) {
    await page.context().close();
    expect(errors).toEqual([]);
  }
});

async function as(email: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  pages.push({ page, errors: collectConsoleErrors(page) });
  await signIn(page, baseUrl, email);
  return page;
}

/** Opens the demo engagement from the engagements list, as whoever is signed in; returns its address. */
async function openEngagement(page: Page): Promise<string> {
  await page.goto(`${baseUrl}/engagements`);
  await Promise.all([
    page.waitForURL(/\/engagements\/[^/]+$/),
    page.getByRole("link", { name: ENGAGEMENT_TITLE }).first().click(),
  ]);
  await page.locator("h1", { hasText: ENGAGEMENT_TITLE }).waitFor();
  return page.url();
}

describe("an outreach engagement from session to measured impact", () => {
  it("both trusts record a session and learning, the requester re-assesses, and the coordinator sees the impact", async () => {
    // The requester answers the pre-visit questionnaire, found as a task on its home page.
    const requester = await as("requester@example.org");
    await requester.goto(`${baseUrl}/`);
    await requester.getByRole("link", { name: "Answer the pre-visit questionnaire" }).first().waitFor();
    await openEngagement(requester);
    await expectAccessible(requester);
    await Promise.all([
      requester.waitForURL(/\/questionnaire$/),
      requester.getByRole("link", { name: "Answer the pre-visit questionnaire" }).click(),
    ]);
    await requester
      .getByLabel("What do you want to see?")
      .fill("How your divisions read SPC charts at their performance meetings.");
    await requester
      .getByLabel("Where does your data stand now?")
      .fill("Monthly RAG tables for 40 measures; no charts yet.");
    await expectAccessible(requester);
    await Promise.all([
      requester.waitForURL(/\/engagements\/[^/]+$/),
      requester.click("button:has-text('Send answers')"),
    ]);
    await requester.getByText("Monthly RAG tables for 40 measures").waitFor();

    // The pioneer reads it, records the past session as held, and shares what was learned.
    const pioneer = await as("pioneer@example.org");
    await openEngagement(pioneer);
    await pioneer.getByText("Monthly RAG tables for 40 measures").waitFor();
    const pastSession = pioneer.getByRole("row", { name: /Waiting to be recorded/ }).getByRole("link");
    await Promise.all([pioneer.waitForURL(/\/sessions\/[^/]+$/), pastSession.click()]);
    await pioneer.getByRole("heading", { name: "Record what happened" }).waitFor();
    await expectAccessible(pioneer);
    await pioneer
      .getByLabel("Notes (optional)")
      .fill("Two charts rebuilt together; the team saw a real signal in discharge times.");
    await Promise.all([
      pioneer.waitForURL(/\/engagements\/[^/]+(\/sessions\/[^/]+)?$/),
      pioneer.click("button:has-text('Record as held')"),
    ]);
    await pioneer.getByText(/Held/).first().waitFor();

    await openEngagement(pioneer);
    await Promise.all([
      pioneer.waitForURL(/\/learning\/new$/),
      pioneer.getByRole("link", { name: "Record what was learned" }).click(),
    ]);
    await pioneer.locator("#title").fill(SHARED_TITLE);
    await pioneer.locator("#linkTitle-1").fill("Making data count");
    await pioneer.locator("#linkUrl-1").fill("https://www.england.nhs.uk/publication/making-data-count/");
    await pioneer
      .getByLabel("What was learned")
      .fill("The division saw a genuine signal once the median line was drawn; RAG ratings had hidden it for a year.");
    await pioneer
      .getByRole("group", { name: /Capabilities this is about/ })
      .getByLabel("Measurement for improvement (run charts, SPC)")
      .check();
    await pioneer
      .getByRole("group", { name: "Who can read it" })
      .getByLabel("Shared with everyone on Peerlink")
      .check();
    await expectAccessible(pioneer);
    await Promise.all([
      pioneer.waitForURL((url) => !url.pathname.endsWith("/new")),
      pioneer.click("button:has-text('Save learning')"),
    ]);
    await pioneer.getByText(SHARED_TITLE).first().waitFor();

    // The requester keeps a private note with an action, then completes the engagement.
    await openEngagement(requester);
    await requester.getByText(SHARED_TITLE).first().waitFor();
    await Promise.all([
      requester.waitForURL(/\/learning\/new$/),
      requester.getByRole("link", { name: "Record what was learned" }).click(),
    ]);
    await requester.locator("#title").fill("Our board pack needs fewer measures");
    await requester.getByLabel("What was learned").fill("Forty measures is too many to chart; we will pick twelve.");
    await requester
      .getByRole("group", { name: /Capabilities this is about/ })
      .getByLabel("Model for improvement and PDSA")
      .check();
    await requester.getByRole("group", { name: "Who can read it" }).getByLabel("Private to our two trusts").check();
    await requester.locator("[name='actionDescription-1']").fill("Choose twelve board measures");
    await requester.locator("[name='actionOwner-1']").fill("Director of performance");
    await requester
      .locator("[name='actionDue-1']")
      .fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await Promise.all([
      requester.waitForURL((url) => !url.pathname.endsWith("/new")),
      requester.click("button:has-text('Save learning')"),
    ]);
    await requester.getByText("Our board pack needs fewer measures").first().waitFor();

    await openEngagement(requester);
    await requester.locator("summary", { hasText: "Mark as completed" }).click();
    await requester.getByLabel("Closing note (optional)").fill("Sessions held and charts in use.");
    await Promise.all([
      requester.waitForResponse((r) => r.request().method() === "POST"),
      requester.click("button:has-text('Mark as completed')"),
    ]);
    await requester
      .getByText(/Completed/)
      .first()
      .waitFor();

    // Both sides give feedback; neither sees the other's until both have given it.
    const engagementUrl = await openEngagement(requester);
    await requester.goto(`${engagementUrl}/feedback`);
    await giveFeedback(requester, "Practical coaching on our own data.");
    await pioneer.goto(engagementUrl);
    await pioneer.locator("h1", { hasText: ENGAGEMENT_TITLE }).waitFor();
    expect(await pioneer.locator("main").textContent()).not.toContain("Practical coaching on our own data");
    await pioneer.goto(`${engagementUrl}/feedback`);
    await giveFeedback(pioneer, "A well-prepared team.");
    await pioneer.goto(engagementUrl);
    await pioneer.getByText("Practical coaching on our own data.").first().waitFor();

    // The requester re-assesses, raising measurement for improvement: impact is measured.
    await requester.goto(`${baseUrl}/`);
    await requester.getByRole("link", { name: "Re-assess your improvement capability" }).first().waitFor();
    await requester.goto(`${baseUrl}/assessment/new`);
    await requester
      .getByRole("group", { name: /QSIR-M4I/ })
      .getByLabel(/Established/)
      .check();
    await Promise.all([requester.waitForURL(/\/assessment$/), requester.click("button:has-text('Record assessment')")]);
    await requester
      .locator("h1", { hasText: /assessment/i })
      .first()
      .waitFor();
    await openEngagement(requester);
    await requester
      .getByText(/maturity levels on average/)
      .first()
      .waitFor();
    expect(await requester.locator("main").textContent()).toMatch(/\+\d\.\d maturity levels on average/);
    await expectAccessible(requester);

    // The London coordinator sees the impact on the dashboard and downloads it.
    const coordinator = await as("london.coordinator@example.org");
    await coordinator.goto(`${baseUrl}/dashboard`);
    const impactTable = coordinator
      .locator("table", { hasText: "Measurement for improvement (run charts, SPC)" })
      .filter({ hasText: /change/i })
      .first();
    await impactTable.waitFor();
    await expectAccessible(coordinator);
    const [download] = await Promise.all([
      coordinator.waitForEvent("download"),
      coordinator.getByRole("link", { name: /Download CSV of impact by capability/i }).click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    expect(csv.split("\n")[0]).toMatch(/capability/i);
    expect(csv).toContain("Measurement for improvement (run charts, SPC)");

    // The shared entry is in the library for everyone, the private one is not.
    const other = await as("other@example.org");
    await other.goto(`${baseUrl}/learning?q=${encodeURIComponent("divisional report SPC")}`);
    await other.getByRole("link", { name: SHARED_TITLE }).first().waitFor();
    expect(await other.locator("main mark").count()).toBeGreaterThan(0);
    await other.goto(`${baseUrl}/learning?q=${encodeURIComponent("board pack fewer measures")}`);
    await other
      .locator("main")
      .getByText(/no (learning|entries|results)/i)
      .first()
      .waitFor();
    expect(await other.locator("main").textContent()).not.toContain("Our board pack needs fewer measures");
  });
});

async function giveFeedback(page: Page, comment: string) {
  await page
    .getByRole("group", { name: /How useful was the engagement/ })
    .getByLabel("5 (excellent)")
    .check();
  await page
    .getByRole("group", { name: /How well prepared was it/ })
    .getByLabel("4", { exact: true })
    .check();
  await page
    .getByRole("group", { name: /Would you recommend/ })
    .getByLabel(/^Yes/)
    .check();
  await page.getByLabel("Comment (optional)").fill(comment);
  await expectAccessible(page);
  await page.click("button:has-text('Send feedback')");
  // The page comes back showing the feedback given, without the form.
  await page.getByText(comment).first().waitFor();
  await page.locator("button:has-text('Send feedback')").waitFor({ state: "detached" });
}
