import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { collectConsoleErrors, expectAccessible, launchBrowser, signIn } from "./support/browser";

const { baseUrl } = await serverForThisFile();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(email: string, javaScriptEnabled = true): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ acceptDownloads: true, javaScriptEnabled })).newPage();
  const errors = collectConsoleErrors(page);
  await signIn(page, baseUrl, email);
  return { page, errors };
}

describe("the audit log", () => {
  it("an administrator filters by kind, finds a sign-in and the same event in the CSV", async () => {
    // A sign-in the log must show: the coordinator's, from this browser.
    const coordinator = await signedIn("coordinator@example.org");
    await coordinator.page.context().close();

    const { page, errors } = await signedIn("admin@example.org");
    await page.goto(`${baseUrl}/admin/audit`);
    await page.waitForLoadState("networkidle");
    await page.selectOption("#kind", "sign_in_succeeded");
    await page.fill("#person", "coordinator@");
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("kind") === "sign_in_succeeded"),
      page.click("button:has-text('Show events')"),
    ]);
    const rows = page.locator("tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const row = (await rows.first().textContent()) ?? "";
    expect(row).toContain("Signed in");
    expect(row).toContain("coordinator@example.org");
    expect(row).toContain("with a password");
    await expectAccessible(page);
    // Nothing to edit or delete: the page's only form is the filter.
    expect(await page.locator("main form").count()).toBe(1);
    expect(await page.locator("main form").getAttribute("method")).toBe("get");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /Download it as CSV/ }).click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("When (UTC),When (England),Event,Who,About whom,Organisation,From where,What");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("Signed in");
    expect(lines[1]).toContain("coordinator@example.org");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("without JavaScript, a wrong date gets a message by the field and no events", async () => {
    const { page } = await signedIn("admin@example.org", false);
    await page.goto(`${baseUrl}/admin/audit`);
    await page.fill("#from", "2026-06-02");
    await page.fill("#to", "2026-06-01");
    await Promise.all([page.waitForURL(/to=2026-06-01/), page.click("button:has-text('Show events')")]);
    expect(await page.locator("#to-error").textContent()).toContain("after the first day");
    expect(await page.locator("tbody tr").count()).toBe(0);
    await page.context().close();
  });
});
