import type { Browser } from "playwright-core";
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
  // The demo's waiting match, made late: its deadline passed yesterday.
  await connection.db
    .updateTable("outreach_match")
    .set({ answer_due_at: new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString() })
    .where("status", "=", "approved")
    .execute();
});
afterAll(async () => {
  await browser?.close();
  await connection?.close();
});

describe("a match the pioneer did not answer in time", () => {
  it("the London coordinator sees it as a task, takes it back with a reason, and the task goes", async () => {
    const page = await (await browser.newContext()).newPage();
    const errors = collectConsoleErrors(page);
    await signIn(page, baseUrl, "london.coordinator@example.org");
    await page.goto(`${baseUrl}/`);
    const task = page.locator("[data-testid=tasks] a", {
      hasText: "Chase or re-propose a match the pioneer has not answered",
    });
    await task.waitFor();
    expect(await page.locator("[data-testid=tasks]").textContent()).toContain("Overdue");
    await Promise.all([page.waitForURL(/\/matches\/[^/]+$/), task.click()]);
    await page.locator("h2", { hasText: "The pioneer has not answered in time" }).waitFor();
    // Interact once the page's scripts have taken over, so each click is one known kind of submission.
    await page.waitForLoadState("networkidle");
    await expectAccessible(page);

    // No reason: a message by the field, and nothing changes.
    await page.click("button:has-text('Take back and re-propose')");
    await page.getByText("Enter a reason for taking the match back").first().waitFor();
    expect(
      await connection.db.selectFrom("outreach_match").select("id").where("status", "=", "cancelled").execute(),
    ).toEqual([]);

    await page.fill("textarea[name=reason]", "No answer after two reminders");
    await page.click("button:has-text('Take back and re-propose')");
    await page.getByText(/You took the match back/).waitFor();
    const rules = await connection.db.selectFrom("match_pair_rule").select("kind").execute();
    expect(rules.map((r) => r.kind)).toContain("block");

    await page.goto(`${baseUrl}/`);
    await page.locator("h2", { hasText: "Your tasks" }).waitFor();
    expect(await page.locator("main").textContent()).not.toContain(
      "Chase or re-propose a match the pioneer has not answered",
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
