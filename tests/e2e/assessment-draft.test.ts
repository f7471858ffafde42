import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverForThisFile } from "./support/own-server";
import { launchBrowser, signIn } from "./support/browser";

const { baseUrl } = await serverForThisFile();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function signedIn(email: string): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(page, baseUrl, email);
  return page;
}

describe("the self-assessment form without JavaScript", () => {
  it("shows the level descriptors once, saves a draft and reopens with it, then records", async () => {
    const page = await signedIn("requester@example.org");
    await page.goto(`${baseUrl}/assessment/new`);
    await expect(page.getByText("No structured activity yet", { exact: false }).count()).resolves.toBe(1);

    const processMapping = page.getByRole("group", { name: /QSIR-PM Process mapping/ });
    await processMapping.getByLabel(/Exemplary/).check();
    await page.getByLabel("Note (optional)").fill("Half way through the board workshop");
    // The draft comes back to this page, so wait for what only a saved draft shows.
    await page.click("button:has-text('Save as draft')");
    await page.getByText(/Your draft saved/).waitFor();
    await expect(processMapping.getByLabel(/Exemplary/).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel("Note (optional)").inputValue()).resolves.toBe("Half way through the board workshop");
    // Not an assessment yet: the assessment page still shows the last recorded one.
    await page.goto(`${baseUrl}/assessment`);
    await expect(page.getByText("Half way through the board workshop").count()).resolves.toBe(0);

    await page.goto(`${baseUrl}/assessment/new`);
    await Promise.all([page.waitForURL(/\/assessment$/), page.click("button:has-text('Record assessment')")]);
    await expect(page.getByText("Half way through the board workshop").count()).resolves.toBe(1);
    await page.goto(`${baseUrl}/assessment/new`);
    await expect(page.getByText(/Your draft saved/).count()).resolves.toBe(0);
    await page.context().close();
  });
});
