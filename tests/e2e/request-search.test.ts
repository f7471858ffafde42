import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { PERSONA_EMAILS } from "./access/types";
import { expectAccessible, launchBrowser, signIn } from "./support/browser";

/** Searching the open requests by words, with and without JavaScript: the words stay in the address. */
const { baseUrl } = await serverForThisFile();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("searching help requests", () => {
  it.each([true, false])("finds requests by a word of their title (JavaScript %s)", async (javaScriptEnabled) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await signIn(page, baseUrl, PERSONA_EMAILS.pioneer);
    await page.goto(`${baseUrl}/requests/open`);
    const firstTitle = (await page.locator("main table tbody tr a").first().textContent())!.trim();
    const word = firstTitle.split(/\s+/).find((w) => w.length > 5)!;
    if (javaScriptEnabled) await page.waitForLoadState("networkidle");
    await page.locator("#q").fill(word);
    await Promise.all([page.waitForURL(/[?&]q=/), page.locator("#q").press("Enter")]);
    // The address changes before the new list is drawn, so wait for the list itself.
    await expect.poll(() => page.locator("main table tbody tr a").allTextContents()).toContain(firstTitle);
    if (javaScriptEnabled) await expectAccessible(page);

    await page.locator("#q").fill("zzqx no such words");
    await Promise.all([page.waitForURL(/zzqx/), page.locator("#q").press("Enter")]);
    await page.getByText("No help requests match").first().waitFor();
    expect(await page.locator("main table tbody tr").count()).toBe(0);
    await context.close();
  });
});
