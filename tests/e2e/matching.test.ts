import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

const { baseUrl } = await serverForThisFile();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function as(email: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext()).newPage();
  const errors = collectConsoleErrors(page);
  await signIn(page, baseUrl, email);
  return { page, errors };
}

describe("a matching round from run to accepted match", () => {
  it("coordinator runs a round, reads an explanation, overrides one proposal and approves the rest; the pioneer accepts; the requester sees it", async () => {
    const coordinator = await as("coordinator@example.org");
    const { page } = coordinator;
    await page.goto(`${baseUrl}/matching`);
    await page.waitForLoadState("networkidle");
    await expectAccessible(page);
    await Promise.all([page.waitForURL(/\/matching\/rounds\//), page.click("button:has-text('Run a matching round')")]);
    await page.locator("h1", { hasText: "Matching round of" }).waitFor();
    await expectAccessible(page);

    // Every proposal explains itself in plain words.
    const proposals = page.locator("[id^=proposal-]:has(button:has-text('Approve this match'))");
    const count = await proposals.count();
    expect(count).toBeGreaterThan(3);
    const first = await proposals.first().textContent();
    expect(first).toMatch(/How the fit score was reached/);
    expect(await page.locator("main").textContent()).toMatch(/integrated care board|region|virtually/i);
    expect(await page.locator("main").textContent()).toMatch(/exemplary|established/i);
    // The scarce measurement offer cannot help everyone: someone is told why.
    expect(await page.locator("main").textContent()).toMatch(/Unmatched/);

    // Override the requester's SPC request with one of its alternatives.
    const spc = page.locator("[id^=proposal-]", { hasText: "SPC skills for our divisional teams" });
    await spc.locator("summary:has-text('Why this offer, and decisions')").click();
    await spc.locator("summary:has-text('Approve a different offer')").click();
    const overrideForm = spc.locator("form:has(button:has-text('Check what this changes'))");
    const select = overrideForm.locator("select[name=offerId]");
    const alternative = await select.locator("option").nth(1).getAttribute("value");
    await select.selectOption(alternative!);
    await overrideForm
      .locator("textarea[name=reason]")
      .fill("Face-to-face training suits their divisional teams better.");
    await spc.locator("button:has-text('Check what this changes')").click();
    await page.locator("#override-preview button:has-text('Save override')").click();
    await page.locator("h2", { hasText: `Proposals waiting for a decision (${count - 1})` }).waitFor();

    // Approve the rest in bulk.
    const boxes = page.locator("input[name=proposalIds]");
    const remaining = await boxes.count();
    expect(remaining).toBe(count - 1);
    for (let i = 0; i < remaining; i++) await boxes.nth(i).check();
    await page.click("button:has-text('Approve selected proposals')");
    await page.getByText(/Approved \d+ of \d+ proposals/).waitFor();
    await page.waitForFunction(() => document.querySelectorAll("input[name=proposalIds]").length <= 1);
    // The override took a place another proposal counted on: that one is refused, never over capacity.
    const left = await page.locator("input[name=proposalIds]").count();
    if (left > 0) expect(await page.locator("main").textContent()).toContain("Offer is full this quarter");
    expect(left).toBeLessThanOrEqual(1);
    await expectAccessible(page);
    expect(coordinator.errors).toEqual([]);
    await page.context().close();

    // The pioneer accepts a match for one of its offers.
    const pioneer = await as("pioneer@example.org");
    await pioneer.page.goto(`${baseUrl}/matches`);
    await expectAccessible(pioneer.page);
    await pioneer.page.locator("main a[href^='/matches/']").first().click();
    await pioneer.page.waitForURL(/\/matches\/[^/]+$/);
    await expectAccessible(pioneer.page);
    await pioneer.page.click("button:has-text('Accept the match')");
    await pioneer.page.getByText(/You accepted the match/).waitFor();
    expect(pioneer.errors).toEqual([]);
    await pioneer.page.context().close();

    // The requesting trust sees its matches and the outcome.
    const requester = await as("requester@example.org");
    await requester.page.goto(`${baseUrl}/matches`);
    const text = await requester.page.locator("main").textContent();
    expect(text).toMatch(/SPC skills for our divisional teams/);
    expect(text).toMatch(/Approved|Accepted/i);
    await expectAccessible(requester.page);
    await requester.page.goto(`${baseUrl}/notifications`);
    expect(await requester.page.locator("main").textContent()).toMatch(/approved/i);
    await expectAccessible(requester.page);
    expect(requester.errors).toEqual([]);
    await requester.page.context().close();
  });
});
