import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../db/connect";
import { serverForThisFile } from "./support/own-server";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

const { baseUrl, databaseUrl } = await serverForThisFile();
let browser: Browser;
let connection: Connection;

beforeAll(async () => {
  browser = await launchBrowser();
  connection = connect(databaseUrl);
});
afterAll(async () => {
  await browser?.close();
  await connection?.close();
});

async function runRound(email: string, javaScriptEnabled: boolean): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
  const errors = collectConsoleErrors(page);
  await signIn(page, baseUrl, email);
  await page.goto(`${baseUrl}/matching`);
  await Promise.all([page.waitForURL(/\/matching\/rounds\//), page.click("button:has-text('Run a matching round')")]);
  await page.locator("h1", { hasText: "Matching round of" }).waitFor();
  return { page, errors };
}

const roundId = (page: Page) => new URL(page.url()).pathname.split("/").pop()!;
const boxes = (page: Page) => page.locator("input[name=proposalIds]");
const checkedCount = (page: Page) => page.locator("input[name=proposalIds]:checked").count();

/** Approved places per offer and quarter never exceed the offer's capacity, counted from the matches themselves. */
async function placesOverCapacity(): Promise<unknown[]> {
  const matches = await connection.db
    .selectFrom("outreach_match")
    .innerJoin("offer", "offer.id", "outreach_match.offer_id")
    .select(["offer.id", "outreach_match.quarter", "offer.capacity_per_quarter"])
    .select((eb) => eb.fn.countAll<number>().as("places"))
    .where("outreach_match.status", "in", ["approved", "accepted"])
    .groupBy(["offer.id", "outreach_match.quarter", "offer.capacity_per_quarter"])
    .execute();
  return matches.filter((m) => Number(m.places) > m.capacity_per_quarter);
}

const approvedInRound = async (id: string) =>
  Number(
    (
      await connection.db
        .selectFrom("match_proposal")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("round_id", "=", id)
        .where("status", "=", "approved")
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("the matching round page", () => {
  it("without JavaScript, Select all brings the page back with every proposal ticked, and approving them holds capacity", async () => {
    const { page, errors } = await runRound("london.coordinator@example.org", false);
    const waiting = await boxes(page).count();
    expect(waiting).toBeGreaterThan(0);
    expect(await checkedCount(page)).toBe(0);

    await Promise.all([page.waitForURL(/[?&]select=all/), page.click("button:has-text('Select all')")]);
    expect(await checkedCount(page)).toBe(waiting);
    await Promise.all([page.waitForURL(/[?&]select=none/), page.click("button:has-text('Clear the selection')")]);
    expect(await checkedCount(page)).toBe(0);
    await Promise.all([page.waitForURL(/[?&]select=all/), page.click("button:has-text('Select all')")]);

    await Promise.all([page.waitForLoadState("load"), page.click("button:has-text('Approve selected proposals')")]);
    const flash = await page.getByText(/Approved \d+ of \d+ proposals/).textContent();
    const [, approved, asked] = /Approved (\d+) of (\d+)/.exec(flash!)!.map(Number);
    expect(asked).toBe(waiting);
    expect(approved).toBeGreaterThan(0);
    expect(await approvedInRound(roundId(page))).toBe(approved);
    expect(await placesOverCapacity()).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("opens with a summary table whose rows unfold; Select all ticks every box, approving keeps every offer within capacity; the round prints and downloads", async () => {
    const { page, errors } = await runRound("coordinator@example.org", true);
    await expectAccessible(page);
    const headers = await page
      .locator("table.nhsuk-table-responsive")
      .first()
      .locator("[role=columnheader]")
      .allTextContents();
    expect(headers.map((h) => h.trim())).toEqual([
      "Select",
      "Request",
      "Requesting trust",
      "Proposed offer",
      "Pioneer trust",
      "Fit score",
      "State",
    ]);
    // The coordinator reads the totals and every explanation about the trusts, never as "you".
    await page.getByText(/^\d+ of \d+ requests? helped\. Taking the best-scoring pair first would/).waitFor();
    expect(await page.locator("a", { hasText: "how matches are scored" }).getAttribute("href")).toBe(
      "/matching/weights",
    );
    const explanations = await page.locator("table.nhsuk-table-responsive").allTextContents();
    const secondPerson = [...explanations.join(" ").matchAll(/.{0,60}\b(you|your|yourself)\b.{0,20}/gi)];
    expect(secondPerson.map((m) => m[0])).toEqual([]);
    const waiting = await boxes(page).count();
    expect(waiting).toBeGreaterThan(3);
    expect(await page.locator("h2", { hasText: "Unmatched requests" }).textContent()).toMatch(/\(\d+\)/);

    // Each proposal's explanation and decisions stay folded under its row until asked for.
    const first = page.locator("tbody[id^=proposal-]").first();
    const approveOne = first.locator("button:has-text('Approve this match')");
    expect(await approveOne.isVisible()).toBe(false);
    await first.locator("summary:has-text('Why this offer, and decisions')").click();
    expect(await approveOne.isVisible()).toBe(true);
    expect(await first.textContent()).toMatch(/How the fit score was reached/);

    // A refused decision brings the page back with its row and form unfolded at the field to correct.
    await first.locator("summary:has-text('Reject this proposal')").click();
    await first.locator("button:has-text('Reject')").click();
    await page.locator(".nhsuk-error-summary a", { hasText: "Enter a reason for rejecting the proposal" }).waitFor();
    expect(await first.locator("details").first().getAttribute("open")).not.toBeNull();
    expect(await first.locator("textarea[name=reason]").first().isVisible()).toBe(true);
    expect(await boxes(page).count()).toBe(waiting);

    // Readable at 320 px: nothing scrolls sideways, with a row unfolded.
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Printed, the navigation goes and every folded detail shows.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header.nhsuk-header").isVisible()).toBe(false);
    const lastDetail = page.locator("tbody[id^=proposal-]").last().locator(".nhsuk-details__text").first();
    expect(await lastDetail.isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    expect(await lastDetail.isVisible()).toBe(false);

    // With JavaScript, Select all ticks the boxes in place and clears them again.
    const url = page.url();
    await page.click("button:has-text('Select all')");
    expect(await checkedCount(page)).toBe(waiting);
    await page.click("button:has-text('Clear the selection')");
    expect(await checkedCount(page)).toBe(0);
    await page.click("button:has-text('Select all')");
    expect(page.url()).toBe(url);

    await page.click("button:has-text('Approve selected proposals')");
    const flash = await page.getByText(/Approved \d+ of \d+ proposals/).textContent();
    const [, approved, asked] = /Approved (\d+) of (\d+)/.exec(flash!)!.map(Number);
    expect(asked).toBe(waiting);
    expect(approved).toBeGreaterThan(0);
    await page.waitForFunction(
      (left) => document.querySelectorAll("input[name=proposalIds]").length === left,
      waiting - approved,
    );
    expect(await approvedInRound(roundId(page))).toBe(approved);
    expect(await placesOverCapacity()).toEqual([]);
    await expectAccessible(page);

    // The whole round as CSV: one row per proposal and unmatched request, quarters as the page says them.
    const csv = await page.request.get(`${baseUrl}/matching/rounds/${roundId(page)}/csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines.filter((l) => /\b(you|your|yourself)\b/i.test(l))).toEqual([]);
    expect(lines[0]).toBe(
      "Quarter,Request,Requesting trust,Proposed offer,Pioneer trust,Fit score,State,Why,Decided by",
    );
    const caption = (await page.locator(".nhsuk-caption-l").textContent())!;
    const quarter = caption.slice(caption.lastIndexOf(", ") + 2);
    expect(lines.some((l) => l.startsWith(`${quarter},`) && l.includes(",Approved,"))).toBe(true);
    const total = await connection.db
      .selectFrom("match_proposal")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("round_id", "=", roundId(page))
      .executeTakeFirstOrThrow();
    expect(lines.length - 1).toBe(Number(total.n));
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
